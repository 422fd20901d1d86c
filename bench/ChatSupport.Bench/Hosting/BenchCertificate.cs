using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace ChatSupport.Bench.Hosting;

/// <summary>
/// A self-signed cluster certificate for one bench run (a PFX in its run folder): the host's co-hosted silo shows it on
/// its gateway and trusts only it, and the bench's Orleans client shows it back. Made here rather than taken from the
/// silo project, because the bench references Contracts only.
/// </summary>
public sealed class BenchCertificate
{
    private static readonly ConcurrentDictionary<string, BenchCertificate> ByRunFolder = new();

    private BenchCertificate(string path, string password, X509Certificate2 certificate)
    {
        Path = path;
        Password = password;
        Certificate = certificate;
    }

    public string Path { get; }
    public string Password { get; }
    public X509Certificate2 Certificate { get; }

    public static BenchCertificate For(string runFolder) => ByRunFolder.GetOrAdd(runFolder, Create);

    /// <summary>Both ends demand a certificate and accept only this one.</summary>
    public void Configure(TlsOptions options)
    {
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (peer, _, errors) =>
            !errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) &&
            peer.GetCertHashString(HashAlgorithmName.SHA256) == Certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    private static BenchCertificate Create(string runFolder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ChatSupport bench cluster", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        // Server and client authentication: the same certificate answers on the gateway and connects to it.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var path = System.IO.Path.Combine(runFolder, "bench-cluster.pfx");
        Directory.CreateDirectory(runFolder);
        File.WriteAllBytes(path, made.Export(X509ContentType.Pfx, password));
        return new BenchCertificate(path, password, X509CertificateLoader.LoadPkcs12FromFile(path, password));
    }
}
