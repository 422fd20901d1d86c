using System.Globalization;
using System.Text;
using ChatSupport.Bench.Load;
using ChatSupport.Bench.Measure;
using ChatSupport.Bench.Scenarios;

namespace ChatSupport.Bench.Report;

/// <summary>The human report of one run: targets first, then ratios, then every figure with the conditions it was taken under.</summary>
public static class MarkdownReport
{
    public static string Render(BenchResult r, string plotFile, string timelineFile)
    {
        var md = new StringBuilder();
        var s = r.Settings;
        var m = r.Machine;
        Line(md, $"# ChatSupport benchmark: {s.Chats:N0} chats");
        Line(md);
        Line(md, $"- Command: `{s.Command.Trim()}`");
        Line(md, $"- When: {r.StartedAt:yyyy-MM-dd HH:mm zzz}, {r.WallSeconds:0} s for the whole run");
        Line(md, $"- Machine: {m.Cores} cores ({m.Cpu}), {m.MemoryGiB:0.#} GiB; {m.Os}; {m.Runtime}");
        Line(md, $"- Server: {s.Target}; steady load every {s.IntervalSeconds:0} s per party for {s.DurationSeconds:0} s; " +
                 $"saturation {s.SaturationChats} chats ({s.SaturationChats * 2} senders) for {s.SaturationSeconds:0} s");
        Line(md, "- The load generator, the server and Azurite share the same cores: every latency includes the bench's own " +
                 "scheduling, and the CPU columns show who used what.");
        Line(md);

        Line(md, "## Targets");
        Line(md);
        Line(md, "| target | measured | verdict | note |");
        Line(md, "| --- | --- | --- | --- |");
        foreach (var t in Targets.Evaluate(r))
            Line(md, $"| {t.Target} | {t.Measured} | {(t.Met switch { true => "**met**", false => "**missed**", null => "not judged" })} | {t.Note} |");
        Line(md);

        Line(md, "## Against the baselines (same run, same machine, same concurrency)");
        Line(md);
        Line(md, "| ratio | chat | baseline | ratio |");
        Line(md, "| --- | ---: | ---: | ---: |");
        foreach (var ratio in Ratio.From(r))
            Line(md, $"| {ratio.Name} | {ratio.Numerator:0.0} | {ratio.Denominator:0.0} | {(ratio.Value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–")} |");
        Line(md);
        Line(md, $"![latency by percentile]({plotFile})");
        Line(md);
        Line(md, $"![steady-phase latency second by second]({timelineFile})");
        Line(md);

        var c = r.Chat;
        Line(md, "## Chat pipeline");
        Line(md);
        Line(md, $"{c.Operators} operators signed in (4 at a time) in {c.OperatorSignInSeconds:0.0} s; each chat's agent connection carries " +
                 $"the sign-in of operator (chat number mod {c.Operators}), {s.ChatsPerOperator} chats per operator.");
        Line(md);
        Line(md, $"Ramp-up: {Ramp(c.Ramp)}. Connections lost during the run: {c.ConnectionDrops}.");
        Line(md);
        Line(md, $"Idle CPU (cores, 5 s with no message flowing): no chat open — {Cores(c.IdleCores)}; every chat open (after the ramp-up) — {Cores(c.IdleCoresWithChatsOpen)}.");
        Line(md);
        LatencyTable(md, [
            (c.StartToDashboard, $"visitor's StartChat call → the dashboard's DeskChanged `added` ({c.NeverShownOnDashboard} never shown, {c.DeskVersionGaps} version gaps)"),
            (c.Assignment, "AssignToMe round trip"),
            (c.FirstAgentMessage, "agent's greeting (first message, turns the chat active) → ack"),
            (c.Steady.Delivery, "steady: sender's send → partner's MessagePosted"),
            (c.Steady.Ack, "steady: send → ack (stored)"),
            .. c.Saturation is { } saturation
                ? new[] { (saturation.Delivery, "saturation: send → partner's MessagePosted"), (saturation.Ack, "saturation: send → ack (stored)") }
                : [],
            .. c.Overload is { } overload
                ? new[] { (overload.Load.Ack, "overload (3 × saturation): send → ack (stored)"), (overload.Refusals, "overload: send → try_again (refused as busy)") }
                : [],
            .. c.DeskLoad is { } deskLoad
                ? new[] { (deskLoad.Latency, $"GetDesk with {deskLoad.Sessions:N0} open chats ({deskLoad.JsonBytes / 1024.0:0} KB of JSON)") }
                : [],
        ]);
        Line(md);
        LoadTable(md, [c.Steady, .. c.Saturation is { } sat ? new[] { sat } : [], .. c.Overload is { } over ? new[] { over.Load } : []]);
        Line(md);
        if (c.Overload is { } offered)
        {
            Line(md, $"Overload: {offered.OfferedPerSecond:0} messages/s offered (3 × the saturation's {offered.SaturationPerSecond:0}/s), {offered.Load.AckedPerSecond:0}/s acknowledged " +
                     $"({offered.AckedShareOfSaturation:P0} of saturation), {offered.Refusals.Count:N0} refused with try_again, {offered.ConnectionsDropped} connections dropped during the phase.");
            Line(md);
        }
        foreach (var problem in c.Problems) Line(md, $"- Not measured: {problem}");
        Line(md);
        if (c.Memory is { } memory) MemoryLines(md, "ChatSupport host, every chat open and idle after the ramp-up", memory);
        if (c.MemoryAfterSteady is { } afterSteady) MemoryLines(md, "ChatSupport host after the steady phase", afterSteady);
        if (c.RawInserts is { } raw && c.RawMessageTransactions is { } tx)
        {
            Line(md, "Raw Azure Table writes into the same Azurite (Azure.Data.Tables, same client settings as the server):");
            Line(md);
            Line(md, "| shape | writers | per second | failed | p50 | p99 | max | CPU (cores) |");
            Line(md, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var o in new[] { raw, tx })
                Line(md, $"| {o.Shape} | {o.Writers} | {o.PerSecond:0} | {o.Failed} | {o.Latency.P50Ms:0.0} ms | {o.Latency.P99Ms:0.0} ms | {o.Latency.MaxMs:0.0} ms | {Cores(o.CoresUsed)} |");
            Line(md);
        }
        if (c.Durability is { } d)
            Line(md, $"Stored before acknowledged: {d.Acknowledged:N0} acknowledged messages, {d.AcknowledgedButMissing} of them missing from `ChatMessages` ({d.StoredRows:N0} message rows of the bench tenant).");
        Line(md);

