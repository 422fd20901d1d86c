using System.Diagnostics;

namespace ChatSupport.Bench.Hosting;

/// <summary>
/// A process the bench started (Azurite, the ChatSupport host, the relay server), with its output in a log
/// file. Disposing stops it by its own pid (and its children), which the bench does on every way out.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    // A server failing under load logs a stack trace per failed call: keep the first part, count the rest.
    private const long LogLimitBytes = 20 * 1024 * 1024;

    private readonly Process _process;
    private readonly StreamWriter _log;

    private ChildProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string logPath,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        ChildProcesses.Track(process);
        var limit = new LogLimit();
        process.OutputDataReceived += (_, e) => Write(log, limit, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, limit, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(name, process, log);
    }

    public async ValueTask DisposeAsync()
    {
        ChildProcesses.Stop(_process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(timeout.Token); } catch (OperationCanceledException) { }
        ChildProcesses.Forget(_process);
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private sealed class LogLimit
    {
        public long Written;
        public long Dropped;
    }

    private static void Write(StreamWriter log, LogLimit limit, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            try
            {
                if (limit.Written > LogLimitBytes)
                {
                    // One note every 100,000 dropped lines, so the file says how much is missing.
                    if (limit.Dropped++ % 100_000 == 0) log.WriteLine($"[bench] log over {LogLimitBytes / 1024 / 1024} MB: {limit.Dropped:N0} lines dropped so far");
                    return;
                }
                limit.Written += line.Length + 1;
                log.WriteLine(line);
            }
            catch (ObjectDisposedException) { }
        }
    }
}

/// <summary>
/// Every child still running, so that Ctrl+C, SIGTERM or a crash of the bench stops them too: a benchmark
/// must not leave a server or an Azurite behind.
/// </summary>
public static class ChildProcesses
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<Process> Running = [];

    static ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => StopAll();
    }

    public static void Track(Process process)
    {
        lock (Gate) Running.Add(process);
    }

    public static void Forget(Process process)
    {
        lock (Gate) Running.Remove(process);
    }

    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    public static void StopAll()
    {
        Process[] running;
        lock (Gate) running = [.. Running];
        foreach (var process in running) Stop(process);
    }
}
