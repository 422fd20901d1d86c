using System.Collections.Concurrent;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Settings;
using Microsoft.AspNetCore.SignalR;
using Orleans.Streams;

namespace ChatSupport.Api.Settings;

/// <summary>
/// The widget's public settings, cached on this Api node per tenant: every page load of every visitor reads them,
/// and they change rarely. An entry is dropped when the tenant's settings stream announces a change (so every node
/// applies a save at once), and lives at most <see cref="MaxAge"/> or until the schedule opens or closes, whichever
/// comes first. The node subscribes once per tenant it has served (the route) or has visitor connections of (the hub).
/// On a change it reads the new view once and pushes it to this node's visitor connections of the tenant
/// (<see cref="IVisitorClient.SettingsChanged"/>), so an open widget in a chat applies it at once.
/// </summary>
public sealed class WidgetSettingsCache(IClusterClient cluster, IHubContext<VisitorHub, IVisitorClient> visitors, ILogger<WidgetSettingsCache> logger)
{
    /// <summary>A bound on staleness if a change event were ever lost (the reply-time figure refreshes with it too).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private sealed record Entry(Task<WidgetSettingsView> View, DateTimeOffset FetchedAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _subscriptions = new(StringComparer.Ordinal);

    public async Task<WidgetSettingsView> GetAsync(string tenant)
    {
        await EnsureSubscribedAsync(tenant);
        var now = DateTimeOffset.UtcNow;
        if (_entries.TryGetValue(tenant, out var entry) && entry.View.IsCompletedSuccessfully && Fresh(entry.View.Result, entry.FetchedAt, now))
            return entry.View.Result;
        var fetched = new Entry(cluster.GetGrain<ISettingsGrain>(tenant).GetWidgetView(), now);
        _entries[tenant] = fetched;
        try
        {
            return await fetched.View;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(tenant, fetched));
            throw;
        }
    }

    /// <summary>Seconds a browser or proxy may keep the answer: never past the next opening or closing.</summary>
    public TimeSpan MaxAgeOf(WidgetSettingsView view)
    {
        var left = MaxAge / 2;
        if (view.ValidUntil is { } until && until - DateTimeOffset.UtcNow < left) left = until - DateTimeOffset.UtcNow;
        return left < TimeSpan.Zero ? TimeSpan.Zero : left;
    }

    private static bool Fresh(WidgetSettingsView view, DateTimeOffset fetchedAt, DateTimeOffset now) =>
        now - fetchedAt < MaxAge && (view.ValidUntil is not { } until || now < until);

    /// <summary>A visitor connection of the tenant opened on this node: it is pushed the next change.</summary>
    public async Task FollowAsync(string tenant, string connectionId)
    {
        await visitors.Groups.AddToGroupAsync(connectionId, HubGroups.WidgetSettings(tenant));
        await EnsureSubscribedAsync(tenant);
    }

    private async Task EnsureSubscribedAsync(string tenant)
    {
        var task = _subscriptions.GetOrAdd(tenant, SubscribeAsync);
        try
        {
            await task;
        }
        catch
        {
            // Served anyway: without the subscription the entry still expires after MaxAge; the next request tries again.
            _subscriptions.TryRemove(new KeyValuePair<string, Task>(tenant, task));
        }
    }

    private async Task SubscribeAsync(string tenant)
    {
        try
        {
            await cluster.GetStreamProvider(ChatStreams.Provider)
                .GetStream<SettingsChanged>(StreamId.Create(SettingsStreams.Namespace, tenant))
                .SubscribeAsync((changed, token) =>
                {
                    _entries.TryRemove(changed.TenantId, out _);
                    return PushAsync(changed.TenantId);
                });
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Subscribing to the settings of {Tenant} failed", tenant);
            throw;
        }
    }

    /// <summary>One read of the new view per node and change, then one push per connection; a failure leaves the poll to bring it.</summary>
    private async Task PushAsync(string tenant)
    {
        try
        {
            await visitors.Clients.Group(HubGroups.WidgetSettings(tenant)).SettingsChanged(await GetAsync(tenant));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Pushing the settings of {Tenant} to its widgets failed", tenant);
        }
    }
}
