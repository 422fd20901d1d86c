using ChatSupport.Api.SiloLoss;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatSupport.Api.Tests.Operations;

/// <summary>
/// The Api node's silo-loss signal (docs/operations.md, "Failure detection"): a lost gateway ends every send in flight
/// at once, so its client resends within a second instead of waiting for the 10 s response timeout; sends that
/// start afterwards are not ended by the same loss.
/// </summary>
public sealed class SiloLossSignalTests
{
    [Fact]
    public async Task A_closed_gateway_ends_the_sends_in_flight_and_not_the_ones_that_start_after()
    {
        var signal = new SiloLossSignal(NullLogger<SiloLossSignal>.Instance);
        var observer = new GatewayLossObserver(signal);
        var inFlight = signal.Token;
        var ended = new TaskCompletionSource();
        inFlight.Register(() => ended.TrySetResult());

        observer.NotifyGatewayCountChanged(currentNumberOfGateways: 2, previousNumberOfGateways: 3, connectionRecovered: false);

        await ended.Task.WaitAsync(TimeSpan.FromSeconds(10));
        signal.Token.IsCancellationRequested.Should().BeFalse("a send that starts after the loss gets a fresh token");
    }

    [Fact]
    public void A_gateway_that_opens_ends_nothing()
    {
        var signal = new SiloLossSignal(NullLogger<SiloLossSignal>.Instance);
        var inFlight = signal.Token;

        new GatewayLossObserver(signal).NotifyGatewayCountChanged(currentNumberOfGateways: 3, previousNumberOfGateways: 2, connectionRecovered: true);

        inFlight.IsCancellationRequested.Should().BeFalse();
        signal.Token.Should().Be(inFlight);
    }
}
