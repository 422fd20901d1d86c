using System.Text.Json;

namespace ChatSupport.Bench.Measure;

/// <summary>
/// The server's managed heap, read without touching its code: the bench loads this assembly into the
/// server process as a .NET startup hook (DOTNET_STARTUP_HOOKS, see <see cref="StartupHook"/>). Inside
/// the server it writes the GC's figures to a file every second, and on request runs a full blocking
/// GC first, so the heap it reports is the live one rather than live plus garbage.
/// </summary>
public static class GcHeapProbe
{
    public const string FileVariable = "CHATSUPPORT_BENCH_GC_FILE";

    /// <summary>The environment that makes a child process load the probe and report to <paramref name="file"/>.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentFor(string file) => new Dictionary<string, string>
    {
        ["DOTNET_STARTUP_HOOKS"] = typeof(GcHeapProbe).Assembly.Location,
        [FileVariable] = file,
    };

    /// <summary>Asks the probe for a full GC and waits for the figures taken after it; null if the probe never answered.</summary>
    public static async Task<GcHeapReading?> CollectAndReadAsync(string file, TimeSpan timeout)
    {
        var request = Environment.TickCount64;
        await File.WriteAllTextAsync(RequestFile(file), request.ToString());
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Read(file) is { } reading && reading.CollectedRequest == request) return reading;
            await Task.Delay(100);
        }
        return null;
    }

    public static GcHeapReading? Read(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<GcHeapReading>(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    internal static string RequestFile(string file) => file + ".collect";

    /// <summary>Runs inside the server process.</summary>
    internal static void Start(string file)
    {
        var thread = new Thread(() =>
        {
            long lastAnswered = -1;
            var nextWrite = Environment.TickCount64;
            while (true)
            {
                try
                {
                    if (File.Exists(RequestFile(file)) && long.TryParse(File.ReadAllText(RequestFile(file)), out var request))
                    {
                        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                        GC.WaitForPendingFinalizers();
                        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                        File.Delete(RequestFile(file));
                        lastAnswered = request;
                        nextWrite = 0;
                    }
                    if (Environment.TickCount64 >= nextWrite)
                    {
                        Write(file, lastAnswered);
                        nextWrite = Environment.TickCount64 + 1000;
                    }
                }
                catch (IOException)
                {
                    // A probe must never take the measured server down: skip this round.
                }
                Thread.Sleep(100);
            }
        })
        { IsBackground = true, Name = "bench GC heap probe" };
        thread.Start();
    }

    private static void Write(string file, long lastAnsweredRequest)
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var reading = new GcHeapReading(
            HeapBytes: GC.GetTotalMemory(forceFullCollection: false),
            CommittedBytes: info.TotalCommittedBytes,
            CollectedRequest: lastAnsweredRequest);
        // Write then rename, so the bench never reads half a file.
        var temp = file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(reading));
        File.Move(temp, file, overwrite: true);
    }
}

/// <summary>What the probe reports: bytes on the managed heap, bytes the GC has committed, and which full-GC request it answers.</summary>
public sealed record GcHeapReading(long HeapBytes, long CommittedBytes, long CollectedRequest);
