using System.Text;
using Azure.Data.Tables;
using ChatSupport.Api.Hubs;
using ChatSupport.Api.Security;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Api.Tests.Geo;

/// <summary>
/// The visitor's location end to end: a host that trusts 127.0.0.1 as its reverse proxy takes the client address from
/// X-Forwarded-For, stores the place (never the address) with the session and shows it on the desk. The shared host
/// trusts no proxy, so the same header changes nothing there.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class VisitorLocationTests(ApiHostFixture fixture) : IAsyncLifetime
{
    private const string London = "81.2.69.142";
    private ApiHost _proxied = null!;

    public async Task InitializeAsync() => _proxied = await ApiHost.StartAsync([$"{TrustedProxies.Key}:0=127.0.0.1"]);

    public async Task DisposeAsync() => await _proxied.DisposeAsync();

    [Fact]
    public async Task Behind_a_trusted_proxy_the_session_gets_the_place_of_the_forwarded_address_and_not_the_address()
    {
        var tenant = await _proxied.NewTenantAsync();
        await using var agent = await ChatParticipant.AgentAsync(_proxied, tenant, "alex", "Alex");
        await agent.Connection.InvokeAsync<DeskSnapshot>("GetDesk");
        await using var visitor = await ConnectThroughProxyAsync(_proxied, tenant, London);

        // Whatever the client claims about its location is ignored: the server's lookup replaces it.
        var started = await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata
        {
            Name = "Robin",
            Location = new VisitorLocation { City = "Atlantis", Country = "Nowhere", CountryCode = "XX", Latitude = 0, Longitude = 0 },
        });

        // The visitor's own view has no stored metadata: the location is the dashboard's.
        var location = (await agent.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", started.Session.SessionId)).Visitor.Location;
        location.Should().NotBeNull();
        location!.CountryCode.Should().Be("GB");
        location.Country.Should().Be("United Kingdom");
        location.City.Should().Be("London");
        location.Latitude.Should().BeApproximately(51.5, 0.5);
        location.Longitude.Should().BeApproximately(-0.1, 0.5);

        // The dashboard's desk carries it.
        var added = await agent.Desk.WaitForAsync(d => d.Session.SessionId == started.Session.SessionId, "the new chat on the desk");
        added.Session.Visitor.Location.Should().BeEquivalentTo(location);
        (await agent.Connection.InvokeAsync<DeskSnapshot>("GetDesk")).Sessions.Single().Visitor.Location.Should().BeEquivalentTo(location);

        (await StoredTextsContainingAsync(_proxied, London)).Should().BeEmpty("the raw address is never stored");
    }

    [Fact]
    public async Task Only_the_address_the_trusted_proxy_saw_counts_not_what_the_client_wrote_before_it()
    {
        var tenant = await _proxied.NewTenantAsync();
        // The client wrote "8.8.8.8" itself; the proxy appended the address it really saw.
        await using var visitor = await ConnectThroughProxyAsync(_proxied, tenant, $"8.8.8.8, {London}");
        var started = await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        (await StoredVisitorAsync(_proxied, tenant, started)).Location!.CountryCode.Should().Be("GB");
    }

    [Fact]
    public async Task A_forwarded_private_address_is_unknown()
    {
        var tenant = await _proxied.NewTenantAsync();
        await using var visitor = await ConnectThroughProxyAsync(_proxied, tenant, "192.168.1.20");
        var started = await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Lan" });
        var stored = await StoredVisitorAsync(_proxied, tenant, started);
        stored.Location.Should().BeNull();
        stored.Name.Should().Be("Lan");
    }

    [Fact]
    public async Task Without_trusted_proxies_a_forwarded_header_is_ignored_and_loopback_is_unknown()
    {
        var host = fixture.Host;
        var tenant = await host.NewTenantAsync();
        await using var visitor = await ConnectThroughProxyAsync(host, tenant, London);
        var started = await visitor.InvokeAsync<VisitorStartChatResult>("StartChat",
            new VisitorMetadata { Location = new VisitorLocation { CountryCode = "GB", Latitude = 51.5, Longitude = -0.1 } });
        (await StoredVisitorAsync(host, tenant, started)).Location.Should().BeNull("127.0.0.1 is not a trusted proxy here, and loopback has no place");
    }

    [Fact]
    public async Task A_client_location_that_is_out_of_range_is_ignored_rather_than_refused()
    {
        var tenant = await _proxied.NewTenantAsync();
        await using var visitor = await ConnectThroughProxyAsync(_proxied, tenant, London);
        var started = await visitor.InvokeAsync<VisitorStartChatResult>("StartChat",
            new VisitorMetadata { Location = new VisitorLocation { Latitude = 500, CountryCode = "TOO-LONG" } });
        (await StoredVisitorAsync(_proxied, tenant, started)).Location!.CountryCode.Should().Be("GB");
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("10.0.0.0/99")]
    [InlineData("10.0.0.1/")]
    public void A_trusted_proxy_setting_that_is_not_an_address_or_network_stops_the_host_with_a_clear_error(string entry)
    {
        var build = () => ChatSupportHost.Build(["--ChatSupport:Storage:ConnectionString=UseDevelopmentStorage=true", $"--{TrustedProxies.Key}:0={entry}"]);
        build.Should().Throw<InvalidOperationException>().WithMessage($"*{TrustedProxies.Key}*\"{entry}\"*");
    }

    /// <summary>The visitor's metadata as stored, read by an agent: the visitor's own view does not carry it.</summary>
    private static async Task<VisitorMetadata> StoredVisitorAsync(ApiHost host, string tenant, VisitorStartChatResult started)
    {
        await using var agent = await ChatParticipant.AgentAsync(host, tenant, "geo-reader", "Geo Reader");
        return (await agent.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", started.Session.SessionId)).Visitor;
    }

    /// <summary>A visitor whose requests (negotiate and WebSocket) carry the header a reverse proxy would add.</summary>
    private static async Task<HubConnection> ConnectThroughProxyAsync(ApiHost host, string tenant, string forwardedFor)
    {
        var token = await host.VisitorTokenAsync(tenant);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "hubs/visitor"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token.Token);
                o.Headers["X-Forwarded-For"] = forwardedFor;
            })
            .AddJsonProtocol(o => ChatSupportHost.ConfigureJson(o.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Every table row anywhere in the host's storage with a text or binary property containing <paramref name="needle"/>.</summary>
    private static async Task<List<string>> StoredTextsContainingAsync(ApiHost host, string needle)
    {
        var service = new TableServiceClient(host.StorageConnectionString);
        var bytes = Encoding.UTF8.GetBytes(needle);
        var found = new List<string>();
        await foreach (var table in service.QueryAsync())
        {
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (key, value) in row)
                {
                    var hit = value switch
                    {
                        string s => s.Contains(needle, StringComparison.Ordinal),
                        byte[] b => b.AsSpan().IndexOf(bytes) >= 0,
                        BinaryData d => d.ToMemory().Span.IndexOf(bytes) >= 0,
                        _ => false,
                    };
                    if (hit) found.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey}/{key}");
                }
            }
        }
        return found;
    }
}
