namespace ChatSupport.Bench.Hosting;

/// <summary>
/// Azurite (tables, blobs, and the queues its one process always runs) from the clone's node_modules, started exactly as
/// <c>./chat run</c> starts it (127.0.0.1, telemetry off), on free ports with its data in a fresh folder under the run's results.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's public, documented development account key: accepted only by the emulator.
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess _process;
    private readonly string _dataDir;

    private AzuriteServer(ChildProcess process, int port, int blobPort, string dataDir)
    {
        _process = process;
        Port = port;
        BlobPort = blobPort;
        _dataDir = dataDir;
    }

    public int Port { get; }
    public int BlobPort { get; }
    public int Pid => _process.Pid;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;";

    /// <param name="inMemory">Diagnosis only: no disk persistence, so no periodic save of the whole database (see docs/benchmarks.md).</param>
    public static async Task<AzuriteServer> StartAsync(string repoRoot, string runFolder, bool inMemory)
    {
        var main = Path.Combine(repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(main)) throw new InvalidOperationException($"Azurite is not installed ({main}); run `npm ci` in {repoRoot}.");
        var dataDir = Path.Combine(runFolder, "azurite-data");
        Directory.CreateDirectory(dataDir);
        var (port, blobPort, queuePort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        List<string> arguments =
        [
            main, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(),
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(), "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
            "--disableTelemetry", "--skipApiVersionCheck", "--silent",
        ];
        // Azurite refuses --location together with --inMemoryPersistence: a folder only when data goes to disk.
        arguments.AddRange(inMemory ? ["--inMemoryPersistence"] : ["--location", dataDir]);
        var process = ChildProcess.Start("Azurite", "node", arguments, Path.Combine(runFolder, "azurite.log"));
        var azurite = new AzuriteServer(process, port, blobPort, dataDir);
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

    /// <summary>Stops the emulator and deletes its data (a 5,000-chat run leaves ~100 MB).</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
