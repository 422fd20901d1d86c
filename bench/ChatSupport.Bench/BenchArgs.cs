using System.Globalization;

namespace ChatSupport.Bench;

/// <summary>A wrong command line: the message says what, and the usage is printed after it.</summary>
public sealed class BenchUsageException(string message) : Exception(message);

/// <summary><c>--name value</c> pairs from the command line (no library: the bench has a handful of options).</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public static BenchArgs Parse(IReadOnlyList<string> args)
    {
        var parsed = new BenchArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new BenchUsageException($"Unexpected argument '{arg}'.");
            var eq = arg.IndexOf('=');
            if (eq > 0) parsed._values[arg[2..eq]] = arg[(eq + 1)..];
            // A switch: an option followed by another option (or by nothing) is simply on.
            else if (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) parsed._values[arg[2..]] = "true";
            else parsed._values[arg[2..]] = args[++i];
        }
        return parsed;
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public int Int(string name, int fallback) => String(name) is { } s
        ? int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v
            : throw new BenchUsageException($"--{name} needs a whole number, not '{s}'.")
        : fallback;

    public bool Switch(string name) => String(name) is { } s
        ? bool.TryParse(s, out var on) ? on : throw new BenchUsageException($"--{name} is a switch (true or false), not '{s}'.")
        : false;

    /// <summary>Refuses options nobody asked for, so a typo does not silently run the defaults.</summary>
    public void ThrowOnUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0) throw new BenchUsageException("Unknown option(s): " + string.Join(", ", unknown.Select(k => "--" + k)));
    }
}
