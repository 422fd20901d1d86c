using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatSupport.Grains.Webhooks;

/// <summary>What one attempt came to: done, worth retrying (timeout, 429, 5xx, the network), or failed for good.</summary>
public enum AttemptOutcome { Succeeded, Retry, Failed }

public sealed record WebhookAttempt(AttemptOutcome Outcome, int? StatusCode, string? Error);

/// <summary>
/// Sends one delivery. The connection goes only to an address <see cref="WebhookTargetPolicy"/> allows, resolved here
/// and connected to directly (<see cref="SocketsHttpHandler.ConnectCallback"/>), so DNS cannot answer one address to
/// the check and another to the connection; redirects are never followed and no proxy is used.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const string DeliveryHeader = "X-ChatSupport-Delivery";
    public const string EventHeader = "X-ChatSupport-Event";
    public const string TimestampHeader = "X-ChatSupport-Timestamp";
    public const string SignatureHeader = "X-ChatSupport-Signature";

    private readonly HttpClient _http;
    private readonly WebhookTargetPolicy _policy;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _timeout;

    public WebhookSender(WebhookTargetPolicy policy, IOptions<WebhookOptions> options, TimeProvider clock)
    {
        _policy = policy;
        _clock = clock;
        _timeout = options.Value.Timeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        }) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("ChatSupport-Webhooks/1");
    }

    /// <param name="secrets">The current secret first; during a rotation's overlap the previous one too.</param>
    public async Task<WebhookAttempt> SendAsync(Uri url, string eventName, string deliveryId, string body, IReadOnlyList<string> secrets, CancellationToken ct = default)
    {
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(DeliveryHeader, deliveryId);
        request.Headers.Add(EventHeader, eventName);
        request.Headers.Add(TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, string.Join(", ", secrets.Select(s => WebhookSignature.Sign(s, timestamp, body))));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return code switch
            {
                >= 200 and < 300 => new(AttemptOutcome.Succeeded, code, null),
                429 or >= 500 => new(AttemptOutcome.Retry, code, $"answered {code}"),
                >= 300 and < 400 => new(AttemptOutcome.Failed, code, $"answered {code} (a redirect: not followed)"),
                _ => new(AttemptOutcome.Failed, code, $"answered {code}"),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(AttemptOutcome.Retry, null, $"no answer within {_timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e) when (e.InnerException is TargetNotAllowedException refused)
        {
            return new(AttemptOutcome.Failed, null, refused.Message);
        }
        catch (HttpRequestException e)
        {
            return new(AttemptOutcome.Retry, null, e.HttpRequestError == HttpRequestError.Unknown ? "could not connect" : $"could not connect ({e.HttpRequestError})");
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var allowed = await _policy.AllowedAddressesAsync(host, ct);
        if (allowed.Length == 0) throw new TargetNotAllowedException($"{host} resolves to no address webhooks may reach");
        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The target resolved only to addresses webhooks may not reach: retrying would not change that.</summary>
public sealed class TargetNotAllowedException(string message) : Exception(message);
