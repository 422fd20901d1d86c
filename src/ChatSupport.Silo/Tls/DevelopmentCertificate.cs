using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ChatSupport.Silo.Tls;

/// <summary>
/// A self-signed certificate for a development cluster (127.0.0.1 and localhost), kept as a PFX under a random
/// password. <c>./chat cluster</c> and the tests make one with <c>--make-dev-cert &lt;folder&gt;</c>, into a folder
/// that is never committed (.azurite/, a test's temp folder). Production uses certificates of its own (docs/operations.md).
/// </summary>
public static class DevelopmentCertificate
{
    public const string CommandName = "--make-dev-cert";
    public const string FileName = "cluster.pfx";
    public const string PasswordFileName = "cluster.pfx.password";

    public static X509Certificate2 Create(TimeSpan? lifetime = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ChatSupport development cluster", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        // Every node is a server (silo, gateway) and a client (silo to silo, Api to gateway).
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + (lifetime ?? TimeSpan.FromDays(365)));
        // Exported and loaded again, so that the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>Writes <c>cluster.pfx</c> and its password (readable by the owner only) into the folder; keeps existing ones.</summary>
    public static (string CertificatePath, string Password) EnsureIn(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var passwordPath = Path.Combine(folder, PasswordFileName);
        if (File.Exists(path) && File.Exists(passwordPath)) return (path, File.ReadAllText(passwordPath).Trim());

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        using var certificate = Create();
        WriteOwnerOnly(passwordPath, password);
        WriteOwnerOnly(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }

    /// <summary>Handles <c>--make-dev-cert &lt;folder&gt;</c>: true when it was that command (the host then exits).</summary>
    public static bool TryRunCommand(string[] args)
    {
        if (args.Length == 0 || args[0] != CommandName) return false;
        if (args.Length != 2) throw new ArgumentException($"usage: {CommandName} <folder>");
        var (path, _) = EnsureIn(args[1]);
        Console.WriteLine(path);
        return true;
    }

    private static void WriteOwnerOnly(string path, string text) => WriteOwnerOnly(path, System.Text.Encoding.UTF8.GetBytes(text));

    private static void WriteOwnerOnly(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new FileStream(path, options);
        file.Write(bytes);
    }
}
