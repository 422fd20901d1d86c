using System.Collections.Concurrent;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Settings;
using Microsoft.AspNetCore.SignalR;
using ChatSupport.Api.Pushes;

namespace ChatSupport.Api.Settings;

/// <summary>
/// The widget's public settings, cached on this Api node per tenant: every page load of every visitor reads them,
/// and they change rarely. An entry is dropped when the tenant's settings grain pushes a change (so every node
/// applies a save at once), and lives at most <see cref="MaxAge"/> or until the schedule opens or closes, whichever
/// comes first. The node watches the tenant's settings grain (<see cref="PushWatches"/>) once it has served the tenant (the
/// route) or has visitor connections of it (the hub), and keeps watching.
/// On a change it reads the new view once and pushes it to this node's visitor connections of the tenant
/// (<see cref="IVisitorClient.SettingsChanged"/>), so an open widget in a chat applies it at once.
/// </summary>
public sealed class WidgetSettingsCache(IClusterClient cluster, PushWatches watches, IHubContext<VisitorHub, IVisitorClient> visitors, ILogger<WidgetSettingsCache> logger)
{
    /// <summary>A bound on staleness if a change event were ever lost (the reply-time figure refreshes with it too).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private sealed record Entry(Task<WidgetSettingsView> View, DateTimeOffset FetchedAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

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
        try
        {
            await watches.Start(new PushChannel(PushChannelKind.Settings, tenant), ChangedAsync);
        }
        catch (Exception e)
        {
            // Served anyway: without the watch the entry still expires after MaxAge; the next request tries again.
            logger.LogWarning(e, "Watching the settings of {Tenant} failed", tenant);
        }
    }

    private Task ChangedAsync(object item)
    {
        if (item is not SettingsChanged changed) return Task.CompletedTask;
        _entries.TryRemove(changed.TenantId, out _);
        return PushAsync(changed.TenantId);
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
