namespace ChatSupport.Bench.Hosting;

/// <summary>
/// Azurite's table service from the clone's node_modules, started exactly as <c>./chat run</c> starts it
/// (127.0.0.1, telemetry off), on a free port with its data in a fresh folder under the run's results.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's public, documented development account key: accepted only by the emulator.
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess _process;

    private AzuriteServer(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public int Pid => _process.Pid;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public static async Task<AzuriteServer> StartAsync(string repoRoot, string runFolder)
    {
        var main = Path.Combine(repoRoot, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(main)) throw new InvalidOperationException($"Azurite is not installed ({main}); run `npm ci` in {repoRoot}.");
        var dataDir = Path.Combine(runFolder, "azurite-data");
        Directory.CreateDirectory(dataDir);
        var port = FreePorts.Next();
        var process = ChildProcess.Start("Azurite", "node",
            [main, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(), "--location", dataDir,
             "--disableTelemetry", "--skipApiVersionCheck", "--silent"],
            Path.Combine(runFolder, "azurite.log"));
        var azurite = new AzuriteServer(process, port);
        try
        {
            await FreePorts.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30), () => process.HasExited);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
        return azurite;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
