using Azure.Data.Tables;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Desk;
using ChatSupport.Silo;
using ChatSupport.Silo.Tls;
using ChatSupport.Testing;
using Microsoft.Extensions.Configuration;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace ChatSupport.Grains.Tests.Events;

/// <summary>Three silos with Azure Table membership (as shipped), so that any silo, the first too, can be killed.</summary>
public sealed class SurvivingClusterSilo : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo)
    {
        silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(silo.Configuration["ChatSupport:Storage:ConnectionString"]));
        silo.AddChatSupportSilo(silo.Configuration);
    }
}

public sealed class SurvivingClusterClient : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder client)
    {
        client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(configuration["ChatSupport:Storage:ConnectionString"]));
        client.UseClusterTls(ClusterTls.FromConfiguration(configuration));
    }
}

/// <summary>Starts three silos of <see cref="SurvivingClusterSilo"/> over the Azurite, with extra silo settings.</summary>
public static class SurvivingCluster
{
    public static async Task<TestCluster> StartAsync(AzuriteProcess azurite, IReadOnlyDictionary<string, string>? settings = null)
    {
        var builder = new TestClusterBuilder(initialSilosCount: 3);
        builder.Options.ServiceId = "chatsupport";
        builder.Options.UseTestClusterMembership = false;
        builder.Properties["ChatSupport:Storage:ConnectionString"] = azurite.ConnectionString;
        foreach (var (key, value) in TestClusterCertificate.Settings()) builder.Properties[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.Properties[key] = value;
        builder.AddSiloBuilderConfigurator<SurvivingClusterSilo>();
        builder.AddClientBuilderConfigurator<SurvivingClusterClient>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

/// <summary>
/// The desk loses its activation (its silo is killed, or it is deactivated) while chats start, are assigned and
/// resolved. Afterwards it lists exactly the open chats, and every open dashboard shows that same list without
/// reloading the page: no resolved chat stays listed, no open chat is missing.
/// </summary>
public sealed class DeskRepairTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Chats = 45;
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(150);
    private AzuriteProcess _azurite = null!;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        _cluster = await SurvivingCluster.StartAsync(_azurite);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }

    [Fact]
    public Task Killing_the_silo_that_holds_the_desk_leaves_no_ghost_and_no_gap_on_any_dashboard() =>
        RunAsync(async tenant =>
        {
            var silo = await SiloOfDeskAsync(tenant);
            output.WriteLine($"killing {silo.SiloAddress}, which holds the desk");
            await _cluster.KillSiloAsync(silo);
        });

    [Fact]
    public Task A_desk_deactivated_mid_traffic_comes_back_with_every_open_chat_and_dashboards_follow() =>
        RunAsync(tenant => _cluster.Client.GetGrain<IDeskGrain>(tenant).Cast<IGrainManagementExtension>().DeactivateOnIdle().AsTask());

    private async Task RunAsync(Func<string, Task> fault)
    {
        var tenant = "desk" + Guid.NewGuid().ToString("N")[..10];
        await using var dashboardA = await DeskMirror.OpenAsync(_cluster.Client, tenant);
        await using var dashboardB = await DeskMirror.OpenAsync(_cluster.Client, tenant);
        var traffic = new DeskTraffic(_cluster.Client, tenant);

        var run = traffic.RunAsync(Chats, Spacing);
        await Eventually.GetAsync(() => Task.FromResult(traffic.Open.Count), n => n >= Chats / 4, TimeSpan.FromSeconds(60), "traffic under way");
        await fault(tenant);
        await run;
        // One more chat after the fault: a dashboard that missed deltas sees the next one out of order and reloads.
        var last = new DeskTraffic(_cluster.Client, tenant, "late-visitor");
        await last.RunAsync(1, TimeSpan.Zero);
        var open = traffic.Open.Concat(last.Open).ToHashSet();

        // What the desk must list: every chat the clients know open, and nothing that is not open. (A start whose answer
        // was lost with the silo is retried by the client as a new chat; the first one stays open on the desk, so an
        // agent can still answer it: the clients do not know it, its session does.)
        var listed = await Eventually.GetAsync(async () =>
        {
            var desk = await DeskListAsync(tenant);
            var notOpen = new List<string>();
            foreach (var id in desk)
            {
                var s = (await _cluster.Client.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, id)).GetSnapshot(Watcher)).Value;
                if (s is null || !s.Status.IsOpen()) notOpen.Add(id);
            }
            return (Desk: desk, Missing: open.Except(desk).ToList(), Ghosts: notOpen);
        }, l => l.Missing.Count == 0 && l.Ghosts.Count == 0, DeskGrain.RepairPeriod * 2 + TimeSpan.FromSeconds(30),
            "the desk to list every open chat and no other");
        foreach (var dashboard in new[] { dashboardA, dashboardB })
        {
            var shown = await Eventually.GetAsync(dashboard.OpenSessionIdsAsync, s => s.SetEquals(listed.Desk), TimeSpan.FromSeconds(60),
                "the dashboard to show exactly the desk's list");
            shown.Should().BeEquivalentTo(listed.Desk);
            dashboard.Reloads.Should().BeGreaterThan(1, "the new desk activation's epoch made the dashboard reload its list");
        }
        output.WriteLine($"{listed.Desk.Count - open.Count} chat(s) open on the desk that no client knows (a start retried after the silo died)");
        output.WriteLine($"{Chats + 1} chats, {listed.Desk.Count} open at the end; dashboard reloads: {dashboardA.Reloads}, {dashboardB.Reloads}");
    }

    private static readonly ChatCaller Watcher = ChatCaller.Agent(new AgentRef("watcher", "Watcher"));

    private async Task<IReadOnlySet<string>> DeskListAsync(string tenant) =>
        (await _cluster.Client.GetGrain<IDeskGrain>(tenant).GetSnapshot()).Sessions.Select(s => s.SessionId).ToHashSet();

    private async Task<SiloHandle> SiloOfDeskAsync(string tenant)
    {
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        var stats = await management.GetDetailedGrainStatistics();
        var desk = stats.Single(s => s.GrainType.Contains(nameof(DeskGrain), StringComparison.Ordinal) && s.GrainId.Key.ToString() == tenant);
        return _cluster.Silos.Single(s => s.SiloAddress.Equals(desk.SiloAddress));
    }
}
