using System.Security.Claims;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Identity;

/// <summary>The claims the hubs read, whichever scheme signed the caller in.</summary>
public static class ChatClaims
{
    public const string Tenant = "chat:tenant";
    public const string Party = "chat:party";
    public const string AgentParty = "agent";
    public const string VisitorParty = "visitor";
    /// <summary>The operator's sign-in id: revocable by signing out.</summary>
    public const string SignIn = "chat:signin";
    /// <summary>When the operator's sign-in ends, in Unix seconds.</summary>
    public const string ExpiresAt = "chat:expires";
    /// <summary>A visitor token's generation (<see cref="ChatSupport.Contracts.Visitors.IVisitorGrain.GetTokenGeneration"/>): revoking moves it on.</summary>
    public const string TokenGeneration = "chat:gen";
    /// <summary>When the visitor's first token was issued, in Unix seconds: renewals keep it, and end at the visitor's maximum lifetime.</summary>
    public const string FirstIssuedAt = "chat:first";
}

public static class ChatPolicies
{
    public const string Agent = "chat-agent";
    public const string Visitor = "chat-visitor";
    /// <summary>Any signed-in operator, whatever their role (to read who they are).</summary>
    public const string Operator = "chat-operator";
}

/// <summary>Who the caller is, read from their claims: tenant plus the <see cref="ChatCaller"/> grains check.</summary>
public sealed record ChatIdentity(string TenantId, ChatCaller Caller)
{
    public static ChatIdentity From(ClaimsPrincipal? user)
    {
        var tenant = user?.FindFirstValue(ChatClaims.Tenant);
        var id = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        var party = user?.FindFirstValue(ChatClaims.Party);
        if (tenant is null || id is null || party is null) throw new InvalidOperationException("The caller is not signed in.");
        var name = user!.FindFirstValue(ClaimTypes.Name) ?? id;
        return new ChatIdentity(tenant, new ChatCaller(party == ChatClaims.AgentParty ? ChatParty.Agent : ChatParty.Visitor, id, name));
    }
}
