using ChatSupport.Contracts.Knowledge;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// The automatic first answer (the workspace's AI setting, off by default): a system message with a fixed client
/// message id, so a retry or a new activation finds it in the log and stores nothing twice; then the decision that
/// records its sequence number (also idempotent), so a crash between the two is mended by the next question. Like every
/// system message it is never an agent's reply (<see cref="ChatWorkflow.AfterPost"/> is not called).
/// </summary>
public sealed partial class ChatSessionGrain
{
    /// <summary>The automatic answer's sender: the widget shows "Automatic answer" and the "Talk to a person" button under it.</summary>
    public static readonly ChatCaller AutomaticAnswerSender = new(ChatParty.System, "automatic-answer", "Automatic answer");
    private const string AutomaticAnswerId = "auto:first-answer";

    public async Task<bool> OfferAutomaticAnswer(Suggestion best)
    {
        if (!S.Started || S.Status != ChatStatus.WaitingForAgent || S.AutomaticAnswerSeq is not null) return false;
        if (await SettingsAsync() is not { Ai: { FirstAnswer: true } ai } || !(best.Confidence > ai.FirstAnswerThreshold)) return false;

        var text = Cut($"Automatic answer from \u201c{best.Source}\u201d:\n\n{best.Text}");
        if (await PostAutomatedAsync(AutomaticAnswerId, text, AutomaticAnswerSender) is not { } seq) return false;
        return (await ApplyAsync(ChatWorkflow.RecordAutomaticAnswer(S, seq, best.Source, best.Confidence, clock.GetUtcNow()))).Error is null;
    }

    public async Task<ChatResult<ChatSessionSnapshot>> HandOffToPerson(ChatCaller caller)
    {
        var decision = ChatWorkflow.HandOffToPerson(S, caller, clock.GetUtcNow());
        if (decision is { Error: null, Events.Count: 0 }) return Snapshot();
        var result = await ApplyAsync(decision);
        if (result.Error is null)
            await PostAutomatedAsync("auto:hand-off", "Connecting you with a person. You keep your place in the queue.");
        return result;
    }

    private static string Cut(string text) => text.Length <= ChatLimits.MessageMaxLength ? text : text[..(ChatLimits.MessageMaxLength - 1)] + "\u2026";
}
