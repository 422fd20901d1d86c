using System.Text;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Api.Tests.Notes;

/// <summary>
/// A visitor connection that records every byte the server sends it: long polling through a handler that copies each
/// response body, so not only the events the test subscribes to but every frame (any event name, any answer) is seen.
/// </summary>
public sealed class RecordingVisitor : IAsyncDisposable
{
    private readonly StringBuilder _received = new();

    private RecordingVisitor() { }

    public HubConnection Connection { get; private set; } = null!;

    /// <summary>Everything received so far, frames as they came (JSON, separated by the record separator).</summary>
    public string Received()
    {
        lock (_received) return _received.ToString();
    }

    public static async Task<RecordingVisitor> ConnectAsync(ApiHost host, string token)
    {
        var visitor = new RecordingVisitor();
        visitor.Connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "hubs/visitor"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = inner => new Recorder(inner, visitor);
            })
            .AddJsonProtocol(o => ChatSupportHost.ConfigureJson(o.PayloadSerializerOptions))
            .Build();
        await visitor.Connection.StartAsync();
        return visitor;
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private sealed class Recorder(HttpMessageHandler inner, RecordingVisitor owner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var response = await base.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            lock (owner._received) owner._received.Append(Encoding.UTF8.GetString(body));
            var copy = new ByteArrayContent(body);
            foreach (var header in response.Content.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            response.Content = copy;
            return response;
        }
    }
}
