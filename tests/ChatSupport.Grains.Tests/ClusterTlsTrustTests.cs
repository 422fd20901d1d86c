using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChatSupport.Silo.Tls;

namespace ChatSupport.Grains.Tests;

/// <summary>
/// Whom a cluster node lets in (ClusterTls.IsTrustedPeer, the check every silo and gateway connection passes): its own
/// certificate, a pinned thumbprint, or a certificate of a configured CA; nobody else, and nothing out of date.
/// </summary>
public sealed class ClusterTlsTrustTests
{
    private static readonly SslPolicyErrors UntrustedRoot = SslPolicyErrors.RemoteCertificateChainErrors;

    [Fact]
    public void A_node_trusts_its_own_certificate_and_a_pinned_one_but_not_another_self_signed_one()
    {
        using var own = DevelopmentCertificate.Create();
        using var next = DevelopmentCertificate.Create();
        using var stranger = DevelopmentCertificate.Create();
        var tls = new ClusterTls(own, [ColonSeparated(ClusterTls.Sha256Thumbprint(next))], []);

        tls.IsTrustedPeer(own, null, UntrustedRoot).Should().BeTrue("nodes that share the certificate trust each other");
        tls.IsTrustedPeer(next, null, UntrustedRoot).Should().BeTrue("a pinned thumbprint is trusted (rotation), written with colons or without");
        tls.IsTrustedPeer(stranger, null, UntrustedRoot).Should().BeFalse("a self-signed certificate of anyone else is not");
        tls.IsTrustedPeer(own, null, SslPolicyErrors.RemoteCertificateNotAvailable).Should().BeFalse("no certificate, no entry");
    }

    [Fact]
    public void A_pinned_certificate_past_its_end_date_is_refused()
    {
        using var own = DevelopmentCertificate.Create();
        using var expired = SelfSigned("CN=expired", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        new ClusterTls(own, [ClusterTls.Sha256Thumbprint(expired)], []).IsTrustedPeer(expired, null, UntrustedRoot).Should().BeFalse();
    }

    [Fact]
    public void With_a_trusted_ca_a_certificate_it_issued_is_trusted_and_one_from_another_ca_is_not()
    {
        using var clusterCa = CertificateAuthority("CN=cluster CA");
        using var otherCa = CertificateAuthority("CN=someone else's CA");
        using var node = IssuedBy(clusterCa, "CN=silo-7");
        using var impostor = IssuedBy(otherCa, "CN=silo-7");
        using var own = IssuedBy(clusterCa, "CN=silo-1");
        var tls = new ClusterTls(own, [], [PublicOnly(clusterCa)]);

        tls.IsTrustedPeer(node, null, UntrustedRoot).Should().BeTrue();
        tls.IsTrustedPeer(impostor, null, UntrustedRoot).Should().BeFalse("the same name from another CA is not the cluster");
    }

    private static string ColonSeparated(string hex) => string.Join(':', hex.Chunk(2).Select(c => new string(c)));

    private static X509Certificate2 SelfSigned(string subject, DateTimeOffset from, DateTimeOffset to)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSelfSigned(from, to);
    }

    private static X509Certificate2 CertificateAuthority(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 IssuedBy(X509Certificate2 ca, string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 PublicOnly(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);
}
