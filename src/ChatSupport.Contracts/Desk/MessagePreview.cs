using ChatSupport.Contracts.Messages;

namespace ChatSupport.Contracts.Desk;

/// <summary>
/// The newest visitor or agent message of an open chat, as the desk lists it: what the dashboard's search and the
/// "waiting for a reply" mark read. Only messages of the chat's log: a private note is never one (notes are not
/// messages), and the desk reaches agents only.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MessagePreview
{
    /// <summary>At most this many characters of the message are kept: enough to search and to show one line.</summary>
    public const int MaxText = 200;

    [Id(0)] public required long Seq { get; init; }
    [Id(1)] public required ChatParty Sender { get; init; }
    [Id(2)] public required string Text { get; init; }
    [Id(3)] public required DateTimeOffset SentAt { get; init; }

    public static MessagePreview Of(long seq, ChatParty sender, string text, DateTimeOffset sentAt) =>
        new() { Seq = seq, Sender = sender, Text = text.Length > MaxText ? text[..MaxText] : text, SentAt = sentAt };
}
