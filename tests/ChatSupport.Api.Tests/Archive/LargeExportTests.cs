using System.Diagnostics;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Archive;
using ChatSupport.Grains.Messages;
using ChatSupport.Grains.Storage;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ChatSupport.Api.Tests.Archive;

/// <summary>An export of hundreds of chats and thousands of messages, written into the host's storage through the real writers.</summary>
[Collection(ApiCollection.Name)]
public sealed class LargeExportTests(ApiHostFixture f, ITestOutputHelper output)
{
    private const int Chats = 300;
    private const int MessagesPerChat = 10;
    private static readonly string[] Pieces = ["plain", "\"quoted\"", "a, b, c", "line\nbreak", "crlf\r\nhere", "ünïcødé", "李小龙", "🙂", "=SUM(A1)", "tab\there"];

    [Fact]
    public async Task Exporting_every_matching_chat_streams_and_reads_back_to_the_same_content()
    {
        var tenant = await f.Host.NewTenantAsync();
        await f.Host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var browser = await f.Host.SignInAsync(tenant, "alex");
        var (chats, transcripts) = await WriteArchiveAsync(tenant);

        // The same figure for a tenth of the chats: streaming means it stays about the same, not ten times smaller.
        var tenth = Uri.EscapeDataString(chats[Chats / 10 - 1].ResolvedAt.ToString("O"));
        var (small, smallPeak) = await DownloadAsync(browser, $"api/archive/export?format=csv&from={tenth}");
        output.WriteLine($"csv of {Chats / 10} chats: {small.Length / 1024} KB; managed heap grew at most {smallPeak / 1024} KB while streaming");
        ExportParsers.Csv(small).Should().HaveCount(Chats / 10);

        foreach (var format in new[] { "csv", "json" })
        {
            var (body, peakHeap) = await DownloadAsync(browser, $"api/archive/export?format={format}");
            output.WriteLine($"{format}: {Chats} chats, {Chats * MessagesPerChat} messages, {body.Length / 1024} KB; managed heap grew at most {peakHeap / 1024} KB while streaming");
            var read = format == "csv" ? ExportParsers.Csv(body) : ExportParsers.Json(body);
            read.Select(c => c.SessionId).Should().Equal(chats.Select(c => c.SessionId), "newest first, every chat once");
            foreach (var (exported, chat) in read.Zip(chats))
            {
                exported.VisitorName.Should().Be(chat.VisitorName);
                exported.Feedback.Should().Be(chat.Rating?.Feedback);
                exported.Messages.Select(m => (m.Seq, m.Text)).Should().Equal(transcripts[chat.SessionId].Select(m => (m.Seq, m.Text)));
            }
        }
    }

    private async Task<(List<ArchivedChat> NewestFirst, Dictionary<string, List<ChatMessage>> Transcripts)> WriteArchiveAsync(string tenant)
    {
        var tables = new ChatTables(Options.Create(new ChatStorageOptions { ConnectionString = f.Host.StorageConnectionString, RequestTimeout = TimeSpan.FromSeconds(30) }));
        var writer = new ArchiveWriter(tables, new AgentRatingTotals(tables));
        var log = new MessageLog(tables);
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var chats = Enumerable.Range(0, Chats).Select(i => new ArchivedChat
        {
            TenantId = tenant,
            SessionId = Guid.NewGuid().ToString("N"),
            VisitorId = $"v{i}",
            VisitorName = $"{Pieces[random.Next(Pieces.Length)]} {i}",
            Agent = new AgentRef("alex", "Alex"),
            CreatedAt = start.AddMinutes(i * 30),
            ResolvedAt = start.AddMinutes(i * 30 + 20),
            ResolvedBy = ChatParty.Agent,
            Rating = i % 3 == 0 ? null : new ChatRating { Stars = 1 + i % 5, Feedback = string.Join(" ", Pieces.OrderBy(_ => random.Next()).Take(3)), Anonymous = false, RatedAt = start.AddMinutes(i * 30 + 25) },
            MessageCount = MessagesPerChat,
        }).ToList();
        var transcripts = chats.ToDictionary(c => c.SessionId, c => Enumerable.Range(1, MessagesPerChat).Select(seq => new ChatMessage
        {
            Seq = seq,
            ClientMessageId = $"m{seq}",
            Sender = seq % 2 == 0 ? ChatParty.Agent : ChatParty.Visitor,
            SenderId = seq % 2 == 0 ? "alex" : c.VisitorId,
            SenderName = seq % 2 == 0 ? "Alex" : c.VisitorName,
            // About 1 KB a message, built from the awkward pieces.
            Text = string.Join(" ", Enumerable.Range(0, 60).Select(_ => Pieces[random.Next(Pieces.Length)])),
            SentAt = c.CreatedAt.AddSeconds(seq),
        }).ToList());

        var watch = Stopwatch.StartNew();
        await writer.SaveManyAsync(chats);
        await Parallel.ForEachAsync(transcripts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (t, _) =>
        {
            foreach (var m in t.Value) await log.AppendAsync($"{tenant}/{t.Key}", m);
        });
        output.WriteLine($"wrote {Chats} chats and {Chats * MessagesPerChat} messages in {watch.Elapsed.TotalSeconds:F1} s");
        return (chats.OrderByDescending(c => c.ResolvedAt).ToList(), transcripts);
    }

    /// <summary>
    /// Reads the export twice: once into nothing while sampling the managed heap (server and client share this
    /// process, so the client must not keep the body for the figure to mean anything), once to keep it.
    /// </summary>
    private static async Task<(byte[] Body, long PeakHeapGrowth)> DownloadAsync(OperatorBrowser browser, string path)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using (var streamed = await browser.GetAsync(path, HttpCompletionOption.ResponseHeadersRead))
        {
            streamed.IsSuccessStatusCode.Should().BeTrue();
            streamed.Content.Headers.ContentLength.Should().BeNull("the export is streamed as it is read, not built first");
            await using var stream = await streamed.Content.ReadAsStreamAsync();
            var buffer = new byte[16 * 1024];
            while (await stream.ReadAsync(buffer) > 0) peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
        }
        using var response = await browser.GetAsync(path);
        return (await response.Content.ReadAsByteArrayAsync(), peak);
    }
}
