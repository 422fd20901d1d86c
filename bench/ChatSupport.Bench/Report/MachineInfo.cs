using System.Runtime.InteropServices;

namespace ChatSupport.Bench.Report;

/// <summary>The machine a figure came from (what `nproc` and `free -g` say), so figures are never quoted without it.</summary>
public sealed record MachineInfo(int Cores, double MemoryGiB, string Cpu, string Os, string Runtime)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        Math.Round(TotalMemoryKiB() / 1024.0 / 1024.0, 1),
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    private static long TotalMemoryKiB()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0]);
    }

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        ?? "unknown";
}
