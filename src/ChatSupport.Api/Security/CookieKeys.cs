using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace ChatSupport.Api.Security;

/// <summary>
/// The data-protection key ring that seals sign-in cookies and anti-forgery tokens, kept per deployment: in the folder
/// <c>ChatSupport:Security:DataProtectionKeysPath</c> (every Api node of a deployment shares it, so a cookie opens on
/// each of them; <c>./chat run</c> uses .azurite/keys), encrypted at rest with the certificate
/// <c>DataProtectionCertificatePath</c> (a PFX; <c>DataProtectionCertificatePassword</c>) when one is given. Without a
/// folder the keys live in memory only: cookies die with the process, and never open another deployment's host (the
/// framework's default, a ~/.aspnet folder shared by every app of the same name on the machine, is not used).
/// </summary>
public static class CookieKeys
{
    public const string KeysPathKey = SecurityOptions.Section + ":DataProtectionKeysPath";
    public const string CertificatePathKey = SecurityOptions.Section + ":DataProtectionCertificatePath";
    public const string CertificatePasswordKey = SecurityOptions.Section + ":DataProtectionCertificatePassword";

    public static void AddChatSupportCookieKeys(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        // One name for every node of the deployment (the default derives it from the install path, which differs per node).
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("chatsupport");
        if (config[KeysPathKey] is not { Length: > 0 } keysPath)
        {
            dataProtection.UseEphemeralDataProtectionProvider();
            return;
        }
        dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        if (config[CertificatePathKey] is { Length: > 0 } certificatePath)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, config[CertificatePasswordKey]);
            // Linux has no certificate store lookup for decryption: name the certificate for both directions.
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
    }
}
