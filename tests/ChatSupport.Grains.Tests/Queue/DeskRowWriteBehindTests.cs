using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Desk;

namespace ChatSupport.Grains.Tests.Queue;

/// <summary>The desk's rows written behind its deltas: coalesced, in order, and confirmed only once stored.</summary>
public sealed class DeskRowWriteBehindTests
{
    private static DeskRowChange Row(string sessionId, long seq, ChatStatus status = ChatStatus.WaitingForAgent) => new(sessionId, new SessionSummary
    {
        SessionId = sessionId, VisitorId = "v-" + sessionId, Status = status, Visitor = VisitorMetadata.Empty, CreatedAt = DateTimeOffset.UnixEpoch,
    }, seq);

    [Fact]
    public async Task Changes_noted_between_two_flushes_are_written_once_each_as_they_are_last()
    {
        var rows = new DeskRowWriteBehind();
        var written = new List<IReadOnlyList<DeskRowChange>>();
        rows.Note(Row("a", 1));
        rows.Note(Row("b", 1));
        rows.Note(Row("a", 2, ChatStatus.AssignedToAgent));
        var aStored = rows.WhenStored("a", 2);
        aStored.IsCompleted.Should().BeFalse("the row is not stored yet");

        await rows.FlushAsync(batch => { written.Add(batch); return Task.CompletedTask; });

        written.Should().ContainSingle();
        written[0].Should().BeEquivalentTo([Row("a", 2, ChatStatus.AssignedToAgent), Row("b", 1)]);
        await aStored.WaitAsync(TimeSpan.FromSeconds(5));
        rows.HasPending.Should().BeFalse();
        rows.WhenStored("a", 2).IsCompleted.Should().BeTrue("nothing of the session waits to be stored");
    }

    [Fact]
    public async Task A_failed_flush_tells_the_waiters_and_keeps_the_change_for_the_next_one_unless_a_newer_came()
    {
        var rows = new DeskRowWriteBehind();
        rows.Note(Row("a", 1));
        rows.Note(Row("b", 1));
        var aStored = rows.WhenStored("a", 1);
        var storageDown = new InvalidOperationException("storage down");
        var failing = rows.FlushAsync(async _ => { await Task.Yield(); throw storageDown; });
        rows.Note(Row("a", 2));
        rows.WhenStored("a", 2).IsCompleted.Should().BeFalse();
        await failing.Invoking(f => f).Should().ThrowAsync<InvalidOperationException>();
        await aStored.Invoking(t => t.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<InvalidOperationException>("the session delivers the event again");

        var written = new List<DeskRowChange>();
        await rows.FlushAsync(batch => { written.AddRange(batch); return Task.CompletedTask; });
        written.Should().BeEquivalentTo([Row("a", 2), Row("b", 1)], "the failed b is written again; a as it is now");
    }
}
