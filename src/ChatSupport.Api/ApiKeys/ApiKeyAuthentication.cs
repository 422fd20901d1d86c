using System.Security.Claims;
using System.Text.Encodings.Web;
using ChatSupport.Api.Identity;
using ChatSupport.Contracts.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.ApiKeys;

/// <summary>
/// <c>Authorization: Bearer csk.…</c>: the key's tenant grain checks the secret's hash and that it is not revoked, on
/// every request (a revocation holds at the next one, on every Api node). The caller is then an operator of that tenant
/// named for the key ("apikey:{id}", which no username can be), holding the key's scopes as claims.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "chat:scope";
    public const string KeyIdClaim = "chat:key";
    /// <summary>Where a failed authentication leaves its refusal, for the authorization answer (<see cref="ApiScopeHandler"/>).</summary>
    public const string RefusalItem = "chat:api-key-refusal";

    /// <summary>The caller id of a key's requests: the ':' keeps it apart from every username.</summary>
    public static string CallerIdOf(string keyId) => $"apikey:{keyId}";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var key = header["Bearer ".Length..].Trim();
        ApiKeyInfo? info = null;
        if (ApiKeyFormat.TryParse(key, out var tenant, out var keyId, out var secret))
            info = await grains.GetGrain<IApiKeysGrain>(tenant).Authenticate(keyId, ApiKeyFormat.Hash(secret));
        if (info is null)
        {
            Context.Items[RefusalItem] = ApiKeyRefusals.KeyInvalid();
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }
        var claims = new List<Claim>
        {
            new(ChatClaims.Tenant, tenant),
            new(ChatClaims.Party, ChatClaims.AgentParty),
            new(ClaimTypes.NameIdentifier, CallerIdOf(info.Id)),
            new(ClaimTypes.Name, $"API key {info.Name}"),
            new(KeyIdClaim, info.Id),
        };
        claims.AddRange(info.Scopes.Select(s => new Claim(ScopeClaim, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }
}
