using Orleans.Messaging;

namespace ChatSupport.Api.SiloLoss;

/// <summary>
/// Reads the cluster's live gateways from the membership table every second and trips <see cref="SiloLossSignal"/>
/// when one disappears: the silos declared it dead (or it left). This catches a silo that hangs with its sockets
/// open, which no connection drop reveals; Orleans' own gateway refresh (GatewayListRefreshPeriod) only stops
/// sending new calls there and leaves those in flight to time out.
/// </summary>
public sealed class SiloDeathWatch(IGatewayListProvider gateways, SiloLossSignal signal, ILogger<SiloDeathWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HashSet<Uri>? known = null;
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var live = (await gateways.GetGateways()).ToHashSet();
                if (known is not null && known.Except(live).FirstOrDefault() is { } gone)
                    signal.Trip($"membership no longer lists gateway {gone}"); // the address carries the silo's generation
                known = live;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The table is unreachable or the provider not yet initialised by the client: try at the next tick.
                logger.LogDebug(e, "Gateway list not read");
            }
        }
    }
}
