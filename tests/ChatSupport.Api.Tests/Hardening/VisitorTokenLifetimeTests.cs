using System.Net.Http.Headers;
using ChatSupport.Api.Identity;
using ChatSupport.Api.Security;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Visitors;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// Visitor tokens end: a revoked visitor's tokens can neither open the visitor hub nor be renewed (the widget then
/// starts as a new visitor), and renewals stop 90 days after the visitor's first token, however often they came.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class VisitorTokenLifetimeTests(ApiHostFixture fixture)
{
    private ApiHost host => fixture.Host;

    [Fact]
    public async Task A_revoked_visitor_token_cannot_connect_or_renew()
    {
        var tenant = await host.NewTenantAsync();
        var issued = await host.VisitorTokenAsync(tenant);
        (await NegotiateAsync(issued.Token)).Should().Be("ok");

        await host.Grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(tenant, issued.VisitorId)).RevokeTokens();

        (await NegotiateAsync(issued.Token)).Should().Be("401 visitor_token_required");
        var renewed = await host.VisitorTokenAsync(tenant, issued.Token);
        renewed.VisitorId.Should().NotBe(issued.VisitorId, "a revoked token does not carry its visitor into a new token");
        (await NegotiateAsync(renewed.Token)).Should().Be("ok", "the new visitor's token works");
    }

    [Fact]
    public async Task Renewals_keep_the_first_issue_time_and_end_at_the_maximum_lifetime()
    {
        var tenant = await host.NewTenantAsync();
        var visitorId = GrainKeys.NewId();
        var now = DateTime.UtcNow;

        // Renewed every few hours for 89 days: still the same visitor, and the first issue time travels on.
        var young = await host.VisitorTokenAsync(tenant, Forge(tenant, visitorId, issuedAt: now.AddHours(-13), firstIssuedAt: now.AddDays(-89)));
        young.VisitorId.Should().Be(visitorId);
        FirstIssuedAt(young.Token).Should().BeCloseTo(now.AddDays(-89), TimeSpan.FromSeconds(2));

        // Renewed just as often, but the visitor's first token is 91 days old: renewal ends, a new visitor begins.
        var old = await host.VisitorTokenAsync(tenant, Forge(tenant, visitorId, issuedAt: now.AddHours(-13), firstIssuedAt: now.AddDays(-91)));
        old.VisitorId.Should().NotBe(visitorId);
    }

    private async Task<string> NegotiateAsync(string token)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var negotiate = new HttpRequestMessage(HttpMethod.Post, "hubs/visitor/negotiate?negotiateVersion=1");
        negotiate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Outcome.OfAsync(await http.SendAsync(negotiate));
    }

    private static DateTime FirstIssuedAt(string token) =>
        DateTimeOffset.FromUnixTimeSeconds(new JsonWebToken(token).GetPayloadValue<long>(ChatClaims.FirstIssuedAt)).UtcDateTime;

    private string Forge(string tenant, string visitorId, DateTime issuedAt, DateTime firstIssuedAt) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = VisitorTokens.Issuer,
            Audience = VisitorTokens.Audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt.AddHours(12),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(host.VisitorTokenKey), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [ChatClaims.Tenant] = tenant,
                [ChatClaims.Party] = ChatClaims.VisitorParty,
                [JwtRegisteredClaimNames.Sub] = visitorId,
                [ChatClaims.TokenGeneration] = 0,
                [ChatClaims.FirstIssuedAt] = new DateTimeOffset(firstIssuedAt).ToUnixTimeSeconds(),
            },
        });
}
