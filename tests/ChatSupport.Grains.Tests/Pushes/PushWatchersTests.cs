using ChatSupport.Contracts.Pushes;
using ChatSupport.Grains.Pushes;

namespace ChatSupport.Grains.Tests.Pushes;

/// <summary>Who a grain pushes to, and when a node that believes it watches has in fact missed pushes.</summary>
public sealed class PushWatchersTests
{
    private sealed class Node : IPushObserver
    {
        public readonly List<object> Received = [];

        public Task Pushed(object item)
        {
            Received.Add(item);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void Every_watching_node_gets_every_push_in_order_and_a_node_that_stopped_gets_none()
    {
        var watchers = new PushWatchers();
        Node a = new(), b = new();
        watchers.Watch(a, knownActivation: null).Should().BeFalse("a first watch has nothing to catch up");
        watchers.Watch(b, knownActivation: null);
        watchers.Push(1);
        watchers.Push(2);
        watchers.Unwatch(b);
        watchers.Push(3);
        a.Received.Should().Equal(1, 2, 3);
        b.Received.Should().Equal(1, 2);
    }

    [Fact]
    public void A_renewal_is_a_miss_when_the_node_watched_another_activation_or_this_one_no_longer_held_its_watch()
    {
        var watchers = new PushWatchers();
        var node = new Node();
        var activation = watchers.Activation;
        watchers.Watch(node, knownActivation: null);
        watchers.Watch(node, activation).Should().BeFalse("the same activation held the watch throughout");

        new PushWatchers().Watch(node, activation).Should().BeTrue("the grain came back as another activation");

        watchers.Unwatch(node);
        watchers.Watch(node, activation).Should().BeTrue("the watch was dropped, so pushes went elsewhere meanwhile");
    }
}
