using Azure;
using Azure.Data.Tables;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Webhooks;
using ChatSupport.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace ChatSupport.Grains.Webhooks;

/// <summary>
/// Works through one endpoint's queued rows (<see cref="WebhookOutbox"/>): each chat is a lane sent in its order, one
/// delivery at a time (the next waits while the head is retried), different chats side by side. Nothing is kept only
/// in memory: a row's attempts, next attempt and status are stored after each attempt, and a reminder wakes the grain
/// while rows are pending, so a silo's death delays deliveries but drops none (an attempt cut off mid-way is sent
/// again: receivers deduplicate by the event id).
/// </summary>
public sealed class WebhookDeliveryGrain(
    WebhookOutbox outbox,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDeliveryGrain> logger) : Grain, IWebhookDeliveryGrain, IRemindable
{
    private const string Sweep = "webhook-sweep";
    /// <summary>At most this many chats' heads are sent at once to one endpoint.</summary>
    private const int Parallel = 8;

    private readonly WebhookOptions _options = options.Value;
    private string _tenant = "";
    private string _endpointId = "";
    private IGrainTimer? _next;
    private bool _sweeping;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        (_tenant, _endpointId) = GrainKeys.Split(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task Wake()
    {
        RoundIn(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _sweeping = true;
        if (reminderName == Sweep) RoundIn(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    private void RoundIn(TimeSpan due)
    {
        _next?.Dispose();
        _next = this.RegisterGrainTimer(RoundAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task RoundAsync()
    {
        _next?.Dispose();
        _next = null;
        var target = await GrainFactory.GetGrain<IWebhookTargets>(_tenant).Target(_endpointId);
        IReadOnlyList<TableEntity> pending;
        try
        {
            pending = target is null ? [] : await outbox.PendingAsync(_tenant, _endpointId);
        }
        catch (Exception e) when (e is RequestFailedException or TimeoutException or HttpRequestException)
        {
            logger.LogWarning("Webhook outbox of {Endpoint} not read: {Reason}; the sweep tries again", _endpointId, e.Message);
            await EnsureSweepAsync(true);
            return;
        }
        // Revoked, or nothing left: the sweep stops (a new row wakes the grain).
        await EnsureSweepAsync(pending.Count > 0);
        if (pending.Count == 0) return;

        var now = clock.GetUtcNow();
        var heads = pending.GroupBy(r => r.GetString("SessionId"))
            .Select(lane => lane.MinBy(r => r.RowKey, StringComparer.Ordinal)!)
            .ToList();
        var due = heads.Where(h => (h.GetDateTimeOffset("NextAttemptAt") ?? now) <= now).Take(Parallel).ToList();
        if (due.Count > 0)
        {
            var uri = new Uri(target!.Url);
            await Task.WhenAll(due.Select(row => AttemptAsync(row, uri, target.Secrets)));
            RoundIn(TimeSpan.Zero); // the lanes' next rows
            return;
        }
        var soonest = heads.Min(h => h.GetDateTimeOffset("NextAttemptAt") ?? now);
        RoundIn(soonest - now);
    }

    private async Task AttemptAsync(TableEntity row, Uri uri, IReadOnlyList<string> secrets)
    {
        var attempt = await sender.SendAsync(uri, row.GetString("Event"), row.GetString("DeliveryId"), row.GetString("Body"), secrets);
        var now = clock.GetUtcNow();
        var attempts = (row.GetInt32("Attempts") ?? 0) + 1;
        var delays = _options.Delays;
        var retry = attempt.Outcome == AttemptOutcome.Retry && attempts <= delays.Count;
        row["Attempts"] = attempts;
        row["LastAttemptAt"] = now;
        row["LastStatusCode"] = attempt.StatusCode;
        row["LastError"] = attempt.Error;
        row["Status"] = attempt.Outcome == AttemptOutcome.Succeeded ? WebhookDeliveryStatus.Succeeded
            : retry ? WebhookDeliveryStatus.Pending : WebhookDeliveryStatus.Failed;
        if (retry) row["NextAttemptAt"] = now + delays[attempts - 1];
        ChatMetrics.WebhookDelivery(attempt.Outcome == AttemptOutcome.Succeeded ? "succeeded" : retry ? "retried" : "failed");
        try
        {
            await outbox.UpdateAsync(row);
        }
        catch (RequestFailedException e)
        {
            // Sent but not recorded: the next round sends it again (receivers deduplicate by event id).
            logger.LogWarning("Webhook delivery {Delivery} not recorded: {Reason}", row.GetString("DeliveryId"), e.Message);
        }
    }

    private async Task EnsureSweepAsync(bool on)
    {
        if (on == _sweeping) return;
        try
        {
            if (on) await this.RegisterOrUpdateReminder(Sweep, _options.SweepPeriod, _options.SweepPeriod);
            else if (await this.GetReminder(Sweep) is { } reminder) await this.UnregisterReminder(reminder);
            _sweeping = on;
        }
        catch (Exception e)
        {
            logger.LogWarning("Webhook sweep of {Endpoint} not {Change}: {Reason}", _endpointId, on ? "registered" : "stopped", e.Message);
        }
    }
}
