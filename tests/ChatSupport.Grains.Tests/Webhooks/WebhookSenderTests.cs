using System.Net;
using System.Net.Sockets;
using ChatSupport.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace ChatSupport.Grains.Tests.Webhooks;

/// <summary>
/// The check at connect time (not only at registration): a sender whose allow-list does not name loopback connects
/// nowhere near it, even to a listening port, and the delivery fails for good instead of being retried.
/// </summary>
public sealed class WebhookSenderTests
{
    [Fact]
    public async Task A_target_that_is_not_allowed_is_not_connected_to_and_fails_without_retry()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var sender = Sender(allowed: []);

        var attempt = await sender.SendAsync(new Uri($"http://127.0.0.1:{port}/hooks"), "chat.started", "dlv_1", "{}", ["whsec_test"]);

        attempt.Outcome.Should().Be(AttemptOutcome.Failed);
        attempt.Error.Should().Contain("no address webhooks may reach");
        listener.Pending().Should().BeFalse("no connection was opened to the loopback port");
    }

    [Fact]
    public async Task An_allowed_target_that_answers_with_a_redirect_is_not_followed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var sender = Sender(allowed: ["127.0.0.1"]);

        var sending = sender.SendAsync(new Uri($"http://127.0.0.1:{port}/hooks"), "chat.started", "dlv_1", "{}", ["whsec_test"]);
        using (var client = await listener.AcceptTcpClientAsync())
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            _ = await stream.ReadAsync(buffer);
            await stream.WriteAsync("HTTP/1.1 307 Temporary Redirect\r\nLocation: http://169.254.169.254/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
        }
        var attempt = await sending;

        attempt.Outcome.Should().Be(AttemptOutcome.Failed);
        attempt.StatusCode.Should().Be(307);
        listener.Pending().Should().BeFalse("the redirect's target was not asked (and it is another host anyway)");
    }

    private static WebhookSender Sender(string[] allowed)
    {
        var options = Options.Create(new WebhookOptions { AllowedTargets = allowed });
        return new WebhookSender(new WebhookTargetPolicy(options), options, TimeProvider.System);
    }
}
