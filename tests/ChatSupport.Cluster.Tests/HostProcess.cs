using System.Diagnostics;

namespace ChatSupport.Cluster.Tests;

/// <summary>A published host (silo or Api) running as its own process, its output kept in a log file.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private HostProcess(Process process, StreamWriter log, string name)
    {
        _process = process;
        _log = log;
        Name = name;
    }

    public string Name { get; }
    public bool HasExited => _process.HasExited;

    public static HostProcess Start(string name, string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var log = new StreamWriter(Path.Combine(logDirectory, name + ".log")) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new HostProcess(process, log, name);
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to hand anything over.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill!.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(grace);
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { await KillAsync(); }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(20));
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
