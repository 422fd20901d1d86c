using System.Security.Claims;
using System.Text.Encodings.Web;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Identity;

/// <summary>
/// DEVELOPMENT ONLY: the one seam through which callers are identified until access control (tenants,
/// operators, visitor tokens) replaces it. A caller names themself in the query string:
/// <c>?tenant=demo&amp;agent=alex&amp;name=Alex</c> for an agent, <c>?tenant=demo&amp;visitor=ID</c> for a visitor.
/// It is registered only when <c>ChatSupport:DevelopmentIdentity</c> is true, which the run and test
/// commands set and nothing else does.
/// </summary>
public sealed class DevelopmentIdentityHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Development";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var query = Request.Query;
        string? tenant = query["tenant"], agent = query["agent"], visitor = query["visitor"], name = query["name"];
        if (string.IsNullOrEmpty(tenant)) return Task.FromResult(AuthenticateResult.NoResult());
        var (party, id) = !string.IsNullOrEmpty(agent) ? (ChatClaims.AgentParty, agent) : (ChatClaims.VisitorParty, visitor);
        if ((ChatInput.CheckId(tenant, "tenant") ?? ChatInput.CheckId(id, party) ??
             ChatInput.CheckOptional(name, "name", ChatLimits.NameMaxLength)) is { } bad)
            return Task.FromResult(AuthenticateResult.Fail(bad.Message));

        Claim[] claims =
        [
            new(ChatClaims.Tenant, tenant),
            new(ChatClaims.Party, party),
            new(ClaimTypes.NameIdentifier, id!),
            new(ClaimTypes.Name, string.IsNullOrWhiteSpace(name) ? id! : name.Trim()),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
