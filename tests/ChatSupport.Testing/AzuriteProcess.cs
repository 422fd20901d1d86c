using System.Diagnostics;

namespace ChatSupport.Testing;

/// <summary>
/// The real Azurite (table and blob services, and the queue service Azurite's one process always runs) from the
/// clone's node_modules, on free 127.0.0.1 ports with its data in a temporary folder, telemetry off. Disposing stops it
/// and deletes the folder.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    // Azurite's well-known development account: public, documented, and accepted only by the emulator.
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _dataDir;
    private Process? _process;

    private AzuriteProcess(int port, int blobPort, int queuePort, string dataDir)
    {
        Port = port;
        BlobPort = blobPort;
        _queuePort = queuePort;
        _dataDir = dataDir;
    }

    private readonly int _queuePort;

    /// <summary>The table service's port.</summary>
    public int Port { get; }
    /// <summary>The blob service's port (attachments' bytes).</summary>
    public int BlobPort { get; }

    /// <summary>One connection string naming both services: the tables and the blobs read it alike.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;";

    public static async Task<AzuriteProcess> StartAsync()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "chatsupport-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var azurite = new AzuriteProcess(FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), dataDir);
        await azurite.StartProcessAsync();
        return azurite;
    }

    /// <summary>
    /// Stops the emulator, keeping its data (to test storage outages). Azurite keeps tables in memory and saves
    /// them on a timer and at shutdown, so it is asked to stop (SIGINT), not killed: killed, it would forget
    /// writes it had acknowledged, which real Azure Storage never does.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            using (var interrupt = Process.Start("kill", ["-INT", _process.Id.ToString()])) await interrupt!.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await _process.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts it again on the same port and data.</summary>
    public Task RestartAsync() => StartProcessAsync();

    /// <summary>
    /// Freezes Azurite (SIGSTOP): connections stay open and requests wait unanswered, as storage that is slow rather
    /// than down. <see cref="ResumeAsync"/> lets it go on where it stopped.
    /// </summary>
    public Task SuspendAsync() => SignalAsync("-STOP");

    public Task ResumeAsync() => SignalAsync("-CONT");

    private async Task SignalAsync(string signal)
    {
        if (_process is null || _process.HasExited) throw new InvalidOperationException("Azurite is not running.");
        using var kill = Process.Start("kill", [signal, _process.Id.ToString()])!;
        await kill.WaitForExitAsync();
    }

    private async Task StartProcessAsync()
    {
        var main = Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(main)) throw new InvalidOperationException($"Azurite is not installed ({main}); run `npm ci` in {RepoPaths.Root}.");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                main, "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(),
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", _queuePort.ToString(), "--location", _dataDir,
                "--disableTelemetry", "--skipApiVersionCheck", "--silent",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is null) return;
            output.Enqueue(line);
            while (output.Count > 50) output.TryDequeue(out _);
        }
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // A restart reloads everything the earlier run stored; on a loaded 2-core machine that can take well over 30 s.
        try
        {
            await FreePorts.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(120));
            await FreePorts.WaitUntilListeningAsync(BlobPort, TimeSpan.FromSeconds(120));
        }
        catch (System.Net.Sockets.SocketException e)
        {
            var exited = _process.HasExited ? $"exited with {_process.ExitCode}" : "still running";
            throw new InvalidOperationException($"Azurite ({exited}) does not listen on 127.0.0.1:{Port}. Its last output:\n{string.Join('\n', output)}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
