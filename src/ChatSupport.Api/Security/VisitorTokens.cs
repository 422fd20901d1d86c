using System.Security.Claims;
using System.Security.Cryptography;
using ChatSupport.Api.Identity;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatSupport.Api.Security;

/// <summary>
/// Signed, expiring visitor tokens (JWT, HMAC-SHA256): one tenant, one visitor. They grant the visitor hub
/// and nothing else; the grains then let a visitor reach only their own sessions. A token carries the visitor's token
/// generation: <see cref="IVisitorGrain.RevokeTokens"/> moves it on, and older tokens neither connect nor renew.
/// Renewals keep the first token's issue time and stop at <see cref="SecurityOptions.VisitorMaxLifetime"/> after it.
/// </summary>
public sealed class VisitorTokens
{
    public const string Issuer = "chatsupport";
    public const string Audience = "chatsupport-visitor";

    private readonly SymmetricSecurityKey _key;
    private readonly SecurityOptions _options;
    private readonly TimeProvider _clock;
    private readonly JsonWebTokenHandler _handler = new();

    private readonly IGrainFactory _grains;

    public VisitorTokens(IOptions<SecurityOptions> options, TimeProvider clock, IGrainFactory grains, ILogger<VisitorTokens> logger)
    {
        _options = options.Value;
        _clock = clock;
        _grains = grains;
        var keyBytes = string.IsNullOrWhiteSpace(_options.VisitorTokenKey) ? null : Convert.FromBase64String(_options.VisitorTokenKey);
        if (keyBytes is null)
        {
            logger.LogWarning("{Setting} is not set: visitor tokens are signed with a key that lives only as long as this process", SecurityOptions.Section + ":VisitorTokenKey");
            keyBytes = RandomNumberGenerator.GetBytes(32);
        }
        if (keyBytes.Length < 32) throw new InvalidOperationException("The visitor token key must be at least 32 bytes.");
        _key = new SymmetricSecurityKey(keyBytes);
    }

    /// <summary>
    /// A key for another purpose (file links), derived from the visitor token key: every Api node of a deployment has
    /// the same one without another setting, and it signs nothing a visitor token would accept.
    /// </summary>
    public byte[] DeriveKey(string purpose) =>
        System.Security.Cryptography.HMACSHA256.HashData(_key.Key, System.Text.Encoding.UTF8.GetBytes(purpose));

    public TokenValidationParameters ValidationParameters(bool validateLifetime = true) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = _key,
        ValidateLifetime = validateLifetime,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = ClaimTypes.NameIdentifier,
        LifetimeValidator = validateLifetime ? null : (_, _, _, _) => true,
    };

    /// <summary>
    /// A token for the visitor the previous token (even an expired one) was issued to, when it is genuine, for this
    /// tenant, not revoked, issued within the renewal window and the visitor's first token is younger than the maximum
    /// lifetime; otherwise a token for a new visitor.
    /// </summary>
    public async Task<(string Token, string VisitorId, DateTimeOffset ExpiresAt)> IssueAsync(string tenantId, string? previousToken)
    {
        var now = _clock.GetUtcNow();
        var renewed = await RenewableAsync(tenantId, previousToken, now);
        var visitorId = renewed?.VisitorId ?? GrainKeys.NewId();
        var generation = renewed is null ? 0 : await Visitor(tenantId, visitorId).GetTokenGeneration();
        var expires = now + _options.VisitorTokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [ChatClaims.Tenant] = tenantId,
                [ChatClaims.Party] = ChatClaims.VisitorParty,
                [JwtRegisteredClaimNames.Sub] = visitorId,
                [ChatClaims.TokenGeneration] = generation,
                [ChatClaims.FirstIssuedAt] = (renewed?.FirstIssuedAt ?? now).ToUnixTimeSeconds(),
            },
        });
        return (token, visitorId, expires);
    }

    private sealed record Renewable(string VisitorId, DateTimeOffset FirstIssuedAt);

    private async Task<Renewable?> RenewableAsync(string tenantId, string? previousToken, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(previousToken) || previousToken.Length > 4096) return null;
        var result = await _handler.ValidateTokenAsync(previousToken, ValidationParameters(validateLifetime: false));
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return null;
        if (!jwt.TryGetPayloadValue<string>(ChatClaims.Tenant, out var tenant) || tenant != tenantId) return null;
        if (jwt.IssuedAt + _options.VisitorRenewalWindow <= now.UtcDateTime) return null;
        // Tokens from before first-issue times were recorded count from their own issue time.
        var first = jwt.TryGetPayloadValue<long>(ChatClaims.FirstIssuedAt, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero);
        if (first + _options.VisitorMaxLifetime <= now) return null;
        if (!await IsCurrentGenerationAsync(tenantId, jwt.Subject, jwt.TryGetPayloadValue<int>(ChatClaims.TokenGeneration, out var generation) ? generation : 0))
            return null;
        return new Renewable(jwt.Subject, first);
    }

    /// <summary>On every visitor hub request (JwtBearerEvents.OnTokenValidated): a revoked token is refused like a forged one.</summary>
    public static async Task RefuseRevokedAsync(TokenValidatedContext context)
    {
        var user = context.Principal;
        var generation = int.TryParse(user?.FindFirstValue(ChatClaims.TokenGeneration), out var g) ? g : 0;
        if (user?.FindFirstValue(ChatClaims.Tenant) is not { } tenant || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } visitorId
            || !await context.HttpContext.RequestServices.GetRequiredService<VisitorTokens>().IsCurrentGenerationAsync(tenant, visitorId, generation))
            context.Fail("The visitor token was revoked.");
    }

    private async Task<bool> IsCurrentGenerationAsync(string tenantId, string visitorId, int generation) =>
        ChatInput.CheckId(tenantId, "tenant") is null && ChatInput.CheckId(visitorId, "visitorId") is null
        && await Visitor(tenantId, visitorId).GetTokenGeneration() == generation;

    private IVisitorGrain Visitor(string tenantId, string visitorId) => _grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(tenantId, visitorId));
}
