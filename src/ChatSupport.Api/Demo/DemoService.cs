using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Demo;

/// <summary>
/// <c>ChatSupport:Demo:Enabled</c>: after the bootstrap made the demo tenant, its 30 days of history (once per data
/// folder, <see cref="DemoHistory"/>), then a few simulated visitors chatting live until the host stops.
/// </summary>
public sealed class DemoService(DemoHistory history, IGrainFactory grains, IOptions<DemoOptions> options, ILogger<DemoService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await history.EnsureAsync(stoppingToken);
            await LiveAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped: the marker says how far the history got.
        }
        catch (Exception e)
        {
            // The demo is an extra: the host goes on serving without it.
            logger.LogError(e, "Demo data stopped");
        }
    }

    /// <summary>Keeps <see cref="DemoOptions.LiveVisitors"/> simulated visitors chatting, a new one a little after each leaves.</summary>
    private async Task LiveAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (o.LiveVisitors <= 0) return;
        var agents = await DemoTeam.AgentsAsync(grains, o.Tenant);
        logger.LogInformation("Demo: {Count} simulated visitors chatting live in tenant {Tenant}", o.LiveVisitors, o.Tenant);
        await Task.WhenAll(Enumerable.Range(0, o.LiveVisitors).Select(async slot =>
        {
            // Spread out, so they do not all arrive at once.
            await Task.Delay(TimeSpan.FromSeconds(slot * 15), ct);
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await new DemoLiveVisitor(grains, o.Tenant, agents, new DemoRandom(Random.Shared.Next())).RunAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "A simulated visitor stopped");
                }
                await Task.Delay(TimeSpan.FromSeconds(10 + 50 * Random.Shared.NextDouble()), ct);
            }
        }));
    }
}
