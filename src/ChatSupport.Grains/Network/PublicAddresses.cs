using System.Net;

namespace ChatSupport.Grains.Network;

/// <summary>
/// Addresses that name no place on the map: private, loopback, link-local, shared (carrier NAT), documentation,
/// benchmarking, multicast and reserved ranges (RFC 6890). Visitors from them are "unknown" on the map without asking the
/// location database; webhooks are not sent to them unless the allow-list names them (<c>WebhookTargetPolicy</c>).
/// </summary>
public static class PublicAddresses
{
    private static readonly IPNetwork[] NotPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"), IPNetwork.Parse("2001:db8::/32"),
    ];

    public static bool IsPublic(IPAddress address)
    {
        // ::ffff:10.0.0.1 is 10.0.0.1: checked as the IPv4 address it carries.
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in NotPublic)
            if (network.Contains(address)) return false;
        return true;
    }
}
