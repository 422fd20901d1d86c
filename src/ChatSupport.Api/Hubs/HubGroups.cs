namespace ChatSupport.Api.Hubs;

/// <summary>Group names: one per session stream, one per tenant desk.</summary>
public static class HubGroups
{
    public static string Session(string sessionKey) => "session:" + sessionKey;
    public static string Desk(string tenantId) => "desk:" + tenantId;
    /// <summary>One per agent ("{tenantId}/{agentId}"): their notifications, on every dashboard they have open.</summary>
    public static string Inbox(string agentKey) => "inbox:" + agentKey;
    /// <summary>One per tenant: every visitor connection, pushed the widget's settings when they change.</summary>
    public static string WidgetSettings(string tenantId) => "settings:" + tenantId;
}
