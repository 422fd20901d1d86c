using System.Globalization;

namespace ChatSupport.Bench.Measure;

/// <summary>A process's resident memory and CPU time, read from Linux's /proc (no tool, no change to the process).</summary>
public sealed class ProcessMeter(int pid)
{
    // /proc/PID/stat counts CPU time in clock ticks; Linux fixes USER_HZ at 100 for user space.
    private const double TicksPerSecond = 100;

    public int Pid { get; } = pid;

    /// <summary>VmRSS of /proc/PID/status, in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var kb = line["VmRSS:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException($"/proc/{Pid}/status has no VmRSS line.");
    }

    /// <summary>utime + stime of /proc/PID/stat: CPU seconds the process has used (user and kernel).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of the whole line are the 12th and 13th after the name (state is the first).
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }
}

/// <summary>
/// CPU use of several processes over one phase, as a share of one core (1.0 = one core busy the whole time), plus
/// "others": whatever else kept the machine's cores busy meanwhile (from /proc/stat), so a figure taken while
/// something else was running (a build, a test suite) says so.
/// </summary>
public sealed class CpuWindow
{
    private const double TicksPerSecond = 100;

    private readonly (string Name, ProcessMeter Meter, double StartSeconds)[] _processes;
    private readonly long _startTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly double _machineStartSeconds = MachineBusySeconds();

    public CpuWindow(IEnumerable<(string Name, ProcessMeter Meter)> processes) =>
        _processes = processes.Select(p => (p.Name, p.Meter, p.Meter.CpuSeconds())).ToArray();

    public IReadOnlyDictionary<string, double> CoresUsed()
    {
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        var used = _processes.ToDictionary(p => p.Name, p => (p.Meter.CpuSeconds() - p.StartSeconds) / wall);
        var machine = (MachineBusySeconds() - _machineStartSeconds) / wall;
        used["others"] = Math.Max(0, machine - used.Values.Sum());
        return used;
    }

    /// <summary>Busy time of all cores since boot: the first line of /proc/stat less idle and iowait.</summary>
    private static double MachineBusySeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already inside user).
        var busy = fields.Take(8).Sum() - fields[3] - fields[4];
        return busy / TicksPerSecond;
    }
}
