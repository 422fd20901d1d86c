using ChatSupport.Contracts.Desk;
using ChatSupport.Grains.Desk;

namespace ChatSupport.Grains.Tests.Queue;

/// <summary>
/// Who is told what of their place (docs/architecture.md, "The desk off the critical path"): the first 20 places
/// exactly on every change, visitors further back once that at least 20 are ahead, then exactly on entering the first places.
/// </summary>
public sealed class QueuePositionNoticesTests
{
    private static readonly Func<int, int?> ThirtySecondsAPlace = place => place * 30;

    private static List<string> Queue(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => $"s{i:000}").ToList();

    [Fact]
    public void When_the_next_chat_is_taken_only_the_first_places_and_the_chat_that_left_are_told()
    {
        var notices = new QueuePositionNotices();
        var joined = notices.Changes(Queue(1, 30), ThirtySecondsAPlace).ToDictionary(c => c.SessionId, c => c.Notice);
        joined.Should().HaveCount(30, "every visitor who joins is told once");
        joined["s020"].Should().Be(new QueueNotice(20, null, 600));
        joined["s021"].Should().Be(new QueueNotice(null, QueuePlaces.Exact, 630), "further back: at least 20 ahead, and at least the 21st place's wait");
        joined["s030"].Should().Be(new QueueNotice(null, QueuePlaces.Exact, 630));

        var afterOneTaken = notices.Changes(Queue(2, 30), ThirtySecondsAPlace).ToDictionary(c => c.SessionId, c => c.Notice);
        afterOneTaken["s001"].Should().Be(QueueNotice.Left);
        afterOneTaken["s002"].Should().Be(new QueueNotice(1, null, 30));
        afterOneTaken["s021"].Should().Be(new QueueNotice(20, null, 600), "the visitor who moved into the first places gets their place");
        afterOneTaken.Keys.Should().BeEquivalentTo(Queue(1, 21), "nobody behind the first places is told again");

        notices.Changes(Queue(2, 30), ThirtySecondsAPlace).Should().BeEmpty("nothing changed");
    }

    [Fact]
    public void A_desk_activated_anew_tells_nobody_what_they_were_told_already()
    {
        var notices = new QueuePositionNotices();
        notices.Seed(Queue(1, 25), ThirtySecondsAPlace);
        notices.Changes(Queue(1, 25), ThirtySecondsAPlace).Should().BeEmpty();
        notices.Changes(Queue(1, 26), ThirtySecondsAPlace).Should().Equal(("s026", new QueueNotice(null, QueuePlaces.Exact, 630)));
    }
}
