using ChatSupport.Contracts;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;
using ChatSupport.Grains.Messages;
using ChatSupport.Grains.Sessions;
using ChatSupport.Grains.Storage;
using ChatSupport.Grains.Tests.Events;
using ChatSupport.Testing;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests.Settings;

/// <summary>
/// Delayed automated messages survive the death of the chat's silo and are stored once: the silo dies after storing the
/// greeting (as a dying activation would, before it could note it as sent) and before "still looking" was due; the
/// chat's reminder brings it back on the surviving silo, which sends "still looking" once and the greeting not again.
/// </summary>
public sealed class AutomatedFailoverTests : IAsyncLifetime
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

    [Fact]
    public async Task A_delayed_message_whose_silo_died_is_sent_once_by_the_next_activation_and_one_already_stored_is_not_sent_again()
    {
        var tenant = NewTenant();
        (await _cluster.Client.GetGrain<ISettingsGrain>(tenant).Save(new WorkspaceSettings
        {
            AutomatedResponses = new AutomatedResponses
            {
                Greeting = new AutomatedMessage { Enabled = true, DelaySeconds = 15, Text = "Hello from Acme." },
                StillLooking = new AutomatedMessage { Enabled = true, DelaySeconds = 20, Text = "Still looking: you are number {position}." },
            },
        }, 0, "alex")).Error.Should().BeNull();
        var (session, started, visitor) = await StartChatAsync(_cluster.Client, tenant);
        var key = GrainKeys.Compose(tenant, started.SessionId);
        // The activation stored the greeting and died before it could strike it off its deadlines (written here as it would).
        var log = new MessageLog(new ChatTables(Options.Create(new ChatStorageOptions { ConnectionString = _azurite.ConnectionString })));
        (await log.TryAppendAsync(key, new ChatMessage
        {
            Seq = 1, ClientMessageId = "auto:greeting", Sender = ChatParty.System, SenderId = "system", SenderName = "Automated",
            Text = "Hello from Acme.", SentAt = DateTimeOffset.UtcNow,
        })).Should().BeTrue();
        var stats = await _cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var holder = stats.Single(s => s.GrainType.Contains(nameof(ChatSessionGrain), StringComparison.Ordinal) && s.GrainId.Key.ToString() == key);
        await _cluster.KillSiloAsync(_cluster.Silos.Single(s => s.SiloAddress.Equals(holder.SiloAddress)));

        // Nobody calls the chat: only its reminder (on the surviving silo) can bring "still looking".
        var messages = await Eventually.GetAsync(() => log.ReadAfterAsync(key, 0, 50), m => m.Messages.Any(x => x.ClientMessageId == "auto:still-looking"),
            TimeSpan.FromSeconds(180), "still looking, sent by the chat's next activation");
        (await Eventually.GetAsync(() => Try(() => session.PostMessage(visitor, "v1", "Is anyone there?")), r => r is not null, TimeSpan.FromSeconds(120), "the chat answers (the dead silo's calls time out meanwhile)"))!.Ok().Seq.Should().Be(3);

        var all = (await session.GetMessages(visitor, 0, 50)).Ok().Messages;
        all.Select(m => (m.Seq, m.Sender, m.Text)).Should().Equal(
            (1, ChatParty.System, "Hello from Acme."),
            (2, ChatParty.System, "Still looking: you are number 1."),
            (3, ChatParty.Visitor, "Is anyone there?"));
        messages.Messages.Should().HaveCount(2);
        var snapshot = (await session.GetSnapshot(visitor)).Ok();
        snapshot.Status.Should().Be(ChatStatus.WaitingForAgent);
        snapshot.FirstAgentReplyAt.Should().BeNull("automated messages are never a first reply");
    }

    private static async Task<ChatResult<T>?> Try<T>(Func<Task<ChatResult<T>>> call)
    {
        try { return await call(); }
        catch (Exception e) when (e is TimeoutException or Orleans.Runtime.OrleansException or Orleans.Runtime.SiloUnavailableException) { return null; }
    }
}
