using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Visitors;

[GenerateSerializer]
public sealed record VisitorState
{
    [Id(0)] public string? OpenSessionId { get; init; }
    /// <summary>Newest first, bounded by <see cref="VisitorGrain.SessionHistoryLimit"/>.</summary>
    [Id(1)] public IReadOnlyList<string> SessionIds { get; init; } = [];
    /// <summary>Tokens carry the generation they were issued in; revoking moves it on.</summary>
    [Id(2)] public int TokenGeneration { get; init; }
}

/// <summary>
/// A visitor. Grain calls are one at a time, so two tabs (or two Api nodes) starting a chat at the same
/// moment are served in turn: the first creates the session, the second gets it back.
/// </summary>
public sealed class VisitorGrain(
    [PersistentState("visitor", StorageNames.Chat)] IPersistentState<VisitorState> state) : Grain, IVisitorGrain
{
    public const int SessionHistoryLimit = 50;

    public async Task<ChatResult<ChatSessionSnapshot>> StartOrResumeChat(VisitorMetadata metadata)
    {
        var (tenantId, visitorId) = GrainKeys.Split(this.GetPrimaryKeyString());
        var caller = ChatCaller.Visitor(visitorId);
        if (state.State.OpenSessionId is { } openId)
        {
            var open = await Session(tenantId, openId).GetSnapshot(caller);
            if (open.Value is { Status: not ChatStatus.Resolved }) return open;
        }
        if (metadata.Check() is { } badMetadata) return badMetadata;

        var sessionId = GrainKeys.NewId();
        // The queue's cap is the desk's to keep: it is asked first, so a refused visitor leaves nothing stored.
        if (!await GrainFactory.GetGrain<IDeskGrain>(tenantId).TryHoldWaitingPlace(sessionId)) return ChatErrors.QueueFull();
        var started = await Session(tenantId, sessionId).Start(visitorId, metadata);
        if (!started.IsSuccess) return started;

        var previous = state.State;
        state.State = previous with
        {
            OpenSessionId = sessionId,
            SessionIds = [sessionId, .. previous.SessionIds.Take(SessionHistoryLimit - 1)],
        };
        // Should this write fail, the visitor's retry starts another session; the orphan stays on the desk
        // where an agent can still answer it, so nothing the visitor said is lost.
        await state.WriteStateAsync();
        return started;
    }

    public async Task<ChatResult<ChatSessionSnapshot>> ReopenChat(string sessionId, ChatCaller caller)
    {
        var (tenantId, visitorId) = GrainKeys.Split(this.GetPrimaryKeyString());
        // Calls to this grain are one at a time: the visitor cannot start a chat while this check and the reopen run.
        if (state.State.OpenSessionId is { } openId && openId != sessionId)
        {
            var open = await Session(tenantId, openId).GetSnapshot(ChatCaller.Visitor(visitorId));
            if (open.Value is { Status: not ChatStatus.Resolved }) return ChatErrors.VisitorHasOpenChat();
        }
        var reopened = await Session(tenantId, sessionId).Reopen(caller);
        if (!reopened.IsSuccess || state.State.OpenSessionId == sessionId) return reopened;
        // The widget's next StartChat finds this chat open and shows its thread.
        state.State = state.State with { OpenSessionId = sessionId };
        await state.WriteStateAsync();
        return reopened;
    }

    public Task<string?> GetOpenSessionId() => Task.FromResult(state.State.OpenSessionId);

    public Task<IReadOnlyList<string>> GetSessionIds() => Task.FromResult(state.State.SessionIds);

    public Task<int> GetTokenGeneration() => Task.FromResult(state.State.TokenGeneration);

    public async Task RevokeTokens()
    {
        state.State = state.State with { TokenGeneration = state.State.TokenGeneration + 1 };
        await state.WriteStateAsync();
    }

    private IChatSessionGrain Session(string tenantId, string sessionId) =>
        GrainFactory.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenantId, sessionId));
}
