using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Tenants;
using ChatSupport.Silo.Tls;
using ChatSupport.Testing;

namespace ChatSupport.Cluster.Tests;

/// <summary>
/// Issue 20, item 1: a plain Orleans client on a silo's gateway port created a System Admin in another tenant and
/// added its own origin to that tenant's widget origins. Against a published silo process with TLS on, the same
/// attack is refused without the cluster's certificate (none, or a self-signed one of the attacker's), nothing
/// changes, and a client holding the certificate still works. The silo port refuses such a handshake too.
/// </summary>
public sealed class ClusterTlsTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    private const string ShopOrigin = "https://shop.example";
    private const string AttackerOrigin = "https://attacker.example";
    private readonly LocalCluster _cluster = fixture.Cluster;

    [Theory]
    [InlineData(ClientIdentity.NoTls)]
    [InlineData(ClientIdentity.ForeignCertificate)]
    public async Task An_orleans_client_without_the_cluster_certificate_cannot_make_an_admin_or_add_an_origin(ClientIdentity attacker)
    {
        var victim = await NewTenantAsync();

        var attack = await AttackAsync(attacker, victim);

        attack.Should().StartWith("refused", "the gateway speaks only mutual TLS with the cluster's certificate");
        await using var trusted = await ConnectAsync(ClientIdentity.ClusterCertificate);
        var tenant = await trusted.Client.GetGrain<ITenantGrain>(victim).GetProfile();
        tenant.Settings!.AllowedOrigins.Should().Equal([ShopOrigin], "the attacker's origin was not added");
        (await trusted.Client.GetGrain<IOperatorGrain>(GrainKeys.Compose(victim, "intruder")).GetProfile())
            .Should().BeNull("no operator was created");
    }

    [Fact]
    public async Task A_client_with_the_cluster_certificate_makes_the_same_calls()
    {
        var victim = await NewTenantAsync();

        (await AttackAsync(ClientIdentity.ClusterCertificate, victim)).Should().Be("accepted", "the same calls work for a node that holds the certificate");

        await using var trusted = await ConnectAsync(ClientIdentity.ClusterCertificate);
        (await trusted.Client.GetGrain<ITenantGrain>(victim).GetProfile()).Settings!.AllowedOrigins.Should().Contain(AttackerOrigin);
    }

    [Fact]
    public async Task The_silo_and_gateway_ports_end_a_tls_handshake_without_the_cluster_certificate()
    {
        using var foreign = DevelopmentCertificate.Create();
        foreach (var port in new[] { _cluster.SiloPorts[0], _cluster.GatewayPorts[0] })
        {
            (await TlsProbe.ConnectAsync(port, clientCertificate: null)).Should().Be("refused", $"port {port} wants a certificate");
            (await TlsProbe.ConnectAsync(port, foreign)).Should().Be("refused", $"port {port} trusts only the cluster's certificate");
        }
    }

    /// <summary>What the attacker did: a System Admin for itself in the victim's tenant, and its origin on the victim's list.</summary>
    private async Task<string> AttackAsync(ClientIdentity identity, string victim)
    {
        try
        {
            await using var client = await ConnectAsync(identity);
            var grains = client.Client;
            await grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(victim, "intruder")).EnsureCreated(new NewOperator
            {
                DisplayName = "Intruder",
                Password = "attacker-chosen-password",
                Roles = [Roles.SystemAdmin],
            });
            var tenant = grains.GetGrain<ITenantGrain>(victim);
            var settings = (await tenant.GetProfile()).Settings!;
            await tenant.Configure(settings with { AllowedOrigins = [.. settings.AllowedOrigins, AttackerOrigin] });
            return "accepted";
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return "refused: " + e.GetType().Name + ": " + e.Message;
        }
    }

    /// <summary>A tenant of its own for each test, configured by a trusted node, with the shop's origin only.</summary>
    private async Task<string> NewTenantAsync()
    {
        var id = "victim" + Guid.NewGuid().ToString("N")[..8];
        await using var trusted = await ConnectAsync(ClientIdentity.ClusterCertificate);
        await trusted.Client.GetGrain<ITenantGrain>(id).Configure(new TenantSettings
        {
            Name = id,
            Plan = Plans.Scale,
            Features = [Features.PrioritySupport],
            AllowedOrigins = [ShopOrigin],
        });
        return id;
    }

    private Task<GatewayClient> ConnectAsync(ClientIdentity identity) =>
        GatewayClient.ConnectAsync(_cluster.GatewayPorts[0], LocalCluster.ClusterId, identity, _cluster.TlsSettings);
}

/// <summary>One published silo process (TLS on) over its own Azurite, shared by the tests of a class.</summary>
public sealed class OneSiloCluster : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await LocalCluster.StartAsync(silos: 1, apis: 0);

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
    }
}
