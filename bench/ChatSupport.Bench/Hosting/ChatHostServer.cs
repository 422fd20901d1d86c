namespace ChatSupport.Bench.Hosting;

/// <summary>
/// The one-process ChatSupport host (Api co-hosting a silo) from its Release build, as a separate process
/// so that its memory and CPU can be read from /proc. Every port is a free loopback port.
/// </summary>
public sealed class ChatHostServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private ChatHostServer(ChildProcess process, Uri baseUrl, int gatewayPort, BenchCertificate certificate, string gcHeapFile)
    {
        _process = process;
        Certificate = certificate;
        BaseUrl = baseUrl;
        GatewayPort = gatewayPort;
        GcHeapFile = gcHeapFile;
    }

    public Uri BaseUrl { get; }

    /// <summary>The co-hosted silo's Orleans gateway (localhost clustering), for a bench that calls grains as an Orleans client.</summary>
    public int GatewayPort { get; }

    /// <summary>The certificate the gateway demands of its clients (and shows them).</summary>
    public BenchCertificate Certificate { get; }
    public int Pid => _process.Pid;

    /// <summary>Where the GC heap probe, loaded into the host as a startup hook, reports (see <c>GcHeapProbe</c>).</summary>
    public string GcHeapFile { get; }

    /// <param name="settings">More <c>--Key=value</c> host settings, after the bench's own (the analytics scenario turns analytics off with one).</param>
    public static async Task<ChatHostServer> StartAsync(string repoRoot, string runFolder, string storageConnectionString,
        IReadOnlyList<BenchTenant> tenants, IReadOnlyList<string>? settings = null)
    {
        var dll = Path.Combine(repoRoot, "src", "ChatSupport.Api", "bin", "Release", "net10.0", "ChatSupport.Api.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: run `dotnet build src/ChatSupport.Api -c Release` first (./chat bench does).");
        var port = FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        var certificate = BenchCertificate.For(runFolder);
        var gcHeapFile = Path.Combine(runFolder, "host-gc-heap.json");
        var process = ChildProcess.Start("ChatSupport host", "dotnet",
            [
                dll,
                "--urls", $"http://127.0.0.1:{port}",
                $"--ChatSupport:Storage:ConnectionString={storageConnectionString}",
                // Every bench client shares 127.0.0.1, and saturation senders outpace any per-visitor limit by design:
                // the limits are lifted out of the way, while the limiter itself still runs on every call.
                "--ChatSupport:Security:RateLimits:ChatStartsPerAddress=100000000",
                "--ChatSupport:Security:RateLimits:ChatStartsPerVisitor=100000000",
                "--ChatSupport:Security:RateLimits:MessagesPerAddress=100000000",
                "--ChatSupport:Security:RateLimits:MessagesPerVisitor=100000000",
                "--ChatSupport:Security:RateLimits:TokenRequestsPerAddress=100000000",
                "--ChatSupport:Security:RateLimits:SignInsPerAddress=100000000",
                "--ChatSupport:Security:RateLimits:CallsPerAddress=100000000",
                "--ChatSupport:Security:RateLimits:CallsPerVisitor=100000000",
                "--ChatSupport:Security:RateLimits:ConnectsPerVisitor=100000000",
                // The benchmark's tenants hold thousands of waiting chats at once: the queue's cap is lifted too.
                "--ChatSupport:Queue:MaxWaitingPerTenant=100000000",
                $"--ChatSupport:Silo:SiloPort={FreePorts.Next()}",
                // A gateway for the analytics scenario's Orleans client, with the run's cluster certificate (mutual TLS).
                "--ChatSupport:Silo:CohostGateway=true",
                $"--ChatSupport:Silo:GatewayPort={gatewayPort}",
                $"--ChatSupport:Tls:CertificatePath={certificate.Path}",
                $"--ChatSupport:Tls:CertificatePassword={certificate.Password}",
                // Information logs of 10,000 connections would cost the server CPU the benchmark is measuring.
                "--Logging:LogLevel:Default=Warning",
                .. settings ?? [],
            ],
            Path.Combine(runFolder, "host.log"),
            Environment(tenants, gcHeapFile));
        var host = new ChatHostServer(process, new Uri($"http://127.0.0.1:{port}/"), gatewayPort, certificate, gcHeapFile);
        try
        {
            await WaitUntilHealthyAsync(host.BaseUrl, TimeSpan.FromSeconds(120), () => process.HasExited);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static Dictionary<string, string> Environment(IReadOnlyList<BenchTenant> tenants, string gcHeapFile)
    {
        var env = BenchTenant.Environment(tenants);
        // A fixed signing key for the run, as a deployment would have (without one the host warns and makes its own).
        env["ChatSupport__Security__VisitorTokenKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        foreach (var (key, value) in Measure.GcHeapProbe.EnvironmentFor(gcHeapFile)) env[key] = value;
        return env;
    }

    /// <summary>Kestrel listens before the silo has started; /healthz answers once the host serves.</summary>
    internal static async Task WaitUntilHealthyAsync(Uri baseUrl, TimeSpan timeout, Func<bool> hasExited)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (hasExited()) throw new InvalidOperationException($"The server meant to answer on {baseUrl} exited; see its log in the run folder.");
            try
            {
                if ((await http.GetAsync("healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{baseUrl}healthz did not answer within {timeout.TotalSeconds:0} s.");
            await Task.Delay(200);
        }
    }
}
