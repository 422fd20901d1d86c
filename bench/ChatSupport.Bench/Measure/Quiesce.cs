namespace ChatSupport.Bench.Measure;

/// <summary>
/// Waits (bounded) until a server has worked off what the previous phase left queued, so a baseline measured
/// next does not share the machine with that backlog (after an overloaded steady phase it can take seconds).
/// </summary>
public static class Quiesce
{
    private const double QuietCores = 0.25;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    public static async Task WaitAsync(ProcessMeter? server, TimeSpan limit, CancellationToken ct)
    {
        if (server is null) return;
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var window = new CpuWindow([("server", server)]);
            await Task.Delay(Window, ct);
            if (window.CoresUsed()["server"] < QuietCores) return;
        }
    }
}
