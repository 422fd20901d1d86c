using System.Net.Http.Headers;
using System.Net.Http.Json;
using Azure.Data.Tables;
using ChatSupport.Api.Hubs;
using ChatSupport.Api.Identity;
using ChatSupport.Api.Security;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatSupport.Api.Tests;

/// <summary>Passwords, sign-in and sign-out, and visitor tokens that are tampered with, expired or forged.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdentityTests(ApiHostFixture fixture)
{
    private ApiHost host => fixture.Host;

    [Fact]
    public async Task The_operators_table_holds_no_password_in_clear()
    {
        var tenant = await host.NewTenantAsync();
        await host.EnsureOperatorAsync(tenant, "alex", "Alex");
        var table = new TableServiceClient(host.StorageConnectionString).GetTableClient("ChatOperators");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenant}"))) rows.Add(row);

        var alex = rows.Should().ContainSingle().Subject;
        alex.GetString("DisplayName").Should().Be("Alex");
        foreach (var (name, value) in alex) value?.ToString().Should().NotContain(ApiHost.OperatorPassword, $"column {name} must not hold the password");
        // ASP.NET Core Identity v3 hashes start with the format marker 0x01, "AQAAAA" in base64.
        alex.GetString("PasswordHash").Should().StartWith("AQAAAA");
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_user_and_a_disabled_operator_fail_the_same_way()
    {
        var tenant = await host.NewTenantAsync();
        await host.EnsureOperatorAsync(tenant, "alex", "Alex");
        await host.EnsureOperatorAsync(tenant, "gone", "Gone");
        await host.Grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenant, "gone")).SetDisabled(true);

        async Task<(string Outcome, string Body)> AttemptAsync(string username, string password)
        {
            using var browser = new OperatorBrowser(host.BaseAddress);
            var response = await browser.SignInAsync(tenant, username, password);
            return (await Outcome.OfAsync(response), await response.Content.ReadAsStringAsync());
        }

        var wrongPassword = await AttemptAsync("alex", "not-the-password");
        var unknownUser = await AttemptAsync("nobody", ApiHost.OperatorPassword);
        var disabled = await AttemptAsync("gone", ApiHost.OperatorPassword);

        wrongPassword.Outcome.Should().Be("401 sign_in_failed");
        unknownUser.Should().Be(wrongPassword);
        disabled.Should().Be(wrongPassword);
        (await AttemptAsync("alex", ApiHost.OperatorPassword)).Outcome.Should().Be("ok");
    }

    [Fact]
    public async Task Sign_in_without_the_anti_forgery_token_is_refused()
    {
        var tenant = await host.NewTenantAsync();
        await host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var response = await http.PostAsJsonAsync("api/auth/sign-in", new { tenant, username = "alex", password = ApiHost.OperatorPassword });
        (await Outcome.OfAsync(response)).Should().Be("400 antiforgery_required");
    }

    [Fact]
    public async Task Signing_out_closes_that_operators_live_connections()
    {
        var tenant = await host.NewTenantAsync();
        await host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var browser = await host.SignInAsync(tenant, "alex");
        await using var connection = await host.ConnectAgentAsync(browser);
        var closed = new TaskCompletionSource();
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await connection.InvokeAsync<ChatSupport.Contracts.Desk.DeskSnapshot>("GetDesk");

        (await browser.SignOutAsync()).EnsureSuccessStatusCode();
        await closed.Task.WaitAsync(Eventually.DefaultTimeout);
        (await Outcome.OfAsync(await browser.GetAsync("api/auth/me"))).Should().Be("401 sign_in_required");
    }

    [Fact]
    public async Task A_revoked_sign_in_is_refused_on_the_next_hub_call_not_only_at_connect()
    {
        var tenant = await host.NewTenantAsync();
        await host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var browser = await host.SignInAsync(tenant, "alex");
        await using var connection = await host.ConnectAgentAsync(browser);
        await connection.InvokeAsync<ChatSupport.Contracts.Desk.DeskSnapshot>("GetDesk");
        var closed = new TaskCompletionSource();
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        // As if an admin disabled Alex and the push that closes Alex's connections never reached this node: the account
        // is changed in storage behind the operator grain's back (which then reloads it), so nothing is pushed.
        var store = host.Services.GetRequiredService<ChatSupport.Grains.People.OperatorStore>();
        var account = (await store.LoadAsync(tenant, "alex"))!;
        await store.SaveAsync(tenant, "alex", account with { Disabled = true, SignIns = [] }, isNew: false);
        await host.Grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenant, "alex")).Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        var refused = await connection.Invoking(c => c.InvokeAsync<ChatSupport.Contracts.Desk.DeskSnapshot>("GetDesk")).Should().ThrowAsync<Exception>();
        refused.Which.Message.Should().Contain("sign_in_expired");
        await closed.Task.WaitAsync(Eventually.DefaultTimeout);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("expired")]
    [InlineData("foreign key")]
    [InlineData("other tenant claim")]
    public async Task A_bad_visitor_token_is_refused_and_the_server_keeps_serving(string kind)
    {
        var tenant = await host.NewTenantAsync();
        var genuine = await host.VisitorTokenAsync(tenant);
        var token = kind switch
        {
            "tampered" => Tamper(genuine.Token),
            "expired" => Forge(host.VisitorTokenKey, tenant, genuine.VisitorId, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1)),
            "foreign key" => Forge(new byte[32], tenant, genuine.VisitorId, DateTime.UtcNow, DateTime.UtcNow.AddHours(1)),
            _ => Forge(host.VisitorTokenKey, "no-such-tenant", genuine.VisitorId, DateTime.UtcNow, DateTime.UtcNow.AddHours(1)),
        };
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var negotiate = new HttpRequestMessage(HttpMethod.Post, "hubs/visitor/negotiate?negotiateVersion=1");
        negotiate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await Outcome.OfAsync(await http.SendAsync(negotiate))).Should().Be(kind == "other tenant claim" ? "403 unknown_tenant" : "401 visitor_token_required");

        // Everyone else is still served.
        await using var visitor = await ChatParticipant.VisitorAsync(host, tenant, genuine);
        (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.Status.Should().Be(ChatStatus.WaitingForAgent);
    }

    [Fact]
    public async Task A_returning_visitor_who_sends_their_old_token_stays_the_same_visitor()
    {
        var tenant = await host.NewTenantAsync();
        var first = await host.VisitorTokenAsync(tenant);
        var renewed = await host.VisitorTokenAsync(tenant, first.Token);
        renewed.VisitorId.Should().Be(first.VisitorId);
        var expiredButGenuine = Forge(host.VisitorTokenKey, tenant, first.VisitorId, DateTime.UtcNow.AddDays(-2), DateTime.UtcNow.AddDays(-1));
        (await host.VisitorTokenAsync(tenant, expiredButGenuine)).VisitorId.Should().Be(first.VisitorId);
        (await host.VisitorTokenAsync(tenant, Tamper(first.Token))).VisitorId.Should().NotBe(first.VisitorId, "a tampered token proves nothing");
        var otherTenant = await host.NewTenantAsync();
        (await host.VisitorTokenAsync(otherTenant, first.Token)).VisitorId.Should().NotBe(first.VisitorId, "a token is for one tenant only");
    }

    [Fact]
    public async Task A_frame_over_the_hub_size_limit_closes_only_that_connection_and_stores_nothing()
    {
        var tenant = await host.NewTenantAsync();
        await using var other = await ChatParticipant.VisitorAsync(host, tenant);
        var otherSession = (await other.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        var attacker = await ChatParticipant.VisitorAsync(host, tenant);
        var sessionId = (await attacker.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        var closed = new TaskCompletionSource();
        attacker.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        var huge = new string('x', 200 * 1024);
        await attacker.Connection.Invoking(c => c.InvokeAsync<MessageAck>("SendMessage", sessionId, "big", huge)).Should().ThrowAsync<Exception>();
        await closed.Task.WaitAsync(Eventually.DefaultTimeout);

        await using var back = await ChatParticipant.VisitorAsync(host, tenant, attacker.Token);
        (await back.Connection.InvokeAsync<VisitorMessagePage>("GetHistory", sessionId, 0L, 10)).Messages.Should().BeEmpty();
        (await other.SendAsync(otherSession, "fine", "still served")).Seq.Should().Be(1);
        await attacker.DisposeAsync();
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("visitor", "agent", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    private static string Forge(byte[] key, string tenant, string visitorId, DateTime issuedAt, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = VisitorTokens.Issuer,
            Audience = VisitorTokens.Audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [ChatClaims.Tenant] = tenant,
                [ChatClaims.Party] = ChatClaims.VisitorParty,
                [JwtRegisteredClaimNames.Sub] = visitorId,
            },
        });
}
