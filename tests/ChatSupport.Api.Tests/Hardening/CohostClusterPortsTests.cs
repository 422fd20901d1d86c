using ChatSupport.Contracts.Tenants;
using ChatSupport.Silo.Tls;
using ChatSupport.Testing;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// Issue 20, item 1, for the one-process host (<c>./chat run</c>): its silo used to open a gateway on loopback that any
/// local process could join as a plain Orleans client and reconfigure tenants with. Now it opens no gateway (its client
/// is in-process) and its silo port speaks only mutual TLS with a certificate no other process holds.
/// </summary>
public sealed class CohostClusterPortsTests : IAsyncLifetime
{
    private readonly int _siloPort = FreePorts.Next();
    private readonly int _gatewayPort = FreePorts.Next();
    private ApiHost _host = null!;

    // The gateway port is configured as it was before, to show that nothing listens there any more.
    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(
        [$"ChatSupport:Silo:SiloPort={_siloPort}", $"ChatSupport:Silo:GatewayPort={_gatewayPort}"]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_plain_orleans_client_cannot_join_the_one_process_host_and_its_silo_port_demands_a_certificate()
    {
        var tenant = await _host.NewTenantAsync();

        foreach (var port in new[] { _gatewayPort, _siloPort })
        {
            var attempt = async () =>
            {
                // "default": the cluster id the one-process host answers with (a refused client is told it, so it is no secret).
                await using var client = await GatewayClient.ConnectAsync(port, "default", ClientIdentity.NoTls, new Dictionary<string, string>(), serviceId: "default");
                await client.Client.GetGrain<ITenantGrain>(tenant).Configure(new TenantSettings { Name = tenant, Plan = Plans.Scale, AllowedOrigins = ["https://attacker.example"] });
            };
            await attempt.Should().ThrowAsync<Exception>($"port {port} takes no plain Orleans client");
        }
        using var foreign = DevelopmentCertificate.Create();
        (await TlsProbe.ConnectAsync(_siloPort, clientCertificate: null)).Should().Be("refused", "the silo port speaks TLS and wants a certificate");
        (await TlsProbe.ConnectAsync(_siloPort, foreign)).Should().Be("refused", "the silo port trusts only its own certificate");
        (await _host.Grains.GetGrain<ITenantGrain>(tenant).GetProfile()).Settings!.AllowedOrigins.Should().Equal([ApiHost.AllowedOrigin]);
    }
}
