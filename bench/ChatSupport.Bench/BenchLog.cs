using System.Diagnostics;

namespace ChatSupport.Bench;

/// <summary>Progress lines on the console, each with the seconds since the run began (a long run should show it is alive).</summary>
public static class BenchLog
{
    private static readonly long Start = Stopwatch.GetTimestamp();

    public static void Info(string message) =>
        Console.WriteLine($"[{Stopwatch.GetElapsedTime(Start).TotalSeconds,6:0.0}s] {message}");
}
