using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Orleans.TestingHost;

namespace ChatSupport.Grains.Tests.Routing;

/// <summary>
/// A two-silo cluster whose queue holds 1,000 waiting chats and whose presence grace and sweep are seconds, so the
/// routing tests see offline agents and sweeps without waiting minutes.
/// </summary>
public sealed class RoutingClusterFixture() : SettingsClusterFixture(Settings)
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["ChatSupport:Queue:MaxWaitingPerTenant"] = "5000",
        ["ChatSupport:Routing:PresenceGrace"] = Grace.ToString(),
        ["ChatSupport:Routing:SweepPeriod"] = "00:00:02",
        // The targets' stored check ticks every 2 s, so a miss after a failover is seen within seconds.
        ["ChatSupport:Routing:TargetCheckPeriod"] = "00:00:02",
    };
}

[CollectionDefinition(Name)]
public sealed class RoutingCollection : ICollectionFixture<RoutingClusterFixture>
{
    public const string Name = "routing";
}

/// <summary>A tenant's team for routing tests: operators who may take chats, each with a dashboard connection or not.</summary>
internal static class RoutingTeam
{
    public static async Task<List<AgentRef>> AddAgentsAsync(IGrainFactory grains, string tenant, int count, AgentStatus status = AgentStatus.Online, string prefix = "agent", int? capacity = null)
    {
        var agents = new List<AgentRef>();
        for (var i = 1; i <= count; i++)
        {
            var agent = new AgentRef($"{prefix}{i:D2}", $"{prefix} {i}");
            await grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenant, agent.AgentId)).EnsureCreated(
                new NewOperator { DisplayName = agent.DisplayName, Password = "a-long-enough-password", Roles = [Roles.SystemAdmin] });
            var grain = grains.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, agent.AgentId));
            if (capacity is { } c) await grain.SetCapacity(c);
            if (status != AgentStatus.Offline)
            {
                await grain.Connected($"dashboard-{agent.AgentId}");
                await grain.SetStatus(status);
            }
            agents.Add(agent);
        }
        return agents;
    }

    public static Task<ChatResult<RoutingSettings>> UseAsync(IGrainFactory grains, string tenant, RoutingMode mode, int capacity = RoutingLimits.DefaultCapacity) =>
        grains.GetGrain<IRouterGrain>(tenant).SaveSettings("alex", new RoutingSettings { Mode = mode, DefaultCapacity = capacity });

    /// <summary>Starts <paramref name="count"/> chats, a few at a time (each is several storage writes on a shared machine).</summary>
    public static async Task<List<string>> StartChatsAsync(IGrainFactory grains, string tenant, int count)
    {
        using var inFlight = new SemaphoreSlim(16);
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await inFlight.WaitAsync();
            try { return (await ClusterTestData.StartChatAsync(grains, tenant)).Snapshot.SessionId; }
            finally { inFlight.Release(); }
        }));
        return [.. ids];
    }

    /// <summary>Who holds each chat, as the agents' own lists say (each agent's stored open chats).</summary>
    public static async Task<Dictionary<string, List<string>>> HoldersAsync(IGrainFactory grains, string tenant, IEnumerable<AgentRef> agents)
    {
        var holders = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var agent in agents)
            foreach (var sessionId in (await grains.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, agent.AgentId)).GetSnapshot()).OpenSessionIds)
                (holders.TryGetValue(sessionId, out var list) ? list : holders[sessionId] = []).Add(agent.AgentId);
        return holders;
    }

    public static async Task<ChatSessionSnapshot> SessionAsync(IGrainFactory grains, string tenant, string sessionId) =>
        (await Retrying(() => grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, sessionId)).GetSnapshot(ChatCaller.Agent(new AgentRef("checker", "Checker"))))).Value!;

    /// <summary>After a silo's death, a call the client still sent to the dead silo times out: it is asked again.</summary>
    public static async Task<T> Retrying<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is TimeoutException or Orleans.Runtime.OrleansException && DateTime.UtcNow < deadline)
            {
            }
        }
    }

    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
}

/// <summary>A fresh three-silo cluster (Azure Table membership, as shipped) with the routing settings, for tests that kill a silo.</summary>
public abstract class RoutingFailoverCluster : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;
    protected TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        Cluster = await ChatSupport.Grains.Tests.Events.SurvivingCluster.StartAsync(_azurite, RoutingClusterFixture.Settings);
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }

    /// <summary>The silo that holds the grain of this class (by name) and key.</summary>
    protected async Task<SiloHandle> SiloOfAsync(string grainClass, string key)
    {
        var stats = await Cluster.Client.GetGrain<Orleans.Runtime.IManagementGrain>(0).GetDetailedGrainStatistics();
        var grain = stats.Single(s => s.GrainType.Contains(grainClass, StringComparison.Ordinal) && s.GrainId.Key.ToString() == key);
        return Cluster.Silos.Single(s => s.SiloAddress.Equals(grain.SiloAddress));
    }
}
