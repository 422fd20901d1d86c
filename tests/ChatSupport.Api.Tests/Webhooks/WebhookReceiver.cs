using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatSupport.Api.Tests.Webhooks;

/// <summary>One request the receiver got: what it carried, whether its signature checked out, and what it answered.</summary>
public sealed record ReceivedWebhook(string DeliveryId, string EventId, string Type, string SessionId, bool SignatureValid, int Answered, JsonElement Body, int Signatures);

/// <summary>
/// A webhook receiver as a customer would write one (Kestrel on 127.0.0.1): it checks every signature against the
/// secrets it was given (any of the comma-separated <c>sha256=</c> values may match), and records every request in
/// arrival order. <see cref="FailNext"/> makes it answer 500 to that many requests first.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _failNext;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";
    public ConcurrentBag<string> Secrets { get; } = [];
    public int FailNext { set => Volatile.Write(ref _failNext, value); }
    public IReadOnlyList<ReceivedWebhook> Received => _received.ToList();
    /// <summary>What the receiver accepted (2xx), first receipt of each event id only: what its application acts on.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => Received.Where(r => r.Answered == 200).DistinctBy(r => r.EventId).ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks", (Func<HttpContext, Task<IResult>>)receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = app.Urls.Single() + "/hooks";
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var timestamp = http.Request.Headers["X-ChatSupport-Timestamp"].ToString();
        var signatures = http.Request.Headers["X-ChatSupport-Signature"].ToString().Split(',', StringSplitOptions.TrimEntries);
        var valid = Secrets.Any(secret => signatures.Contains("sha256=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)))));
        var json = JsonDocument.Parse(body).RootElement.Clone();
        var answer = Interlocked.Decrement(ref _failNext) >= 0 ? 500 : 200;
        _received.Enqueue(new ReceivedWebhook(http.Request.Headers["X-ChatSupport-Delivery"].ToString(), json.GetProperty("id").GetString()!,
            json.GetProperty("type").GetString()!, json.GetProperty("chat").GetProperty("id").GetString()!, valid, answer, json, signatures.Length));
        return Results.StatusCode(answer);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
