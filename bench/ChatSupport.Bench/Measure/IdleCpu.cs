namespace ChatSupport.Bench.Measure;

/// <summary>What the processes burn while nothing is asked of them: timers, polling and keep-alives.</summary>
public static class IdleCpu
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    /// <param name="settle">Waited out first, so work left over from the previous step (disconnects, tiered JIT) is not counted as idle.</param>
    public static async Task<IReadOnlyDictionary<string, double>> MeasureAsync(IEnumerable<(string Name, ProcessMeter Meter)> processes,
        TimeSpan settle, CancellationToken ct)
    {
        await Task.Delay(settle, ct);
        var window = new CpuWindow(processes);
        await Task.Delay(Window, ct);
        return window.CoresUsed();
    }
}
