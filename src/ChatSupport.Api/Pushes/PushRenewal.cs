using ChatSupport.Api.SiloLoss;
using ChatSupport.Contracts.Pushes;

namespace ChatSupport.Api.Pushes;

/// <summary>
/// Renews this node's watches (<see cref="PushWatches"/>) every <see cref="PushWatch.RenewPeriod"/>, at once when a silo
/// is lost (its grains come back elsewhere, knowing no watcher), and every <see cref="RetryDelay"/> while some
/// renewal fails. A grain that moved thus learns of this node within seconds, and sends what its clients missed.
/// </summary>
public sealed class PushRenewal(PushWatches watches, SiloLossSignal siloLoss) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var lost = siloLoss.Token;
            var failed = await watches.RenewAsync();
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lost);
            try
            {
                await Task.Delay(failed > 0 ? RetryDelay : PushWatch.RenewPeriod, wake.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // A silo was lost: renew now.
            }
        }
    }
}
