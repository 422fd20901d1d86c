using System.Security.Claims;
using System.Security.Cryptography;
using ChatSupport.Api.Identity;
using ChatSupport.Contracts;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatSupport.Api.Security;

/// <summary>
/// Signed, expiring visitor tokens (JWT, HMAC-SHA256): one tenant, one visitor. They grant the visitor hub
/// and nothing else; the grains then let a visitor reach only their own sessions.
/// </summary>
public sealed class VisitorTokens
{
    public const string Issuer = "chatsupport";
    public const string Audience = "chatsupport-visitor";

    private readonly SymmetricSecurityKey _key;
    private readonly SecurityOptions _options;
    private readonly TimeProvider _clock;
    private readonly JsonWebTokenHandler _handler = new();

    public VisitorTokens(IOptions<SecurityOptions> options, TimeProvider clock, ILogger<VisitorTokens> logger)
    {
        _options = options.Value;
        _clock = clock;
        var keyBytes = string.IsNullOrWhiteSpace(_options.VisitorTokenKey) ? null : Convert.FromBase64String(_options.VisitorTokenKey);
        if (keyBytes is null)
        {
            logger.LogWarning("{Setting} is not set: visitor tokens are signed with a key that lives only as long as this process", SecurityOptions.Section + ":VisitorTokenKey");
            keyBytes = RandomNumberGenerator.GetBytes(32);
        }
        if (keyBytes.Length < 32) throw new InvalidOperationException("The visitor token key must be at least 32 bytes.");
        _key = new SymmetricSecurityKey(keyBytes);
    }

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

    public (string Token, DateTimeOffset ExpiresAt) Issue(string tenantId, string visitorId)
    {
        var now = _clock.GetUtcNow();
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
            },
        });
        return (token, expires);
    }

    /// <summary>
    /// The visitor a previous token (even an expired one, within the renewal window) was issued to, when it
    /// is genuine and for this tenant; otherwise a new visitor.
    /// </summary>
    public async Task<string> VisitorForRenewalAsync(string tenantId, string? previousToken)
    {
        if (string.IsNullOrWhiteSpace(previousToken) || previousToken.Length > 4096) return GrainKeys.NewId();
        var result = await _handler.ValidateTokenAsync(previousToken, ValidationParameters(validateLifetime: false));
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return GrainKeys.NewId();
        var genuine = jwt.TryGetPayloadValue<string>(ChatClaims.Tenant, out var tenant) && tenant == tenantId
            && jwt.IssuedAt + _options.VisitorRenewalWindow > _clock.GetUtcNow().UtcDateTime;
        return genuine ? jwt.Subject : GrainKeys.NewId();
    }
}
