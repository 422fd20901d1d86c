using ChatSupport.Contracts;
using ChatSupport.Contracts.Attachments;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Messages;
using ChatSupport.Grains.Sessions;
using ChatSupport.Grains.Storage;
using ChatSupport.Grains.Tests.Events;
using ChatSupport.Testing;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests.Attachments;

/// <summary>
/// A file's message is exactly once across a silo failover: the silo holding the chat dies after storing one file's
/// message (acknowledged) and another's (never acknowledged); the uploads' retries, answered by the chat's next
/// activation on the surviving silo, are both duplicates, and the log holds each file once.
/// </summary>
public sealed class AttachmentFailoverTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.Options.ServiceId = "chatsupport";
        builder.Options.UseTestClusterMembership = false; // Azure Table membership: either silo may die
        builder.Properties["ChatSupport:Storage:ConnectionString"] = _azurite.ConnectionString;
        foreach (var (key, value) in TestClusterCertificate.Settings()) builder.Properties[key] = value;
        builder.AddSiloBuilderConfigurator<SurvivingClusterSilo>();
        builder.AddClientBuilderConfigurator<SurvivingClusterClient>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }

    private static MessageAttachment Pdf(string key) => new() { FileKey = key, FileName = "invoice.pdf", ContentType = "application/pdf", Size = 77 };

    [Fact]
    public async Task Retried_uploads_after_the_chats_silo_died_are_one_message_each()
    {
        var tenant = NewTenant();
        var (session, started, visitor) = await StartChatAsync(_cluster.Client, tenant);
        var key = GrainKeys.Compose(tenant, started.SessionId);
        (await session.PostMessage(visitor, "t1", "my invoice")).Ok();
        var first = (await session.PostAttachment(visitor, "up-1", Pdf("k1"), 20)).Ok();
        first.Seq.Should().Be(2);
        // The same activation stores the next file's message and dies before acknowledging it (written here as it would).
        var log = new MessageLog(new ChatTables(Options.Create(new ChatStorageOptions { ConnectionString = _azurite.ConnectionString })));
        (await log.TryAppendAsync(key, new ChatMessage
        {
            Seq = 3, ClientMessageId = "up-2", Sender = ChatParty.Visitor, SenderId = visitor.Id, Text = "photo.pdf",
            SentAt = DateTimeOffset.UtcNow, Attachment = Pdf("k2") with { FileName = "photo.pdf" },
        })).Should().BeTrue();

        var stats = await _cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var holder = stats.Single(s => s.GrainType.Contains(nameof(ChatSessionGrain), StringComparison.Ordinal) && s.GrainId.Key.ToString() == key);
        await _cluster.KillSiloAsync(_cluster.Silos.Single(s => s.SiloAddress.Equals(holder.SiloAddress)));

        // The clients retry until the cluster answers again (the dead silo's calls time out meanwhile).
        var retry1 = await Eventually.GetAsync(() => Try(() => session.PostAttachment(visitor, "up-1", Pdf("k1"), 20)), r => r is not null,
            TimeSpan.FromSeconds(120), "the retry answered by the surviving silo");
        retry1!.Ok().Should().BeEquivalentTo(new { Seq = 2L, Duplicate = true });
        (await session.CheckAttach(visitor, "up-2", 20)).Ok().Stored.Should().BeEquivalentTo(new { Seq = 3L, Duplicate = true },
            "the upload is not repeated: its message is stored");
        (await session.PostAttachment(visitor, "up-2", Pdf("k2"), 20)).Ok().Should().BeEquivalentTo(new { Seq = 3L, Duplicate = true });
        (await session.PostAttachment(visitor, "up-3", Pdf("k3"), 20)).Ok().Seq.Should().Be(4);

        var messages = (await session.GetMessages(visitor, 0, 50)).Ok().Messages;
        messages.Select(m => (m.Seq, m.Attachment?.FileKey)).Should().Equal((1L, null), (2L, "k1"), (3L, "k2"), (4L, "k3"));
    }

    private static async Task<ChatResult<T>?> Try<T>(Func<Task<ChatResult<T>>> call)
    {
        try { return await call(); }
        catch (Exception e) when (e is TimeoutException or Orleans.Runtime.OrleansException or Orleans.Runtime.SiloUnavailableException) { return null; }
    }
}
