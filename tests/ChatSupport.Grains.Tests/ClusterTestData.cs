using ChatSupport.Contracts;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;

namespace ChatSupport.Grains.Tests;

/// <summary>Small helpers so cluster tests read as the workflow they exercise. Each test uses its own tenant.</summary>
internal static class ClusterTestData
{
    public static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static AgentRef Agent(int n) => new($"agent{n}", $"Agent {n}");

    public static async Task<(IChatSessionGrain Session, ChatSessionSnapshot Snapshot, ChatCaller Visitor)> StartChatAsync(
        IGrainFactory grains, string tenant, VisitorMetadata? metadata = null)
    {
        var visitorId = GrainKeys.NewId();
        var started = await grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(tenant, visitorId))
            .StartOrResumeChat(metadata ?? new VisitorMetadata { Name = "Robin", Browser = "Firefox", PageUrl = "https://shop.example/cart" });
        started.Error.Should().BeNull();
        var session = grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, started.Value!.SessionId));
        return (session, started.Value, ChatCaller.Visitor(visitorId));
    }

    public static T Ok<T>(this ChatResult<T> result)
    {
        result.Error.Should().BeNull();
        return result.Value!;
    }

    public static ChatError Refused<T>(this ChatResult<T> result, string code)
    {
        result.Error.Should().NotBeNull($"the command should have been refused with {code}");
        result.Error!.Code.Should().Be(code);
        result.Error.Message.Should().NotBeNullOrWhiteSpace();
        return result.Error;
    }
}
