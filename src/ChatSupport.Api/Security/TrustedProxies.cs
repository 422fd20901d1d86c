using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ChatSupport.Api.Security;

/// <summary>
/// The client address and scheme behind a reverse proxy: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only when the request comes from
/// one of <c>ChatSupport:Network:TrustedProxies</c> (addresses such as <c>10.0.0.5</c>, or networks such as
/// <c>10.0.0.0/8</c>). The list is empty by default, so no forwarded header is trusted at all, not even from loopback
/// (ASP.NET Core's own default trusts loopback). Everything that reads the remote address (rate limits, the visitor's
/// location) sees the result, because <see cref="UseTrustedProxies"/> runs first.
/// </summary>
public static class TrustedProxies
{
    public const string Key = "ChatSupport:Network:TrustedProxies";

    public static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var entries = builder.Configuration.GetSection(Key).Get<string[]>() ?? [];
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (!entry.Contains('/') && IPAddress.TryParse(entry, out var address)) proxies.Add(address);
            else throw new InvalidOperationException($"{Key}: \"{raw}\" is neither an IP address (10.0.0.5) nor a network in CIDR form (10.0.0.0/8).");
        }

        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // With no known proxy at all the middleware would believe every sender: then it reads no header.
            // From a trusted proxy: the client address and the scheme (a TLS-terminating proxy sends https, so the request is
            // https: the sign-in cookie is Secure and the dashboard's https origin is the host's own). X-Forwarded-Host is
            // never believed: the Host the proxy passes on is the one that counts.
            o.ForwardedHeaders = proxies.Count + networks.Count > 0 ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            // The obsolete list is still consulted and still holds 127.0.0.0/8 by default: empty it too.
#pragma warning disable CS0618, ASPDEPR005
            o.KnownNetworks.Clear();
#pragma warning restore CS0618, ASPDEPR005
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
            // Walk the chain from the right through every trusted hop, stopping at the first address that is not a
            // trusted proxy: that is the client. Entries a client wrote itself (to the left of it) are never believed.
            o.ForwardLimit = null;
        });
    }

    public static void UseTrustedProxies(this WebApplication app) => app.UseForwardedHeaders();
}