        if (r.Relay is { } relay)
        {
            Line(md, "## Bare SignalR relay (no Orleans, no storage)");
            Line(md);
            Line(md, $"Ramp-up: {Ramp(relay.Ramp)}.");
            Line(md);
            LatencyTable(md, [
                (relay.Steady.Delivery, "steady: sender's send → partner's message"),
                (relay.Steady.Ack, "steady: send → ack"),
                (relay.Saturation.Delivery, "saturation: send → partner's message"),
                (relay.Saturation.Ack, "saturation: send → ack"),
            ]);
            Line(md);
            LoadTable(md, [relay.Steady, relay.Saturation]);
            Line(md);
            MemoryLines(md, "relay server, every pair open and idle after the ramp-up", relay.Memory);
        }
        return md.ToString();
    }

    private static void LatencyTable(StringBuilder md, IEnumerable<(LatencySummary Summary, string What)> rows)
    {
        Line(md, "| latency | count | p50 | p95 | p99 | max |");
        Line(md, "| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (l, what) in rows)
            Line(md, $"| {what} | {l.Count:N0} | {l.P50Ms:0.0} ms | {l.P95Ms:0.0} ms | {l.P99Ms:0.0} ms | {l.MaxMs:0.0} ms |");
    }

    private static void LoadTable(StringBuilder md, IEnumerable<LoadOutcome> phases)
    {
        Line(md, "| phase | senders | seconds | sent | acked | acked/s | failed | undelivered | CPU (cores) |");
        Line(md, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var p in phases)
        {
            Line(md, $"| {p.Phase} | {p.Parties:N0} | {p.Seconds:0} | {p.Sent:N0} | {p.Acked:N0} | {p.AckedPerSecond:0.0} | {p.Failed} | {p.Undelivered} | {Cores(p.CoresUsed)} |");
        }
        foreach (var p in phases.Where(p => p.FailureKinds.Count > 0))
            Line(md, $"\nFailures in {p.Phase}: " + string.Join("; ", p.FailureKinds.Select(f => $"{f.Value} × `{f.Key}`")));
    }

    private static void MemoryLines(StringBuilder md, string server, MemoryGrowth memory)
    {
        var heap = memory.LiveHeapBytesPerChat is { } h
            ? $" Live managed heap (after a full GC, read by a startup-hook probe): {Mb(memory.Before.LiveHeapBytes ?? 0)} → {Mb(memory.After.LiveHeapBytes ?? 0)}, {Targets.Kb(h)} per chat."
            : " Live managed heap: not measured.";
        Line(md, $"Memory of the {server}: RSS {Mb(memory.Before.ResidentBytes)} idle → {Mb(memory.After.ResidentBytes)} with {memory.OpenChats:N0} open chats: " +
                 $"{Targets.Kb(memory.After.ResidentBytes / (double)memory.OpenChats)} per open chat in all, {Targets.Kb(memory.ResidentBytesPerChat)} per chat above idle " +
                 $"({memory.ResidentBytesPerChat * 1000 / 1024 / 1024:0.0} MB per 1,000 chats).{heap}");
        Line(md);
    }

    private static string Ramp(RampResult ramp)
    {
        var failures = ramp.FailureKinds.Count == 0 ? "" : " — failures: " + string.Join("; ", ramp.FailureKinds.Select(f => $"{f.Value} × `{f.Key}`"));
        return $"{ramp.Opened:N0} of {ramp.Requested:N0} opened in {ramp.Seconds:0.0} s ({ramp.PerSecond:0.0}/s; CPU {Cores(ramp.CoresUsed)}){failures}";
    }

    private static string Cores(IReadOnlyDictionary<string, double> cores) =>
        string.Join(", ", cores.Select(c => $"{c.Key} {c.Value:0.00}"));

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:0} MB";

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
