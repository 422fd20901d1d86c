using ChatSupport.Api.SiloLoss;
using ChatSupport.Contracts.Pushes;

namespace ChatSupport.Api.Pushes;

/// <summary>
/// Renews this node's watches (<see cref="PushWatches"/>) every <see cref="PushWatch.RenewPeriod"/>, at once when a silo
/// is lost (its grains come back elsewhere, knowing no watcher), and those that failed every <see cref="RetryDelay"/> until
/// they succeed. A grain that moved thus learns of this node within seconds, and sends what its clients missed.
/// </summary>
public sealed class PushRenewal(PushWatches watches, SiloLossSignal siloLoss) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var onlyStale = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var lost = siloLoss.Token;
            var failed = await watches.RenewAsync(onlyStale);
            // The retries a second apart renew only what failed: the rest was answered, by a live activation.
            onlyStale = failed > 0;
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lost);
            try
            {
                await Task.Delay(onlyStale ? RetryDelay : PushWatch.RenewPeriod, wake.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                onlyStale = false; // a silo was lost: renew everything now
            }
        }
    }
}
