using ChatSupport.Contracts.Pushes;

namespace ChatSupport.Api.Pushes;

/// <summary>
/// The channels this Api node watches: for each, a grain observer of its own registered with the grain that raises the
/// events (<see cref="IPushSource"/>). One observer per channel keeps each channel's pushes in order (Orleans hands an
/// observer its calls one at a time, in the order one activation sent them) while channels run side by side.
/// Watches are renewed by <see cref="PushRenewal"/>; a renewal answered by another activation than the last one
/// makes that grain send what was missed (<see cref="IPushSource.Watch"/>).
/// </summary>
public sealed class PushWatches(IClusterClient cluster, ILogger<PushWatches> logger)
{
    /// <summary>A renewal that takes longer (its grain's silo is dying) is tried again at the next round, not waited for.</summary>
    private static readonly TimeSpan RenewTimeout = TimeSpan.FromSeconds(3);

    private sealed class Receiver(PushWatches owner, PushChannel channel, Func<object, Task> onPush, ILogger logger) : IPushObserver
    {
        public async Task Pushed(object item)
        {
            try
            {
                // The activation is going: watch the next one now rather than at the next renewal.
                if (item is PushSourceLeaving) owner.RenewSoon(channel);
                else await onPush(item);
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "A push of {Channel} was not forwarded", channel);
            }
        }
    }

    private sealed class Watch
    {
        public required Receiver Receiver; // held here: Orleans keeps only a weak reference to an observer
        public required IPushObserver Reference;
        public Task Started = Task.CompletedTask;
        /// <summary>The activation that answered the last watch; null until the first is answered.</summary>
        public string? Activation;
        /// <summary>The last renewal failed: the retries, a second apart, renew only these.</summary>
        public bool Stale;
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<PushChannel, Watch> _watches = [];

    /// <summary>
    /// Watches the channel unless it is watched already; the task ends when the first watch is answered, so pushes of
    /// anything stored after it reach <paramref name="onPush"/>. A first watch that fails is forgotten: the next call tries again.
    /// </summary>
    public Task Start(PushChannel channel, Func<object, Task> onPush)
    {
        lock (_gate)
        {
            if (_watches.TryGetValue(channel, out var known)) return known.Started;
            var receiver = new Receiver(this, channel, onPush, logger);
            var watch = new Watch { Receiver = receiver, Reference = cluster.CreateObjectReference<IPushObserver>(receiver) };
            _watches[channel] = watch;
            watch.Started = StartAsync(channel, watch);
            return watch.Started;
        }
    }

    private async Task StartAsync(PushChannel channel, Watch watch)
    {
        try
        {
            var activation = await channel.SourceIn(cluster).Watch(watch.Reference, knownActivation: null);
            lock (_gate) watch.Activation ??= activation;
        }
        catch
        {
            lock (_gate)
                if (_watches.TryGetValue(channel, out var current) && current == watch) _watches.Remove(channel);
            cluster.DeleteObjectReference<IPushObserver>(watch.Reference);
            throw;
        }
    }

    /// <summary>Stops watching; the grain is told, and forgets the node by itself if that is lost.</summary>
    public void Stop(PushChannel channel)
    {
        Watch? stopped;
        lock (_gate)
            if (_watches.Remove(channel, out stopped) is false) return;
        _ = UnwatchAsync(channel, stopped);
    }

    private async Task UnwatchAsync(PushChannel channel, Watch stopped)
    {
        try
        {
            await stopped.Started;
            await channel.SourceIn(cluster).Unwatch(stopped.Reference);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Unwatching {Channel} failed", channel);
        }
        finally
        {
            cluster.DeleteObjectReference<IPushObserver>(stopped.Reference);
        }
    }

    /// <summary>
    /// Renews every watch that was answered (or, with <paramref name="onlyStale"/>, those whose last renewal failed);
    /// returns how many renewals failed, to be tried again soon.
    /// </summary>
    public async Task<int> RenewAsync(bool onlyStale = false)
    {
        KeyValuePair<PushChannel, Watch>[] watches;
        lock (_gate) watches = [.. _watches.Where(w => w.Value.Started.IsCompletedSuccessfully && (w.Value.Stale || !onlyStale))];
        var renewed = await Task.WhenAll(watches.Select(w => RenewAsync(w.Key, w.Value)));
        var failed = renewed.Count(ok => !ok);
        if (failed > 0) logger.LogInformation("{Failed} of {Count} watches not renewed; trying again shortly", failed, watches.Length);
        return failed;
    }

    /// <summary>One channel's watch, off the pushing call (a failure is retried by the next round of <see cref="PushRenewal"/>).</summary>
    private void RenewSoon(PushChannel channel)
    {
        Watch? watch;
        lock (_gate)
            if (!_watches.TryGetValue(channel, out watch) || !watch.Started.IsCompletedSuccessfully) return;
        _ = Task.Run(() => RenewAsync(channel, watch));
    }

    private async Task<bool> RenewAsync(PushChannel channel, Watch watch)
    {
        try
        {
            string? known;
            lock (_gate) known = watch.Activation;
            var activation = await channel.SourceIn(cluster).Watch(watch.Reference, known).WaitAsync(RenewTimeout);
            lock (_gate) (watch.Activation, watch.Stale) = (activation, false);
            return true;
        }
        catch (Exception e)
        {
            lock (_gate) watch.Stale = true;
            logger.LogDebug(e, "Renewing the watch of {Channel} failed", channel);
            return false;
        }
    }
}
