using System.Diagnostics;
using Azure.Core;
using Azure.Data.Tables;
using ChatSupport.Bench.Measure;

namespace ChatSupport.Bench.Scenarios;

/// <summary>
/// The storage baseline: Azure.Data.Tables inserts straight into the same Azurite, with the same number of
/// concurrent writers as the chat's saturation phase has senders, each inserting as fast as inserts complete.
/// Two shapes: one entity per insert (the raw rate the target compares with, and since the one-row write the
/// shape of a chat message's write), and the two-row entity-group transaction a chat message cost before
/// (message row + idempotency marker), kept so that figures from before and after the change stay comparable.
/// </summary>
public static class RawInsertLoad
{
    public enum Shape { SingleEntity, MessageTransaction }

    // Unmeasured first seconds: connection pools, JIT and Azurite's first writes to a new table are not the steady rate.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static async Task<RawInsertOutcome> RunAsync(string connectionString, Shape shape, int writers, TimeSpan duration,
        IEnumerable<(string Name, ProcessMeter Meter)> measured, CancellationToken ct)
    {
        var options = new TableClientOptions();
        // As the chat's own table clients (ChatTables.CreateClientOptions): few retries, 5 s per request.
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        var table = new TableClient(connectionString, shape == Shape.SingleEntity ? "BenchRawInserts" : "BenchRawTransactions", options);
        await table.CreateIfNotExistsAsync(ct);

        var latency = new LatencyRecorder(shape.ToString());
        long completed = 0, failed = 0;
        var start = Stopwatch.GetTimestamp();
        var end = WarmUp + duration;
        bool Measuring(long began) => Stopwatch.GetElapsedTime(start, began) >= WarmUp;
        var workers = Enumerable.Range(0, writers).Select(worker => Task.Run(async () =>
        {
            var partition = $"w{worker}-{Guid.NewGuid():N}";
            for (long seq = 1; Stopwatch.GetElapsedTime(start) < end; seq++)
            {
                var began = Stopwatch.GetTimestamp();
                try
                {
                    await InsertAsync(table, shape, partition, seq, ct);
                    if (!Measuring(began)) continue;
                    latency.RecordSince(began);
                    if (Stopwatch.GetElapsedTime(start) <= end) Interlocked.Increment(ref completed);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    if (Measuring(began)) Interlocked.Increment(ref failed);
                }
            }
        }, ct)).ToList();
        await Task.Delay(WarmUp, ct);
        var cpu = new CpuWindow(measured);
        await Task.WhenAll(workers);
        var cores = cpu.CoresUsed();
        var seconds = duration.TotalSeconds;
        return new RawInsertOutcome(shape.ToString(), writers, seconds, Interlocked.Read(ref completed), Interlocked.Read(ref failed),
            Interlocked.Read(ref completed) / seconds, latency.Summarize(), cores);
    }

    private static Task InsertAsync(TableClient table, Shape shape, string partition, long seq, CancellationToken ct)
    {
        // The same properties a chat message row has, with a message-sized text.
        var row = new TableEntity(partition, "m" + seq.ToString("D19"))
        {
            ["ClientMessageId"] = $"c{seq}",
            ["Sender"] = "Visitor",
            ["SenderId"] = partition,
            ["SenderName"] = "Visitor",
            ["Text"] = "Hi, my order has not arrived yet and the tracking page shows no update since Monday.",
            ["SentAt"] = DateTimeOffset.UtcNow,
        };
        if (shape == Shape.SingleEntity) return table.AddEntityAsync(row, ct);
        return table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, row),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, $"cc{seq}") { ["Seq"] = seq }),
        ], ct);
    }
}

/// <summary>Inserts (or two-row transactions) completed per second inside the window, and their latency.</summary>
public sealed record RawInsertOutcome(string Shape, int Writers, double Seconds, long Completed, long Failed, double PerSecond,
    LatencySummary Latency, IReadOnlyDictionary<string, double> CoresUsed);
