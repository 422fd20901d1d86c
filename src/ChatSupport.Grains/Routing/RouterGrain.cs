using System.Text.Json;
using System.Text.Json.Serialization;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Audit;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSupport.Grains.Routing;

[GenerateSerializer]
public sealed record RouterState
{
    [Id(0)] public RoutingSettings Settings { get; init; } = new();
    /// <summary>Round robin's place: the agent chosen last (stored, so a failover does not start the turn over).</summary>
    [Id(1)] public string? LastChosen { get; init; }
}

/// <summary>
/// One tenant's router (<see cref="IRouterGrain"/>). A pass reads the desk's waiting queue and the team (presence, open
/// chats, capacity), asks <see cref="RoutingRule"/> for each chat in turn, and assigns through the session's own
/// command, a few chats at once: a chat someone took meanwhile answers already_assigned and is skipped, so nothing is doubled. Passes run
/// when nudged (chat start, agent online, slot freed), every <see cref="RoutingOptions.SweepPeriod"/>, and on a
/// reminder that brings the router back after its silo died; none of them is needed for correctness, only for speed.
/// </summary>
public sealed class RouterGrain(
    [PersistentState("router", StorageNames.Chat)] IPersistentState<RouterState> state,
    IOptions<RoutingOptions> options,
    TimeProvider clock,
    ILogger<RouterGrain> logger) : Grain, IRouterGrain, IRemindable
{
    private const string WakeUpReminder = "routing-wake-up";
    /// <summary>The most waiting chats one pass looks at (the queue's own cap is 500 by default).</summary>
    private const int PassSize = 2_000;
    /// <summary>How many assignments of one pass are under way at once (one session write and one agent's list each).</summary>
    private const int AssignmentsInFlight = 16;

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private string _tenantId = "";
    private IGrainTimer? _sweep;
    private bool _passQueued;

    private RoutingSettings Settings => state.State.Settings;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _tenantId = this.GetPrimaryKeyString();
        await FollowModeAsync();
        if (Settings.Mode != RoutingMode.Manual) await Nudge();
    }

    public Task<RoutingSettings> GetSettings() => Task.FromResult(Settings);

    public async Task<ChatResult<RoutingSettings>> SaveSettings(string actor, RoutingSettings settings)
    {
        if (settings is null) return ChatErrors.InvalidInput("Give the routing settings.");
        if (settings.Check() is { } bad) return bad;
        var before = Settings;
        var next = settings with { Version = before.Version + 1 };
        state.State = state.State with { Settings = next };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = state.State with { Settings = before };
            throw;
        }
        await RecordAsync(actor, before, next);
        await FollowModeAsync();
        await Nudge();
        return next;
    }

    public Task Nudge()
    {
        if (_passQueued || Settings.Mode == RoutingMode.Manual) return Task.CompletedTask;
        _passQueued = true;
        // A timer turn, not this call's: nudges that arrive during a pass become one more pass, not one each.
        this.RegisterGrainTimer(async () => { _passQueued = false; await PassAsync(); },
            new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    public Task<RoutingPass> Sweep() => PassAsync();

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName == WakeUpReminder ? PassAsync() : Task.CompletedTask;

    private async Task<RoutingPass> PassAsync()
    {
        var assigned = new Dictionary<string, string>(StringComparer.Ordinal);
        var mode = Settings.Mode;
        if (mode == RoutingMode.Manual) return new RoutingPass(assigned, 0);
        IReadOnlyList<SessionSummary> waiting;
        List<RoutingCandidate> agents;
        try
        {
            waiting = await GrainFactory.GetGrain<IDeskGrain>(_tenantId).GetWaiting(PassSize);
            if (waiting.Count == 0) return new RoutingPass(assigned, 0);
            agents = (await GrainFactory.GetGrain<ITeamGrain>(_tenantId).GetMembers())
                .Select(m => new RoutingCandidate(m.AgentId, m.DisplayName, m.Status, m.OpenChats, m.Capacity ?? Settings.DefaultCapacity, m.LastChatAt))
                .ToList();
        }
        catch (Exception e)
        {
            logger.LogWarning("Routing pass of tenant {Tenant} could not read the queue or the team: {Reason}; the next sweep tries again", _tenantId, e.Message);
            return new RoutingPass(assigned, -1);
        }

        // Who gets which chat is decided first, in queue order, as if each assignment took (the rule is pure); the
        // assignments then go out a few at a time, since each waits on its own session's write and nothing else.
        var lastChosen = state.State.LastChosen;
        var plan = new List<(SessionSummary Chat, RoutingCandidate Agent, AssignmentReason Reason)>();
        foreach (var chat in InQueueOrder(waiting))
        {
            var (chosen, reason) = RoutingRule.Choose(mode, agents, lastChosen, NotAnswered.Of(chat, Settings.ReRouteAfterSeconds));
            // Nobody for a re-routed chat may still leave someone for the next one (its own skips were the reason).
            if (chosen is null && chat.ReRoutedFrom.Count > 0) continue;
            if (chosen is null) break;
            plan.Add((chat, chosen, reason!));
            lastChosen = chosen.AgentId;
            var i = agents.IndexOf(chosen);
            agents[i] = chosen with { OpenChats = chosen.OpenChats + 1, LastChatAt = clock.GetUtcNow() };
        }

        lastChosen = state.State.LastChosen;
        var left = waiting.Count;
        foreach (var wave in plan.Chunk(AssignmentsInFlight))
        {
            var results = await Task.WhenAll(wave.Select(p => AssignAsync(p.Chat, p.Agent, p.Reason)));
            var stop = false;
            for (var i = 0; i < wave.Length; i++)
            {
                if (results[i] is not { } result) { stop = true; continue; }
                left--;
                if (result.Error?.Code == ChatErrors.StorageUnavailable().Code) stop = true;
                if (result.Error is not null) continue; // someone took it first, or it ended: one owner, never two
                assigned[wave[i].Chat.SessionId] = wave[i].Agent.AgentId;
                lastChosen = wave[i].Agent.AgentId;
            }
            if (stop) break;
        }
        await RememberTurnAsync(lastChosen);
        return new RoutingPass(assigned, left);
    }

    /// <summary>Null when the call itself failed (a session moving after a silo's death): it is still waiting, or was assigned once; the next pass sees which.</summary>
    private async Task<ChatResult<ChatSessionSnapshot>?> AssignAsync(SessionSummary chat, RoutingCandidate agent, AssignmentReason reason)
    {
        try
        {
            return await GrainFactory.GetGrain<IChatSessionGrain>(GrainKeys.Compose(_tenantId, chat.SessionId))
                .AssignByRule(new AgentRef(agent.AgentId, agent.DisplayName), reason);
        }
        catch (Exception e)
        {
            logger.LogWarning("Routing of session {Session} interrupted: {Reason}", chat.SessionId, e.Message);
            return null;
        }
    }

    /// <summary>
    /// The desk lists waiting chats in arrival order (oldest start first): a re-routed chat keeps its place there.
    /// "Longest waiting" counts a re-routed chat's wait from when it came back, so it goes behind chats that have
    /// waited longer since; "soonest target" follows the chats' own clocks.
    /// </summary>
    private IEnumerable<SessionSummary> InQueueOrder(IReadOnlyList<SessionSummary> waiting) => Settings.QueueOrder switch
    {
        // The chat's own clocks (a missed one is the most overdue); a chat running none comes after those that do.
        QueueOrder.SoonestTarget => waiting.OrderBy(s => s.Targets.Count > 0 ? s.Targets.Min(t => t.DueAt) : DateTimeOffset.MaxValue).ThenBy(s => s.CreatedAt),
        QueueOrder.LongestWaiting => waiting.OrderBy(s => s.ReRoutedAt ?? s.CreatedAt).ThenBy(s => s.CreatedAt),
        _ => waiting.OrderBy(s => s.CreatedAt),
    };

    private async Task RememberTurnAsync(string? lastChosen)
    {
        if (lastChosen == state.State.LastChosen) return;
        state.State = state.State with { LastChosen = lastChosen };
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            // Only round robin's place: at worst the turn starts again from the first agent.
            logger.LogWarning("Round robin's place of tenant {Tenant} not stored: {Reason}", _tenantId, e.Message);
        }
    }

    /// <summary>Sweeps and the wake-up reminder run while a mode routes, and stop in manual mode.</summary>
    private async Task FollowModeAsync()
    {
        var routes = Settings.Mode != RoutingMode.Manual;
        if (routes && _sweep is null)
        {
            _sweep = this.RegisterGrainTimer(() => PassAsync(), new GrainTimerCreationOptions(options.Value.SweepPeriod, options.Value.SweepPeriod) { KeepAlive = true });
        }
        else if (!routes && _sweep is not null)
        {
            _sweep.Dispose();
            _sweep = null;
        }
        try
        {
            if (routes) await this.RegisterOrUpdateReminder(WakeUpReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            else if (await this.GetReminder(WakeUpReminder) is { } reminder) await this.UnregisterReminder(reminder);
        }
        catch (Exception e)
        {
            logger.LogWarning("Routing wake-up reminder of tenant {Tenant} not updated: {Reason}", _tenantId, e.Message);
        }
    }

    private async Task RecordAsync(string actor, RoutingSettings before, RoutingSettings after)
    {
        try
        {
            await GrainFactory.GetGrain<IAuditLogGrain>(_tenantId).Record(new AuditEntry(
                clock.GetUtcNow(), actor, "routing", "settings_changed", "routing",
                JsonSerializer.Serialize(before, AuditJson), JsonSerializer.Serialize(after, AuditJson)));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Routing change of tenant {Tenant} by {Actor} stored but not recorded in the audit log", _tenantId, actor);
        }
    }
}
