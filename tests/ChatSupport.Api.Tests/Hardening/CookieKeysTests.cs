using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChatSupport.Api.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// The keys that seal sign-in cookies belong to one deployment: a cookie sealed by another deployment on the same
/// machine does not open (no shared ~/.aspnet key ring), the nodes of one deployment (one keys folder) open each
/// other's, and with a certificate configured the keys on disk are encrypted.
/// </summary>
public sealed class CookieKeysTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatsupport-keys-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Two_deployments_without_a_keys_folder_cannot_open_each_others_cookies()
    {
        var sealedByA = Protector().Protect("sign-in of deployment A");
        var open = () => Protector().Unprotect(sealedByA);
        open.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void The_nodes_of_one_deployment_share_its_keys_folder()
    {
        var sealedByNode1 = Protector($"{CookieKeys.KeysPathKey}={_folder}").Protect("sign-in");
        Protector($"{CookieKeys.KeysPathKey}={_folder}").Unprotect(sealedByNode1).Should().Be("sign-in");
    }

    [Fact]
    public void With_a_certificate_the_keys_are_encrypted_at_rest()
    {
        Directory.CreateDirectory(_folder);
        var pfx = Path.Combine(_folder, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=chatsupport-keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }
        var keys = Path.Combine(_folder, "ring");
        string[] settings = [$"{CookieKeys.KeysPathKey}={keys}", $"{CookieKeys.CertificatePathKey}={pfx}", $"{CookieKeys.CertificatePasswordKey}=pfx-password"];

        var sealedByNode1 = Protector(settings).Protect("sign-in");
        Protector(settings).Unprotect(sealedByNode1).Should().Be("sign-in", "a second node with the certificate opens it");
        var ring = Directory.GetFiles(keys, "key-*.xml").Should().ContainSingle().Subject;
        var xml = File.ReadAllText(ring);
        xml.Should().Contain("encryptedSecret").And.NotContain("<masterKey", "the key is stored encrypted, not in the clear");
    }

    private static IDataProtector Protector(params string[] settings)
    {
        var builder = WebApplication.CreateBuilder(settings.Select(s => "--" + s).ToArray());
        builder.AddChatSupportCookieKeys();
        var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookies");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
