namespace ChatSupport.Api.Hubs;

/// <summary>Group names: one per session stream, one per tenant desk.</summary>
public static class HubGroups
{
    public static string Session(string sessionKey) => "session:" + sessionKey;
    public static string Desk(string tenantId) => "desk:" + tenantId;
}
