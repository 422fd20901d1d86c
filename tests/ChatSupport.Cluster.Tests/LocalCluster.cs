using System.Net;
using System.Security.Cryptography;
using ChatSupport.Testing;

namespace ChatSupport.Cluster.Tests;

/// <summary>
/// A real local cluster from the published hosts (artifacts/, made by the test command): Azurite, N silo
/// processes with Azure Table clustering and M Api processes joining them as Orleans clients, all on 127.0.0.1.
/// Every silo and gateway connection is mutual TLS, with a development certificate made in the cluster's work folder.
/// Tenant "acme" (Scale + Priority Support) is seeded with System Admins agent0..agent9.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string Tenant = "acme";
    public const string Password = "cluster-test-password";
    public const int AgentCount = 10;
    public const string ClusterId = "cluster-test";

    private readonly List<HostProcess> _silos = [];
    private readonly List<HostProcess> _apis = [];
    private string _workDir = "";

    public AzuriteProcess Azurite { get; private set; } = null!;
    public List<Uri> ApiUrls { get; } = [];
    public List<int> SiloPorts { get; } = [];
    public List<int> GatewayPorts { get; } = [];
    /// <summary>The cluster's certificate settings ("ChatSupport:Tls:…"): what a trusted client needs.</summary>
    public Dictionary<string, string> TlsSettings { get; private set; } = [];
    public string LogDirectory => _workDir;

    /// <summary>Each silo's health port (/healthz/live, /healthz/ready on 127.0.0.1).</summary>
    public List<int> SiloHealthPorts { get; } = [];

    /// <param name="settings">Extra environment for every process (ChatSupport__Webhooks__…, say).</param>
    public static async Task<LocalCluster> StartAsync(int silos, int apis, IReadOnlyDictionary<string, string>? settings = null)
    {
        var siloDll = Path.Combine(RepoPaths.Root, "artifacts", "silo", "ChatSupport.Silo.dll");
        var apiDll = Path.Combine(RepoPaths.Root, "artifacts", "api", "ChatSupport.Api.dll");
        if (!File.Exists(siloDll) || !File.Exists(apiDll))
            throw new InvalidOperationException("The published hosts are missing: run ./chat test (it publishes them into artifacts/).");

        var cluster = new LocalCluster();
        try
        {
            await cluster.StartProcessesAsync(silos, apis, siloDll, apiDll, settings ?? new Dictionary<string, string>());
            return cluster;
        }
        catch
        {
            // A host that never became healthy must not outlive the test that started it.
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task StartProcessesAsync(int silos, int apis, string siloDll, string apiDll, IReadOnlyDictionary<string, string> settings)
    {
        _workDir = Path.Combine(RepoPaths.Root, "TestResults", "cluster-" + DateTime.UtcNow.ToString("HHmmss") + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(_workDir);
        Azurite = await AzuriteProcess.StartAsync();
        TlsSettings = TestClusterCertificate.SettingsIn(Path.Combine(_workDir, "tls"));

        var environment = new Dictionary<string, string>
        {
            ["ChatSupport__Storage__ConnectionString"] = Azurite.ConnectionString,
            ["ChatSupport__Silo__ClusterId"] = ClusterId,
            ["ChatSupport__Security__VisitorTokenKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["ChatSupport__Security__DataProtectionKeysPath"] = Path.Combine(_workDir, "keys"),
            ["ChatSupport__Security__RateLimits__ChatStartsPerAddress"] = "1000000",
            ["ChatSupport__Security__RateLimits__MessagesPerAddress"] = "1000000",
            ["ChatSupport__Security__RateLimits__MessagesPerVisitor"] = "1000000",
            ["ChatSupport__Security__RateLimits__TokenRequestsPerAddress"] = "1000000",
            ["ChatSupport__Security__RateLimits__SignInsPerAddress"] = "1000000",
            ["ChatSupport__Security__RateLimits__CallsPerAddress"] = "1000000",
            ["ChatSupport__Bootstrap__Tenants__0__Id"] = Tenant,
            ["ChatSupport__Bootstrap__Tenants__0__Plan"] = "scale",
            ["ChatSupport__Bootstrap__Tenants__0__Features__0"] = "priority_support",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            // A failover is read from the logs as a timeline: when the silo died, when it was declared dead, when sends resumed.
            ["Logging__Console__FormatterName"] = "simple", // without a name the console logger ignores FormatterOptions
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information",
        };
        foreach (var (key, value) in TlsSettings.AsEnvironment()) environment[key] = value;
        foreach (var (key, value) in settings) environment[key] = value;
        for (var a = 0; a < AgentCount; a++)
        {
            environment[$"ChatSupport__Bootstrap__Tenants__0__Operators__{a}__Username"] = $"agent{a}";
            environment[$"ChatSupport__Bootstrap__Tenants__0__Operators__{a}__DisplayName"] = $"Agent {a}";
            environment[$"ChatSupport__Bootstrap__Tenants__0__Operators__{a}__Password"] = Password;
        }

        for (var i = 0; i < silos; i++)
        {
            var (siloPort, gateway, health) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
            SiloPorts.Add(siloPort);
            GatewayPorts.Add(gateway);
            SiloHealthPorts.Add(health);
            _silos.Add(HostProcess.Start($"silo{i}", siloDll,
                [$"--ChatSupport:Silo:SiloPort={siloPort}", $"--ChatSupport:Silo:GatewayPort={gateway}", $"--ChatSupport:Silo:HealthPort={health}"], environment, _workDir));
        }
        foreach (var gateway in GatewayPorts) await FreePorts.WaitUntilListeningAsync(gateway, TimeSpan.FromSeconds(120));

        for (var j = 0; j < apis; j++)
        {
            var port = FreePorts.Next();
            _apis.Add(HostProcess.Start($"api{j}", apiDll,
                [$"--urls=http://127.0.0.1:{port}", "--ChatSupport:Orleans:Mode=client"], environment, _workDir));
            ApiUrls.Add(new Uri($"http://127.0.0.1:{port}/"));
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var url in ApiUrls)
        {
            await Eventually.GetAsync(async () =>
            {
                try { return (await http.GetAsync(new Uri(url, "healthz"))).StatusCode; }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return HttpStatusCode.ServiceUnavailable; }
            }, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(120), $"Api {url} to serve");
        }
    }

    public Task KillSiloAsync(int index) => _silos[index].KillAsync();

    public Task KillApiAsync(int index) => _apis[index].KillAsync();

    /// <summary>SIGTERM: the silo leaves the cluster gracefully, handing its grains over.</summary>
    public Task StopSiloAsync(int index) => _silos[index].StopAsync(TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        // Clients first, then silos, then the storage they need to shut down cleanly.
        await Task.WhenAll(_apis.Select(a => a.DisposeAsync().AsTask()));
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}
