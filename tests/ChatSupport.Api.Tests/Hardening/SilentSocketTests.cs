using System.Net.WebSockets;
using System.Text;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// A raw WebSocket client that completes the SignalR handshake and then sends nothing, not even a ping, is closed by
/// the server after ClientTimeoutInterval (3 s on this host; 20 s in production): idle sockets cannot be hoarded with
/// free visitor tokens. A client that pings (the SignalR client here, every second) stays connected.
/// </summary>
public sealed class SilentSocketTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(
        ["ChatSupport:Hubs:ClientTimeoutInterval=00:00:03", "ChatSupport:Hubs:KeepAliveInterval=00:00:01"]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_client_silent_after_the_handshake_is_closed_and_a_pinging_one_is_not()
    {
        var tenant = await _host.NewTenantAsync();
        var token = await _host.VisitorTokenAsync(tenant);
        await using var pinging = new HubConnectionBuilder()
            .WithUrl(new Uri(_host.BaseAddress, "hubs/visitor"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token.Token))
            .Build();
        pinging.KeepAliveInterval = TimeSpan.FromSeconds(1);
        await pinging.StartAsync();

        using var silent = new ClientWebSocket();
        var url = new UriBuilder(_host.BaseAddress) { Scheme = "ws", Path = "hubs/visitor", Query = "access_token=" + Uri.EscapeDataString(token.Token) }.Uri;
        await silent.ConnectAsync(url, CancellationToken.None);
        await silent.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);

        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        var buffer = new byte[4096];
        var answer = await silent.ReceiveAsync(buffer, deadline.Token);
        Encoding.UTF8.GetString(buffer, 0, answer.Count).Should().Be("{}\u001e", "the handshake is accepted");

        // Read what the server sends (its pings) until it closes the socket.
        var closedByServer = false;
        try
        {
            while (!closedByServer) closedByServer = (await silent.ReceiveAsync(buffer, deadline.Token)).MessageType == WebSocketMessageType.Close;
        }
        catch (WebSocketException)
        {
            closedByServer = true; // aborted without a close frame
        }
        closedByServer.Should().BeTrue();
        pinging.State.Should().Be(HubConnectionState.Connected);
    }
}
