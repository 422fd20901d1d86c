using System.Diagnostics;
using System.Text.Json;
using ChatSupport.Bench.Clients;
using ChatSupport.Bench.Measure;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Bench.Scenarios;

/// <summary>How long the dashboard's first screen takes: GetDesk from a fresh agent connection, with every chat open.</summary>
public static class DeskLoadTiming
{
    public static async Task<DeskLoadOutcome> MeasureAsync(Uri baseUrl, ChatAccess access, int loads, CancellationToken ct)
    {
        await using var agent = await BenchConnections.ConnectAsync(baseUrl, "hubs/agent", access.Operator(0), ct);
        var recorder = new LatencyRecorder("GetDesk");
        var sessions = 0;
        long bytes = 0;
        for (var i = 0; i < loads; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var desk = await agent.InvokeAsync<JsonElement>("GetDesk", ct);
            recorder.RecordSince(start);
            sessions = desk.GetProperty("sessions").GetArrayLength();
            bytes = desk.GetRawText().Length;
        }
        return new DeskLoadOutcome(sessions, bytes, recorder.Summarize());
    }
}

/// <summary>The dashboard snapshot: how many sessions it listed, its JSON size, and the GetDesk round trips.</summary>
public sealed record DeskLoadOutcome(int Sessions, long JsonBytes, LatencySummary Latency);
