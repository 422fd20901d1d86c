using ChatSupport.Contracts.Messages;

namespace ChatSupport.Contracts.Sessions;

/// <summary>
/// One chat session, keyed "{tenantId}/{sessionId}". Owns the state machine
/// waiting_for_agent → assigned_to_agent → active_chat → resolved and the session's message log.
/// Every method refuses with a <see cref="ChatError"/> and changes nothing when the command is not allowed.
/// Api nodes watch its events (<see cref="Pushes.IPushSource"/>): the messages, changes, typing, receipts and the
/// desk's queue places of the session.
/// </summary>
public interface IChatSessionGrain : Pushes.IPushSource
{
    /// <summary>The desk's notice of the visitor's place in line, pushed to the session's watchers (never stored).</summary>
    [Orleans.Concurrency.OneWay]
    Task RelayQueuePosition(QueuePositionChanged position);

    /// <summary>Creates the session for a visitor, waiting for an agent. Called by the visitor grain.</summary>
    Task<ChatResult<ChatSessionSnapshot>> Start(string visitorId, VisitorMetadata metadata);

    Task<ChatResult<ChatSessionSnapshot>> GetSnapshot(ChatCaller caller);

    /// <summary>"Assign to Me" (assignee = the caller) or an admin assigning a named agent.</summary>
    Task<ChatResult<ChatSessionSnapshot>> Assign(ChatCaller caller, AgentRef assignee);

    /// <summary>
    /// The router's assignment: the very decision of <see cref="Assign"/> (so racing "Assign to Me" still leaves one
    /// owner), with the reason the router chose this agent.
    /// </summary>
    Task<ChatResult<ChatSessionSnapshot>> AssignByRule(AgentRef assignee, Routing.AssignmentReason reason);

    /// <summary>Hands an assigned or active chat to another agent, with an optional note for them.</summary>
    Task<ChatResult<ChatSessionSnapshot>> Transfer(ChatCaller caller, AgentRef toAgent, string? note);

    /// <summary>An agent resolves the chat; the visitor gets the rating prompt.</summary>
    Task<ChatResult<ChatSessionSnapshot>> Resolve(ChatCaller caller);

    /// <summary>An agent closes the chat from any open status, as resolved by them (the dashboard's "Close selected").</summary>
    Task<ChatResult<ChatSessionSnapshot>> CloseByAgent(ChatCaller caller);

    /// <summary>
    /// The visitor hub reports one of the visitor's connections to this chat (<paramref name="connected"/>) or its end.
    /// A waiting chat whose visitor has no connection left and wrote nothing is closed as abandoned after the configured time.
    /// </summary>
    Task<ChatResult<bool>> VisitorPresence(ChatCaller caller, string connectionId, bool connected);

    /// <summary>The visitor ends the chat themself (from any open status).</summary>
    Task<ChatResult<ChatSessionSnapshot>> CloseByVisitor(ChatCaller caller);

    /// <summary>The visitor rates a resolved chat, once.</summary>
    Task<ChatResult<ChatSessionSnapshot>> Rate(ChatCaller caller, int stars, string? feedback, bool anonymous);

    /// <summary>
    /// Stores a message and only then acknowledges it. A retry with the same client message id
    /// returns the first acknowledgement and stores nothing new. <paramref name="abandon"/> only frees the caller
    /// (the Api's silo-loss signal): the session does not stop a write it started, so the outcome is unknown and the
    /// client resends with the same id.
    /// </summary>
    Task<ChatResult<MessageAck>> PostMessage(ChatCaller caller, string clientMessageId, string text, CancellationToken abandon = default);

    /// <summary>
    /// Before an upload's bytes are stored: may the caller send a file in this chat now (may post, below the chat's
    /// <paramref name="maxPerChat"/>)? The answer's <see cref="AttachPermit.Stored"/> is the first acknowledgement when
    /// this client message id was stored already (a retry): then nothing is to be uploaded again.
    /// </summary>
    Task<ChatResult<AttachPermit>> CheckAttach(ChatCaller caller, string clientMessageId, int maxPerChat);

