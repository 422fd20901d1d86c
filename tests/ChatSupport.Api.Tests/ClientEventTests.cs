using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Tests;

/// <summary>The typed hubs' client interfaces are the protocol's "Events": every pushed kind has its method.</summary>
public sealed class ClientEventTests
{
    [Fact]
    public void Every_event_kind_is_pushed_by_a_client_method_of_its_own_name()
    {
        var kinds = typeof(SessionEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(SessionEvent)) && !t.IsAbstract)
            .Select(t => (Name: t.Name, Type: t))
            .Append((Name: "DeskChanged", Type: typeof(DeskDelta)));
        var methods = new[] { typeof(IVisitorClient), typeof(IAgentClient) }
            .SelectMany(i => i.GetMethods().Concat(i.GetInterfaces().SelectMany(b => b.GetMethods())))
            .Select(m => (m.Name, Type: m.GetParameters().Single().ParameterType))
            .ToHashSet();
        kinds.Where(k => !methods.Contains(k)).Should().BeEmpty("PushBridge can push only what a client interface declares");
    }
}
