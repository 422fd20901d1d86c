using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// Sits between a page and a hub (Playwright's WebSocket routing, frames forwarded both ways) so a test can drop
/// the connection, keep it down, lose a SendMessage on the way, or hold back what the server sends (a stalled
/// link that delivers late): a network fault, for real, to the browser's SignalR client.
/// </summary>
public sealed class FlakyLink(string hubPath = "/hubs/visitor")
{
    private readonly Queue<(IWebSocketRoute Page, string? Text, byte[]? Binary)> _held = new();
    private bool _holding;
    private readonly List<(IWebSocketRoute Page, IWebSocketRoute Server)> _links = [];
    private volatile bool _down;
    private volatile bool _loseNextSend;

    /// <summary>The clientMessageId of the SendMessage frame that was lost.</summary>
    public string? LostClientMessageId { get; private set; }

    public int Connections { get { lock (_links) return _links.Count; } }

    public async Task AttachAsync(IBrowserContext context)
    {
        // A dropped network fails the hub's HTTP requests too (negotiate, Server-Sent Events, long polling): otherwise
        // SignalR's reconnect falls back to those transports around the routed WebSocket and never sees the drop.
        await context.RouteAsync(new Regex(Regex.Escape(hubPath)), route => _down ? route.AbortAsync("internetdisconnected") : route.ContinueAsync());
        await RouteWebSocketAsync(context);
    }

    private Task RouteWebSocketAsync(IBrowserContext context) => context.RouteWebSocketAsync(new Regex(Regex.Escape(hubPath)), ws =>
    {
        if (_down)
        {
            _ = ws.CloseAsync(new() { Code = 1011, Reason = "network down" });
            return;
        }
        var server = ws.ConnectToServer();
        lock (_links) _links.Add((ws, server));
        ws.OnMessage(frame =>
        {
            if (frame.Text is { } text)
            {
                if (_loseNextSend && text.Contains("\"target\":\"SendMessage\""))
                {
                    _loseNextSend = false;
                    LostClientMessageId = ClientMessageId(text);
                    _ = DropAsync();
                    return;
                }
                server.Send(text);
            }
            else server.Send(frame.Binary!);
        });
        server.OnMessage(frame =>
        {
            lock (_held)
            {
                if (_holding)
                {
                    _held.Enqueue((ws, frame.Text, frame.Binary));
                    return;
                }
            }
            if (frame.Text is { } text) ws.Send(text);
            else ws.Send(frame.Binary!);
        });
    });

    /// <summary>The network goes down: every live connection closes, and new ones are refused until <see cref="Restore"/>.</summary>
    public async Task DropAsync()
    {
        _down = true;
        (IWebSocketRoute Page, IWebSocketRoute Server)[] links;
        lock (_links) links = [.. _links];
        foreach (var (page, server) in links)
        {
            await server.CloseAsync();
            await page.CloseAsync(new() { Code = 1011, Reason = "network down" });
        }
    }

    /// <summary>The next SendMessage frame from the widget never reaches the server, and the network drops with it.</summary>
    public void LoseNextSend() => _loseNextSend = true;

    public void Restore() => _down = false;

    /// <summary>From now on, what the server sends waits (the page sees a stalled link; its own calls still go out).</summary>
    public void Hold()
    {
        lock (_held) _holding = true;
    }

    /// <summary>Delivers everything held, in order, and stops holding.</summary>
    public void Release()
    {
        lock (_held)
        {
            _holding = false;
            while (_held.TryDequeue(out var f))
                if (f.Text is { } text) f.Page.Send(text);
                else f.Page.Send(f.Binary!);
        }
    }

    private static string? ClientMessageId(string frames)
    {
        // SignalR's JSON protocol: records ended by 0x1E. SendMessage's arguments: sessionId, clientMessageId, text.
        foreach (var record in frames.Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(record);
            if (json.RootElement.TryGetProperty("target", out var target) && target.GetString() == "SendMessage")
                return json.RootElement.GetProperty("arguments")[1].GetString();
        }
        return null;
    }
}
