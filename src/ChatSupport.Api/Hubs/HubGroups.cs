namespace ChatSupport.Api.Hubs;

/// <summary>Group names: one per session, one per tenant desk, one per agent inbox, one per tenant's widget settings.</summary>
public static class HubGroups
{
    public static string Session(string sessionKey) => "session:" + sessionKey;
    public static string Desk(string tenantId) => "desk:" + tenantId;
    /// <summary>One per agent ("{tenantId}/{agentId}"): their notifications, on every dashboard they have open.</summary>
    public static string Inbox(string agentKey) => "inbox:" + agentKey;
    /// <summary>One per tenant: every visitor connection, pushed the widget's settings when they change.</summary>
    public static string WidgetSettings(string tenantId) => "settings:" + tenantId;
}
