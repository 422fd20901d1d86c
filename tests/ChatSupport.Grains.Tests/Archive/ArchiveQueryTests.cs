using System.Diagnostics;
using ChatSupport.Contracts.Archive;
using ChatSupport.Grains.Archive;
using ChatSupport.Grains.Storage;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ChatSupport.Grains.Tests.Archive;

/// <summary>10,000 generated chats written through the real archive writer into Azurite, once for the class.</summary>
public sealed class GeneratedArchiveFixture : IAsyncLifetime
{
    public const int Count = 10_000;
    public string Tenant { get; } = ClusterTestData.NewTenant();
    public List<ArchivedChat> Chats { get; private set; } = [];
    /// <summary>Chats the tests add while paging; brute-force answers cover them too.</summary>
    public List<ArchivedChat> Added { get; } = [];
    public IEnumerable<ArchivedChat> All => Chats.Concat(Added);
    public ArchiveWriter Writer { get; private set; } = null!;
    public ArchiveReader Reader { get; private set; } = null!;
    public AgentRatingTotals Ratings { get; private set; } = null!;
    public TimeSpan WriteTime { get; private set; }
    private Testing.AzuriteProcess? _azurite;

    public async Task InitializeAsync()
    {
        _azurite = await Testing.AzuriteProcess.StartAsync();
        var tables = new ChatTables(Options.Create(new ChatStorageOptions { ConnectionString = _azurite.ConnectionString, RequestTimeout = TimeSpan.FromSeconds(30) }));
        Ratings = new AgentRatingTotals(tables);
        Writer = new ArchiveWriter(tables, Ratings);
        Reader = new ArchiveReader(tables);
        Chats = GeneratedArchive.Create(Tenant, Count, seed: 20261125);
        var watch = Stopwatch.StartNew();
        foreach (var chunk in Chats.Chunk(1000)) await Writer.SaveManyAsync(chunk);
        WriteTime = watch.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}

public sealed class ArchiveQueryTests(GeneratedArchiveFixture f, ITestOutputHelper output) : IClassFixture<GeneratedArchiveFixture>
{
    private static readonly (DateTimeOffset? From, DateTimeOffset? To)[] DateRanges =
    [
        (null, null),
        (new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero)),
        (new(2025, 12, 15, 12, 34, 56, 789, TimeSpan.Zero), new(2026, 1, 20, 0, 0, 0, TimeSpan.Zero)),
        (null, new(2025, 10, 10, 0, 0, 0, TimeSpan.Zero)),
        (new(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(2)), null),
    ];

    private static readonly int[]?[] StarChoices = [null, [1], [2], [3], [4], [5], [0], [5, 0], [1, 2, 3]];

    private IEnumerable<string?> VisitorSearches()
    {
        var byId = f.Chats.First(c => c.Rating?.Anonymous != true).VisitorId;
        var email = f.Chats.First(c => c.VisitorEmail is not null && c.Rating?.Anonymous != true).VisitorEmail!;
        return [null, "  zoë ÅNGSTRÖM ", "O'Brien, \"Bo\"", email.ToUpperInvariant(), byId, "nobody@nowhere.example"];
    }

    [Fact]
    public async Task Every_filter_and_search_combination_returns_exactly_the_brute_force_answer()
    {
        output.WriteLine($"wrote {GeneratedArchiveFixture.Count} chats in {f.WriteTime.TotalSeconds:F1} s");
        var combinations = 0;
        var pages = 0;
        var slowest = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        foreach (var (from, to) in DateRanges)
        foreach (var stars in StarChoices)
        foreach (var visitor in VisitorSearches())
        foreach (var agent in new[] { null, "agent3" })
        {
            var filter = new ArchiveFilter { From = from, To = to, Stars = stars, Visitor = visitor, AgentId = agent };
            var expected = GeneratedArchive.BruteForce(f.All, filter);
            var watch = Stopwatch.StartNew();
            var (actual, pageCount) = await ReadAllAsync(filter, ArchiveFilter.PageMax);
            var perPage = watch.Elapsed / pageCount;
            if (perPage > slowest) slowest = perPage;
            actual.Should().Equal(expected, $"the filter {filter} must list exactly the chats a brute-force filter finds, in order");
            combinations++;
            pages += pageCount;
        }
        output.WriteLine($"{combinations} combinations, {pages} pages of up to 100 in {total.Elapsed.TotalSeconds:F1} s; slowest page average {slowest.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Paging_with_small_pages_shows_every_chat_once_even_while_new_chats_arrive()
    {
        var filter = new ArchiveFilter { From = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), To = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), Stars = [5, 0] };
        var expected = GeneratedArchive.BruteForce(f.Chats, filter);
        expected.Should().HaveCountGreaterThan(100, "the range must span many small pages");

        var seen = new List<ArchivedChat>();
        string? cursor = null;
        do
        {
            var page = (await f.Reader.ListAsync(f.Tenant, filter, cursor, pageSize: 7)).Ok();
            seen.AddRange(page.Chats);
            cursor = page.NextCursor;
            // Chats resolved while someone pages (newer than anything listed, inside and outside the range) must not disturb the pages.
            var newcomer = f.Chats[seen.Count % f.Chats.Count] with { SessionId = Guid.NewGuid().ToString("N"), ResolvedAt = DateTimeOffset.UtcNow };
            await f.Writer.SaveAsync(newcomer);
            f.Added.Add(newcomer);
        } while (cursor is not null);

        seen.Select(c => c.SessionId).Should().OnlyHaveUniqueItems();
        seen.Should().Equal(expected);
    }

