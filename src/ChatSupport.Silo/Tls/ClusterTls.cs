using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace ChatSupport.Silo.Tls;

/// <summary>
/// Mutual TLS on the cluster's own connections: silo to silo, and Api (Orleans client) to gateway. Every end shows
/// its certificate and accepts a peer only if the peer's certificate is one it trusts: its own (every node of a small
/// cluster may share one), one listed in <c>AllowedThumbprints</c> (rotation), or one issued by a CA in
/// <c>TrustedIssuerPath</c>. A connection without a certificate, or with any other one, is refused during the handshake,
/// before a single Orleans message is read (docs/operations.md, "Cluster certificates").
/// </summary>
public sealed class ClusterTls
{
    public const string Section = "ChatSupport:Tls";

    private readonly HashSet<string> _trustedThumbprints;
    private readonly X509Certificate2Collection _trustedIssuers;

    public ClusterTls(X509Certificate2 certificate, IEnumerable<string> allowedThumbprints, X509Certificate2Collection trustedIssuers)
    {
        Certificate = certificate;
        _trustedThumbprints = new HashSet<string>(allowedThumbprints.Select(NormalizeThumbprint), StringComparer.Ordinal)
        {
            Sha256Thumbprint(certificate),
        };
        _trustedIssuers = trustedIssuers;
    }

    /// <summary>The certificate this node shows to its peers, as server and as client.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The configured certificate; a host that talks to other processes cannot run without one.</summary>
    public static ClusterTls FromConfiguration(IConfiguration configuration) =>
        TryFromConfiguration(configuration) ?? throw new InvalidOperationException(
            $"Set {Section}:CertificatePath (a PFX file) and {Section}:CertificatePassword: the silo and gateway ports accept only " +
            "peers with a trusted certificate. For development, `dotnet ChatSupport.Silo.dll --make-dev-cert <folder>` makes one " +
            "(./chat cluster and the tests do this themselves); docs/operations.md, \"Cluster certificates\", says what production needs.");

    /// <summary>
    /// For the one-process host, whose silo is its own only peer: the configured certificate, or else one made in memory
    /// at start that no other process knows, so the loopback silo port still accepts nobody.
    /// </summary>
    public static ClusterTls FromConfigurationOrEphemeral(IConfiguration configuration) =>
        TryFromConfiguration(configuration) ?? new ClusterTls(DevelopmentCertificate.Create(), [], []);

    private static ClusterTls? TryFromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var path = section["CertificatePath"];
        if (string.IsNullOrWhiteSpace(path)) return null;
        if (!File.Exists(path)) throw new InvalidOperationException($"{Section}:CertificatePath names {path}, which does not exist.");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, section["CertificatePassword"]);
        if (!certificate.HasPrivateKey) throw new InvalidOperationException($"{path} holds no private key: a node needs its own key to prove who it is.");
        // A PEM file of one or more CA certificates: two while the cluster moves from an old CA to a new one.
        var issuers = new X509Certificate2Collection();
        if (section["TrustedIssuerPath"] is { Length: > 0 } issuerPath) issuers.ImportFromPemFile(issuerPath);
        return new ClusterTls(certificate, section.GetSection("AllowedThumbprints").Get<string[]>() ?? [], issuers);
    }

    /// <summary>The TLS settings Orleans applies to every inbound and outbound cluster connection.</summary>
    public void Configure(TlsOptions options)
    {
        options.LocalCertificate = Certificate;
        // Both: RemoteCertificateMode for silo-to-silo links, ClientCertificateMode for what reaches the gateway.
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = IsTrustedPeer;
    }

    /// <summary>
    /// A peer is trusted by its certificate, not by its name: pods come and go with new addresses, so the host name
    /// check (a name mismatch) is not what identifies a node. Pinned certificates must still be within their dates.
    /// </summary>
    public bool IsTrustedPeer(X509Certificate2 peer, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)) return false;
        var now = DateTime.UtcNow;
        if (now < peer.NotBefore.ToUniversalTime() || now > peer.NotAfter.ToUniversalTime()) return false;
        if (_trustedThumbprints.Contains(Sha256Thumbprint(peer))) return true;
        return _trustedIssuers.Count > 0 && IsIssuedByTrustedIssuer(peer, chain);
    }

    private bool IsIssuedByTrustedIssuer(X509Certificate2 peer, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_trustedIssuers);
        // A private cluster CA publishes no revocation list; rotation replaces the CA or its certificates instead.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
            foreach (var element in presented.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        return chain.Build(peer);
    }

    /// <summary>SHA-256 of the certificate, upper-case hex without separators (what <c>openssl x509 -fingerprint -sha256</c> prints, colons removed).</summary>
    public static string Sha256Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private static string NormalizeThumbprint(string thumbprint) => thumbprint.Replace(":", "").Replace(" ", "").Trim().ToUpperInvariant();
}
