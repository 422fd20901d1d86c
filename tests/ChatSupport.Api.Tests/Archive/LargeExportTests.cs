using System.Diagnostics;
using System.Text;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Messages;
using ChatSupport.Grains.Archive;
using ChatSupport.Grains.Messages;
using ChatSupport.Grains.Storage;
using ChatSupport.Grains.Tests.Archive;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ChatSupport.Api.Tests.Archive;

/// <summary>
/// Exports of 10,000 generated chats (names and feedback with quotes, commas, line breaks and non-ASCII text;
/// anonymous ratings), 300 of them with 10 messages of about 1 KB, written into the host's storage through the
/// real archive writer and message log.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LargeExportTests(ApiHostFixture f, ITestOutputHelper output)
{
    private const int Chats = 10_000;
    private const int ChatsWithMessages = 300;
    private const int MessagesPerChat = 10;
    private static readonly string[] Pieces = ["plain", "\"quoted\"", "a, b, c", "line\nbreak", "crlf\r\nhere", "ünïcødé", "李小龙", "🙂", "=SUM(A1)", "tab\there"];

    [Fact]
    public async Task Exports_of_ten_thousand_chats_stream_and_read_back_to_the_same_content()
    {
        var tenant = await f.Host.NewTenantAsync();
        await f.Host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var browser = await f.Host.SignInAsync(tenant, "alex");
        var (expected, transcripts) = await WriteArchiveAsync(tenant);

        // Streaming: the heap stays about the same for a tenth of the export as for all of it.
        var tenth = Uri.EscapeDataString(expected[Chats / 10 - 1].ResolvedAt.ToString("O"));
        var (small, smallPeak) = await DownloadAsync(browser, $"api/archive/export?format=csv&from={tenth}");
        output.WriteLine($"csv of {Chats / 10} chats: {small.Length / 1024} KB; heap after collections grew at most {smallPeak / 1024} KB while streaming");
        ExportParsers.Csv(small).Should().HaveCount(Chats / 10);

        foreach (var format in new[] { "csv", "json" })
        {
            var watch = Stopwatch.StartNew();
            var (body, peakHeap) = await DownloadAsync(browser, $"api/archive/export?format={format}");
            output.WriteLine($"{format}: {Chats} chats, {ChatsWithMessages * MessagesPerChat} messages, {body.Length / 1024} KB in {watch.Elapsed.TotalSeconds:F1} s (two reads); heap after collections grew at most {peakHeap / 1024} KB while streaming");
            var read = format == "csv" ? ExportParsers.Csv(body) : ExportParsers.Json(body);
            read.Select(c => c.SessionId).Should().Equal(expected.Select(c => c.SessionId), "newest first, every chat once");
            // CSV prefixes a value a spreadsheet would run as a formula with ' (docs/protocol.md); JSON is exact.
            Func<string?, string?> shows = format == "csv" ? ExportParsers.AsCsvShows : v => v;
            foreach (var (exported, chat) in read.Zip(expected))
            {
                var shown = chat.ForDisplay();
                exported.VisitorName.Should().Be(shows(shown.VisitorName));
                exported.VisitorEmail.Should().Be(shows(shown.VisitorEmail));
                exported.Stars.Should().Be(chat.Rating?.Stars.ToString());
                exported.Feedback.Should().Be(shows(chat.Rating?.Feedback));
                exported.Messages.Select(m => (m.Seq, m.Text)).Should().Equal(Transcript(transcripts, chat).Select(m => (m.Seq, shows(m.Text)!)));
            }
        }

        var (textBody, _) = await DownloadAsync(browser, "api/archive/export?format=text");
        var text = ExportParsers.Text(Encoding.UTF8.GetString(textBody));
        text.Select(c => c.SessionId).Should().Equal(expected.Select(c => c.SessionId));
        foreach (var (exported, chat) in text.Zip(expected))
            exported.Messages.Select(m => m.Text).Should().Equal(Transcript(transcripts, chat).Select(m => m.Text.ReplaceLineEndings("\n")));
    }

    private static List<ChatMessage> Transcript(Dictionary<string, List<ChatMessage>> transcripts, ArchivedChat chat) =>
        transcripts.TryGetValue(chat.SessionId, out var messages) ? messages : [];

    private async Task<(List<ArchivedChat> NewestFirst, Dictionary<string, List<ChatMessage>> Transcripts)> WriteArchiveAsync(string tenant)
    {
        var tables = new ChatTables(Options.Create(new ChatStorageOptions { ConnectionString = f.Host.StorageConnectionString, RequestTimeout = TimeSpan.FromSeconds(30) }));
        var writer = new ArchiveWriter(tables, new AgentRatingTotals(tables));
        var log = new MessageLog(tables);
        var random = new Random(42);
        var generated = GeneratedArchive.Create(tenant, Chats, seed: 42);
        var talking = generated.OrderBy(_ => random.Next()).Take(ChatsWithMessages).Select(c => c.SessionId).ToHashSet();
        // A resolved chat's message count is its last sequence number: 10 for the chats that talked, 0 for the others.
        var chats = generated.Select(c => c with { MessageCount = talking.Contains(c.SessionId) ? MessagesPerChat : 0 }).ToList();
        var transcripts = chats.Where(c => talking.Contains(c.SessionId)).ToDictionary(c => c.SessionId, c => Enumerable.Range(1, MessagesPerChat).Select(seq => new ChatMessage
        {
            Seq = seq,
            ClientMessageId = $"m{seq}",
            Sender = seq % 2 == 0 ? ChatParty.Agent : ChatParty.Visitor,
            SenderId = seq % 2 == 0 ? "agent" : c.VisitorId,
            SenderName = seq % 2 == 0 ? c.Agent?.DisplayName : c.VisitorName,
            // About 1 KB a message, built from the awkward pieces.
            Text = string.Join(" ", Enumerable.Range(0, 60).Select(_ => Pieces[random.Next(Pieces.Length)])),
            SentAt = c.CreatedAt.AddSeconds(seq),
        }).ToList());

        var watch = Stopwatch.StartNew();
        foreach (var chunk in chats.Chunk(1000)) await writer.SaveManyAsync(chunk);
        await Parallel.ForEachAsync(transcripts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (t, _) =>
        {
            foreach (var m in t.Value) (await log.TryAppendAsync($"{tenant}/{t.Key}", m)).Should().BeTrue("each generated message has a sequence number of its own");
        });
        output.WriteLine($"wrote {Chats} chats and {ChatsWithMessages * MessagesPerChat} messages in {watch.Elapsed.TotalSeconds:F1} s");
        return (GeneratedArchive.BruteForce(chats, ArchiveFilter.All), transcripts);
    }

    /// <summary>
    /// Reads the export twice: once into nothing while sampling the heap size after each collection (server and client share this
    /// process, so the client must not keep the body for the figure to mean anything), once to keep it.
    /// </summary>
    private static async Task<(byte[] Body, long PeakHeapGrowth)> DownloadAsync(OperatorBrowser browser, string path)
    {
        // The heap's size after each collection (live data, not the garbage waiting for the next one).
        GC.Collect();
        var baseline = GC.GetGCMemoryInfo().HeapSizeBytes;
        long peak = 0;
        using (var streamed = await browser.GetAsync(path, HttpCompletionOption.ResponseHeadersRead))
        {
            // The body is read only when the export failed, to say why (reading it first would buffer it).
            if (!streamed.IsSuccessStatusCode)
                streamed.IsSuccessStatusCode.Should().BeTrue($"the export answered {(int)streamed.StatusCode}: {await streamed.Content.ReadAsStringAsync()}");
            streamed.Content.Headers.ContentLength.Should().BeNull("the export is streamed as it is read, not built first");
            await using var stream = await streamed.Content.ReadAsStreamAsync();
            var buffer = new byte[16 * 1024];
            while (await stream.ReadAsync(buffer) > 0) peak = Math.Max(peak, GC.GetGCMemoryInfo().HeapSizeBytes - baseline);
        }
        using var response = await browser.GetAsync(path);
        return (await response.Content.ReadAsByteArrayAsync(), peak);
    }
}
