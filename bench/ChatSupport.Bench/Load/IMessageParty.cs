namespace ChatSupport.Bench.Load;

/// <summary>
/// One side of a conversation (a chat's visitor or agent, or one end of a relay pair). The load drivers
/// only send; the party itself hands what it receives from its partner to <see cref="MessageStamp.Received"/>.
/// </summary>
public interface IMessageParty
{
    /// <summary>Completes when the server acknowledges the message (for the chat: once it is stored).</summary>
    Task SendAsync(string clientMessageId, string text, CancellationToken ct);

    /// <summary>False once the party's connection is lost (the bench does not reconnect: a lost connection is a finding).</summary>
    bool IsConnected { get; }
}
