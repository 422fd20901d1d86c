using System.Net;
using System.Net.Sockets;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Webhooks;
using ChatSupport.Grains.Network;
using Microsoft.Extensions.Options;

namespace ChatSupport.Grains.Webhooks;

/// <summary>
/// Where webhooks may go (server-side request forgery): only public addresses, unless <see cref="WebhookOptions.AllowedTargets"/>
/// names the address, its network or the host. Checked when an endpoint is registered (every address the name resolves
/// to) and again at every connection (<see cref="WebhookSender"/> connects only to an address checked here), so a
/// name that later resolves to 10.0.0.1 or 169.254.169.254 reaches nothing.
/// </summary>
public sealed class WebhookTargetPolicy
{
    private readonly IPNetwork[] _networks;
    private readonly HashSet<string> _hosts;

    public WebhookTargetPolicy(IOptions<WebhookOptions> options)
    {
        var networks = new List<IPNetwork>();
        _hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in options.Value.AllowedTargets.Select(t => t.Trim()).Where(t => t.Length > 0))
        {
            if (IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) networks.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            else _hosts.Add(entry);
        }
        _networks = [.. networks];
    }

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return PublicAddresses.IsPublic(address) || _networks.Any(n => n.Contains(address));
    }

    /// <summary>The allow-list names this host or (a literal address) its network: plain http is then allowed too.</summary>
    private bool IsListed(string host) =>
        _hosts.Contains(host) || IPAddress.TryParse(host, out var a) && _networks.Any(n => n.Contains(a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a));

    /// <summary>The URL's form: absolute https (http only for a listed target), no credentials, no fragment.</summary>
    public ChatError? CheckForm(string? url, out Uri uri)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(url)) return ChatErrors.InvalidInput("url is required. Nothing was stored.");
        if (url.Length > WebhookLimits.UrlMaxLength) return ChatErrors.InvalidInput($"url is longer than {WebhookLimits.UrlMaxLength} characters. Nothing was stored.");
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http") || parsed.Host.Length == 0)
            return ChatErrors.InvalidInput("url must be an absolute https:// address. Nothing was stored.");
        if (parsed.UserInfo.Length > 0 || parsed.Fragment.Length > 0)
            return ChatErrors.InvalidInput("url must carry no user name, password or #fragment. Nothing was stored.");
        if (parsed.Scheme == "http" && !IsListed(parsed.IdnHost))
            return ChatErrors.InvalidInput("url must use https (plain http only for a target on the allow-list). Nothing was stored.");
        uri = parsed;
        return null;
    }

    /// <summary>Every address the host has must be allowed (a name with one private address is refused).</summary>
    public async Task<ChatError?> CheckTargetAsync(Uri uri, CancellationToken ct = default)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return ChatErrors.InvalidInput($"url: the host {uri.IdnHost} does not resolve. Nothing was stored.");
        }
        if (addresses.Length == 0) return ChatErrors.InvalidInput($"url: the host {uri.IdnHost} has no address. Nothing was stored.");
        return addresses.FirstOrDefault(a => !IsAllowed(a)) is { } refused
            ? WebhookErrors.TargetNotAllowed($"{uri.IdnHost} is {Describe(refused)} ({refused}).")
            : null;
    }

    /// <summary>The host's addresses that may be connected to (an address literal is its own only address).</summary>
    public async Task<IPAddress[]> AllowedAddressesAsync(string host, CancellationToken ct) =>
        (await ResolveAsync(host, ct)).Where(IsAllowed).ToArray();

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

    private static string Describe(IPAddress a)
    {
        if (a.IsIPv4MappedToIPv6) a = a.MapToIPv4();
        if (IPAddress.IsLoopback(a)) return "a loopback address";
        if (a.IsIPv6LinkLocal || a.AddressFamily == AddressFamily.InterNetwork && a.GetAddressBytes() is [169, 254, ..]) return "a link-local address";
        return "a private or reserved address";
    }
}