    /// <summary>
    /// Stores the message that carries a file whose bytes are already stored (and scanned), and only then acknowledges
    /// it; a retry with the same client message id returns the first acknowledgement and stores nothing new.
    /// </summary>
    Task<ChatResult<MessageAck>> PostAttachment(ChatCaller caller, string clientMessageId, ChatSupport.Contracts.Attachments.MessageAttachment attachment, int maxPerChat);

    /// <summary>The message <paramref name="seq"/> of a caller who may see the chat, when it carries a file.</summary>
    Task<ChatResult<ChatMessage>> GetAttachment(ChatCaller caller, long seq);

    /// <summary>The messages after <paramref name="afterSeq"/>, at most <paramref name="max"/>, in order.</summary>
    Task<ChatResult<MessagePage>> GetMessages(ChatCaller caller, long afterSeq, int max);

    /// <summary>Ephemeral typing indicator: pushed, never stored.</summary>
    Task<ChatResult<bool>> SetTyping(ChatCaller caller, bool isTyping);

    /// <summary>The caller's client received (delivered) and displayed (read) the other side's messages up to these numbers.</summary>
    Task<ChatResult<DeliveryReceipts>> Acknowledge(ChatCaller caller, long deliveredUpTo, long readUpTo);

    /// <summary>
    /// Stores a private note (agents only, any status) and only then acknowledges it; a retry with the same client note
    /// id returns the stored note. Mentions are agents the caller checked; the note's text is never sent to the visitor.
    /// </summary>
    Task<ChatResult<ChatSupport.Contracts.Notes.ChatNote>> AddNote(ChatCaller caller, string clientNoteId, string text, IReadOnlyList<AgentRef> mentions);

    /// <summary>Every private note of the chat, in order (agents only).</summary>
    Task<ChatResult<IReadOnlyList<ChatSupport.Contracts.Notes.ChatNote>>> GetNotes(ChatCaller caller);

    /// <summary>Adds or removes one label (an id the caller checked) on any chat, open or resolved (agents only).</summary>
    Task<ChatResult<ChatSessionSnapshot>> SetLabel(ChatCaller caller, string labelId, bool on);

    /// <summary>resolved → active_chat with the agent who held it. The visitor grain calls it (one open chat per visitor).</summary>
    Task<ChatResult<ChatSessionSnapshot>> Reopen(ChatCaller caller);

    /// <summary>Sets the chat's follow-up for the caller at <paramref name="dueAt"/> (resolved chats only): a reminder fires once then.</summary>
    Task<ChatResult<ChatSessionSnapshot>> SetFollowUp(ChatCaller caller, DateTimeOffset dueAt);

    /// <summary>
    /// The knowledge grain's assessment of the visitor's latest question: the best suggestion's calibrated confidence
    /// (0–1; null when the knowledge has nothing). Not a caller's command: only the silo's knowledge grain sends it. No
    /// event when the value is the same, or the chat is resolved.
    /// </summary>
    Task<ChatResult<ChatSessionSnapshot>> RecordAiConfidence(double? confidence);

    /// <summary>
    /// The knowledge grain's best suggestion for the visitor's question: sent as the automatic first answer when the
    /// workspace's setting is on, the confidence above its threshold and the chat still waiting; once per chat. False: not sent.
    /// </summary>
    Task<bool> OfferAutomaticAnswer(ChatSupport.Contracts.Knowledge.Suggestion best);

    /// <summary>"Talk to a person" under the automatic answer: recorded once; the chat keeps its place in the queue.</summary>
    Task<ChatResult<ChatSessionSnapshot>> HandOffToPerson(ChatCaller caller);

    /// <summary>
    /// Delivers the session's stored events that some consumer has not confirmed (the desk's repair sweep calls it).
    /// One-way: the caller never waits on the session, so a session waiting on that caller cannot deadlock with it.
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task Redeliver();
}

/// <summary>May a file be uploaded now: yes (Stored null), or it was already (Stored: its acknowledgement).</summary>
[GenerateSerializer, Immutable]
public sealed record AttachPermit([property: Id(0)] MessageAck? Stored);
