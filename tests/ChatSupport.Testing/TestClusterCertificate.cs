using ChatSupport.Silo.Tls;

namespace ChatSupport.Testing;

/// <summary>
/// The cluster certificate of a test run: a development certificate (made by the code <c>--make-dev-cert</c> runs) in a
/// temporary folder of this test process, and the configuration that makes a silo or client use it.
/// </summary>
public static class TestClusterCertificate
{
    private static readonly Lazy<(string Path, string Password)> Files = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatsupport-tls-" + Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(folder, recursive: true); } catch (IOException) { } };
        return DevelopmentCertificate.EnsureIn(folder);
    });

    /// <summary>Makes the certificate in a folder of the caller's (a cluster's work folder) and returns its settings.</summary>
    public static Dictionary<string, string> SettingsIn(string folder) => Settings(DevelopmentCertificate.EnsureIn(folder));

    /// <summary>This process's one certificate ("ChatSupport:Tls:…" keys), made on first use.</summary>
    public static Dictionary<string, string> Settings() => Settings(Files.Value);

    private static Dictionary<string, string> Settings((string Path, string Password) files) => new()
    {
        [ClusterTls.Section + ":CertificatePath"] = files.Path,
        [ClusterTls.Section + ":CertificatePassword"] = files.Password,
    };

    /// <summary>The same settings as environment variables (<c>ChatSupport__Tls__CertificatePath</c>) for a host process.</summary>
    public static IEnumerable<KeyValuePair<string, string>> AsEnvironment(this Dictionary<string, string> settings) =>
        settings.Select(s => KeyValuePair.Create(s.Key.Replace(":", "__"), s.Value));
}
