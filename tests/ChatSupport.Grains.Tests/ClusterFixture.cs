using ChatSupport.Contracts;
using ChatSupport.Grains.Events;
using ChatSupport.Grains.Tests.Events;
using ChatSupport.Silo;
using ChatSupport.Silo.Tls;
using ChatSupport.Testing;
using Orleans.TestingHost;

namespace ChatSupport.Grains.Tests;

/// <summary>Runs the shipped silo configuration (AddChatSupportSilo) in a cluster of silos.</summary>
public sealed class ChatSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo)
    {
        silo.AddChatSupportSilo(silo.Configuration);
        // One more consumer, as an operator would add one; it acts only on "flaky-…" tenants.
        silo.Services.AddChatEventConsumer<FlakyConsumer>();
        // And one that hangs until released, on "stalled-…" tenants.
        silo.Services.AddChatEventConsumer<StalledConsumer>();
    }
}

/// <summary>The test's client, with the cluster certificate: the silos speak only mutual TLS, as shipped.</summary>
public sealed class ChatClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
        client.UseClusterTls(ClusterTls.FromConfiguration(configuration));
}

/// <summary>A TestCluster of two silos over one real Azurite, shared by the tests of a collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;
    public TestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Cluster = await StartClusterAsync(Azurite);
    }

    /// <param name="settings">Extra configuration of the silos (e.g. a shorter abandonment time).</param>
    public static async Task<TestCluster> StartClusterAsync(AzuriteProcess azurite, IReadOnlyDictionary<string, string>? settings = null)
    {
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        // Grain state is partitioned by service id: a restarted cluster must carry the same one to find its data.
        builder.Options.ServiceId = "chatsupport";
        builder.Properties["ChatSupport:Storage:ConnectionString"] = azurite.ConnectionString;
        // Follow-ups seconds ahead, so a test sees one fire (the product's shortest lead is a minute).
        builder.Properties["ChatSupport:FollowUps:ShortestLead"] = "00:00:01";
        foreach (var (key, value) in TestClusterCertificate.Settings()) builder.Properties[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.Properties[key] = value;
        builder.AddSiloBuilderConfigurator<ChatSiloConfigurator>();
        builder.AddClientBuilderConfigurator<ChatClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}

/// <summary>A cluster of its own over its own Azurite, with extra silo settings (shorter times, bigger queues) for a test class.</summary>
public abstract class SettingsClusterFixture(IReadOnlyDictionary<string, string> settings) : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;
    public TestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Cluster = await ClusterFixture.StartClusterAsync(Azurite, settings);
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