    [Fact]
    public async Task Unfiltered_list_pages_through_all_chats_newest_first()
    {
        var (all, pageCount) = await ReadAllAsync(new ArchiveFilter { To = GeneratedArchive.End }, pageSize: 97);
        all.Should().HaveCount(GeneratedArchiveFixture.Count);
        all.Select(c => c.SessionId).Should().OnlyHaveUniqueItems();
        all.Should().BeInDescendingOrder(c => c.ResolvedAt);
        pageCount.Should().Be((int)Math.Ceiling(GeneratedArchiveFixture.Count / 97.0));
    }

    [Fact]
    public async Task Agent_averages_equal_a_recomputation_from_the_raw_ratings_and_a_rewrite_counts_nothing_twice()
    {
        // Writing chats again (a retry, a catch-up) must not count their ratings again.
        await f.Writer.SaveManyAsync(f.Chats.Take(500).ToList());
        await f.Writer.SaveAsync(f.Chats.First(c => c.Rating is not null && c.Agent is not null));

        var stats = await f.Ratings.ReadAsync(f.Tenant);
        var expected = f.All.Where(c => c.Rating is not null && c.Agent is not null)
            .GroupBy(c => c.Agent!.AgentId)
            .Select(g => (Agent: g.Key, Count: (long)g.Count(), Sum: g.Sum(c => (long)c.Rating!.Stars), Average: g.Average(c => c.Rating!.Stars)))
            .OrderBy(x => x.Agent)
            .ToList();
        stats.OrderBy(s => s.AgentId).Select(s => (s.AgentId, s.Count, s.StarsSum, s.Average)).Should().Equal(expected);
        stats.Should().OnlyContain(s => s.AgentName.Contains('«'), "the agent's display name is kept with the totals");
    }

    [Fact]
    public async Task Bad_filters_and_cursors_are_refused_with_invalid_input()
    {
        (await f.Reader.ListAsync(f.Tenant, new ArchiveFilter { Stars = [6] }, null, 10)).Refused("invalid_input");
        (await f.Reader.ListAsync(f.Tenant, new ArchiveFilter { From = GeneratedArchive.End, To = GeneratedArchive.Start }, null, 10)).Refused("invalid_input");
        (await f.Reader.ListAsync(f.Tenant, new ArchiveFilter { Visitor = "   " }, null, 10)).Refused("invalid_input");
        (await f.Reader.ListAsync(f.Tenant, new ArchiveFilter { AgentId = "a/b" }, null, 10)).Refused("invalid_input");
        (await f.Reader.ListAsync(f.Tenant, ArchiveFilter.All, "' or true", 10)).Refused("invalid_input");
        (await f.Reader.ListAsync(f.Tenant, ArchiveFilter.All, null, 101)).Refused("invalid_input");
        (await f.Reader.ListAsync(f.Tenant, ArchiveFilter.All, null, 0)).Refused("invalid_input");
    }

    private async Task<(List<ArchivedChat> Chats, int Pages)> ReadAllAsync(ArchiveFilter filter, int pageSize)
    {
        var all = new List<ArchivedChat>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = (await f.Reader.ListAsync(f.Tenant, filter, cursor, pageSize)).Ok();
            pages++;
            page.Chats.Count.Should().BeLessThanOrEqualTo(pageSize);
            all.AddRange(page.Chats);
            cursor = page.NextCursor;
        } while (cursor is not null);
        return (all, pages);
    }
}
