using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// Sits between the widget and the visitor hub (Playwright's WebSocket routing, frames forwarded both ways) so a
/// test can drop the connection, keep it down, and lose a SendMessage on the way: a network drop, for real, to
/// the browser's SignalR client.
/// </summary>
public sealed class FlakyLink
{
    private readonly List<(IWebSocketRoute Page, IWebSocketRoute Server)> _links = [];
    private volatile bool _down;
    private volatile bool _loseNextSend;

    /// <summary>The clientMessageId of the SendMessage frame that was lost.</summary>
    public string? LostClientMessageId { get; private set; }

    public int Connections { get { lock (_links) return _links.Count; } }

    public Task AttachAsync(IBrowserContext context) => context.RouteWebSocketAsync(new Regex("/hubs/visitor"), ws =>
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
