namespace ChatSupport.Bench.Hosting;

/// <summary>The bare relay baseline: this bench program again, in its relay-server mode, as a separate process.</summary>
public sealed class RelayServerProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private RelayServerProcess(ChildProcess process, Uri baseUrl, string gcHeapFile)
    {
        _process = process;
        BaseUrl = baseUrl;
        GcHeapFile = gcHeapFile;
    }

    public Uri BaseUrl { get; }
    public int Pid => _process.Pid;
    public string GcHeapFile { get; }

    public static async Task<RelayServerProcess> StartAsync(string runFolder)
    {
        var port = FreePorts.Next();
        var gcHeapFile = Path.Combine(runFolder, "relay-gc-heap.json");
        var benchDll = typeof(RelayServerProcess).Assembly.Location;
        var environment = new Dictionary<string, string>(Measure.GcHeapProbe.EnvironmentFor(gcHeapFile))
        {
            // The ChatSupport host is an ASP.NET Core app and so runs the server GC; the relay must too, or memory is not comparable.
            ["DOTNET_gcServer"] = "1",
        };
        var process = ChildProcess.Start("relay server", "dotnet", [benchDll, "relay-server", "--port", port.ToString()],
            Path.Combine(runFolder, "relay.log"), environment);
        var relay = new RelayServerProcess(process, new Uri($"http://127.0.0.1:{port}/"), gcHeapFile);
        try
        {
            await ChatHostServer.WaitUntilHealthyAsync(relay.BaseUrl, TimeSpan.FromSeconds(60), () => process.HasExited);
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }
        return relay;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
