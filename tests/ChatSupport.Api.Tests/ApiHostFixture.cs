using ChatSupport.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Api.Tests;

/// <summary>
/// The real one-process host (Api + co-hosted silo) on a free loopback port, over a real Azurite, built by
/// the same ChatSupportHost.Build the run command uses. Tests talk to it only through real SignalR clients.
/// </summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;
    private WebApplication _app = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        _app = ChatSupportHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Development",
            $"--ChatSupport:Storage:ConnectionString={_azurite.ConnectionString}",
            "--ChatSupport:DevelopmentIdentity=true",
            $"--ChatSupport:Silo:SiloPort={FreePorts.Next()}",
            $"--ChatSupport:Silo:GatewayPort={FreePorts.Next()}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());
    }

    public Task<HubConnection> ConnectVisitorAsync(string tenant, string visitorId) =>
        ConnectAsync($"hubs/visitor?tenant={tenant}&visitor={visitorId}");

    public Task<HubConnection> ConnectAgentAsync(string tenant, string agentId, string name) =>
        ConnectAsync($"hubs/agent?tenant={tenant}&agent={agentId}&name={Uri.EscapeDataString(name)}");

    public async Task<HubConnection> ConnectAsync(string pathAndQuery)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, pathAndQuery))
            .AddJsonProtocol(o => ChatSupportHost.ConfigureJson(o.PayloadSerializerOptions))
            .Build();
        connection.KeepAliveInterval = TimeSpan.FromSeconds(5);
        connection.ServerTimeout = TimeSpan.FromSeconds(15);
        await connection.StartAsync();
        return connection;
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHostFixture>
{
    public const string Name = "api";
}
