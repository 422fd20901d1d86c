using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Bench.Clients;

/// <summary>How every bench client connects: the real .NET SignalR client, JSON protocol, WebSockets, loopback only.</summary>
public static class BenchConnections
{
    private static long _drops;

    /// <summary>Connections that closed with an error (lost, timed out) rather than by the bench's own dispose.</summary>
    public static long Drops => Interlocked.Read(ref _drops);

    /// <param name="identify">Adds the caller's credentials: an operator's cookie or a visitor's token (<see cref="ChatAccess"/>).</param>
    public static async Task<HubConnection> ConnectAsync(Uri baseUrl, string pathAndQuery, Action<HttpConnectionOptions>? identify, CancellationToken ct)
    {
        var url = new Uri(baseUrl, pathAndQuery);
        if (!url.IsLoopback) throw new InvalidOperationException($"The bench connects to loopback addresses only, not {url.Host}.");
        var connection = new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                // Straight to WebSockets: the negotiate POST costs the shared CPU once per connection and says
                // nothing about message latency, which is what the bench measures.
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
                identify?.Invoke(o);
            })
            .AddJsonProtocol(o => ConfigureJson(o.PayloadSerializerOptions))
            .Build();
        // The client settings docs/protocol.md asks for.
        connection.KeepAliveInterval = TimeSpan.FromSeconds(5);
        connection.ServerTimeout = TimeSpan.FromSeconds(15);
        connection.Closed += error =>
        {
            if (error is not null) Interlocked.Increment(ref _drops);
            return Task.CompletedTask;
        };
        try
        {
            await connection.StartAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return connection;
    }

    /// <summary>The server's JSON conventions (docs/protocol.md): camelCase names, enums as snake_case strings.</summary>
    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.PropertyNameCaseInsensitive = true;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }
}
