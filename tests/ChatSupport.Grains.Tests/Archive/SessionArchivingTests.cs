using Azure.Data.Tables;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Archive;
using ChatSupport.Grains.Storage;
using ChatSupport.Testing;
using Microsoft.Extensions.Options;
using Orleans.Core.Internal;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests.Archive;

/// <summary>Resolved and rated chats reach the archive through the session events (Events/EventDeliveryTests: redelivery).</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionArchivingTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;
    private IArchiveGrain Archive => Grains.GetGrain<IArchiveGrain>(0);

    [Fact]
    public async Task A_resolved_chat_is_archived_and_its_rating_follows_counted_once_for_the_agent()
    {
        var tenant = NewTenant();
        var alex = Agent(1);
        var (session, started, visitor) = await StartChatAsync(Grains, tenant, new VisitorMetadata { Name = "Robin", Email = "robin@example.com" });
        await session.Assign(ChatCaller.Agent(alex), alex);
        (await session.PostMessage(visitor, "v-1", "Hi, \"there\"")).Ok();
        (await session.Resolve(ChatCaller.Agent(alex))).Ok();

        var archived = await Eventually.GetAsync(() => Archive.Get(tenant, started.SessionId), c => c is not null, what: "the resolved chat in the archive");
        archived!.Agent.Should().Be(alex);
        archived.Rating.Should().BeNull();
        archived.MessageCount.Should().Be(1);

        (await session.Rate(visitor, 4, "Kind", anonymous: false)).Ok();
        var rated = await Eventually.GetAsync(() => Archive.Get(tenant, started.SessionId), c => c?.Rating is not null, what: "the rating in the archive");
        rated!.Rating!.Stars.Should().Be(4);
        (await Archive.List(tenant, new ArchiveFilter { Stars = [4], Visitor = "ROBIN" }, null, 10)).Ok().Chats.Select(c => c.SessionId).Should().Equal(started.SessionId);
        var stats = await Eventually.GetAsync(() => Archive.GetAgentRatings(tenant), s => s.Count == 1, what: "the agent's rating total");
        stats.Single().Should().BeEquivalentTo(new { AgentId = alex.AgentId, Count = 1L, StarsSum = 4L, Average = 4.0 });
    }

    [Fact]
    public async Task An_anonymous_rating_hides_the_visitor_in_the_archive_and_from_visitor_search()
    {
        var tenant = NewTenant();
        var alex = Agent(1);
        var (session, started, visitor) = await StartChatAsync(Grains, tenant, new VisitorMetadata { Name = "Secret Sam", Email = "sam@example.com" });
        await session.Assign(ChatCaller.Agent(alex), alex);
        (await session.PostMessage(visitor, "v-1", "Please keep this between us")).Ok();
        (await session.Resolve(ChatCaller.Agent(alex))).Ok();
        (await session.Rate(visitor, 2, "Meh", anonymous: true)).Ok();

        var shown = await Eventually.GetAsync(() => Archive.Get(tenant, started.SessionId), c => c?.Rating is not null, what: "the anonymous rating in the archive");
        shown!.Should().BeEquivalentTo(new { VisitorId = "", VisitorName = (string?)null, VisitorEmail = (string?)null });
        (await Archive.List(tenant, new ArchiveFilter { Visitor = "Secret Sam" }, null, 10)).Ok().Chats.Should().BeEmpty();
        (await Archive.List(tenant, new ArchiveFilter { Visitor = started.VisitorId }, null, 10)).Ok().Chats.Should().BeEmpty();
        (await Archive.List(tenant, new ArchiveFilter { Stars = [2] }, null, 10)).Ok().Chats.Should().ContainSingle().Which.VisitorName.Should().BeNull();
        var transcript = (await Archive.GetTranscript(tenant, started.SessionId, 0, 10)).Ok();
        transcript.Messages.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Text = "Please keep this between us", SenderId = "", SenderName = (string?)null });
    }
}
