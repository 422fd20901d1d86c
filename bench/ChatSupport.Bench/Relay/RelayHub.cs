using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Bench.Relay;

/// <summary>
/// Relays each message to the partner connection of the same pair (<c>?pair=K&amp;side=visitor|agent</c>) and
/// acknowledges it. The event has the chat's MessagePosted shape, so both servers serialize the same payload.
/// </summary>
public sealed class RelayHub : Hub
{
    private static long _seq;

    public override async Task OnConnectedAsync()
    {
        var query = Context.GetHttpContext()?.Request.Query;
        var pair = query?["pair"].ToString();
        var side = query?["side"].ToString();
        if (string.IsNullOrEmpty(pair) || side is not ("visitor" or "agent"))
            throw new HubException("Connect with ?pair=K&side=visitor|agent.");
        Context.Items["pair"] = pair;
        Context.Items["side"] = side;
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(pair));
    }

    public async Task<RelayAck> SendMessage(string sessionId, string clientMessageId, string text)
    {
        var pair = (string)Context.Items["pair"]!;
        var side = (string)Context.Items["side"]!;
        var seq = Interlocked.Increment(ref _seq);
        var sentAt = DateTimeOffset.UtcNow;
        var message = new RelayMessage(seq, clientMessageId, side, side + pair, null, text, sentAt);
        await Clients.OthersInGroup(Group(pair)).SendAsync("MessagePosted", new RelayEvent("bench", sessionId, seq, message));
        return new RelayAck(seq, clientMessageId, sentAt, false);
    }

    private static string Group(string pair) => "pair:" + pair;
}

public sealed record RelayMessage(long Seq, string ClientMessageId, string Sender, string SenderId, string? SenderName, string Text, DateTimeOffset SentAt);

public sealed record RelayEvent(string TenantId, string SessionId, long LastSeq, RelayMessage Message);

public sealed record RelayAck(long Seq, string ClientMessageId, DateTimeOffset SentAt, bool Duplicate);
