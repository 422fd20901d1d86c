using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ChatSupport.Bench.Clients;

namespace ChatSupport.Bench.Relay;

/// <summary>
/// The bare baseline: Kestrel + SignalR on 127.0.0.1 with the host's SignalR settings and JSON conventions,
/// no Orleans, no storage. What the chat pipeline adds on top of plain SignalR is the difference between the two.
/// </summary>
public static class RelayServer
{
    public static async Task<int> RunAsync(int port)
    {
        if (port == 0) throw new BenchUsageException("relay-server needs --port.");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR(o =>
            {
                // The same settings as ChatSupportHost, so the two servers differ only in what they do with a message.
                o.KeepAliveInterval = TimeSpan.FromSeconds(5);
                o.ClientTimeoutInterval = TimeSpan.FromSeconds(20);
                o.HandshakeTimeout = TimeSpan.FromSeconds(10);
                o.MaximumReceiveMessageSize = 64 * 1024;
            })
            .AddJsonProtocol(o => BenchConnections.ConfigureJson(o.PayloadSerializerOptions));

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapHub<RelayHub>("/hubs/relay");
        await app.RunAsync();
        return 0;
    }
}
