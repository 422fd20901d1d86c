namespace ChatSupport.Api.SiloLoss;

/// <summary>
/// Orleans tells every registered <see cref="IClusterConnectionStatusObserver"/> when a gateway connection opens or
/// closes. A closed one is a silo killed or cut off (seen at once: the socket resets) or shutting down; either way
/// the calls that went through it, or to grains behind it, will never be answered.
/// </summary>
public sealed class GatewayLossObserver(SiloLossSignal signal) : IClusterConnectionStatusObserver
{
    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways < previousNumberOfGateways)
            signal.Trip($"gateway connections {previousNumberOfGateways} -> {currentNumberOfGateways}");
    }

    public void NotifyClusterConnectionLost() => signal.Trip("no gateway connected");
}
