using ChatSupport.Contracts.People;

namespace ChatSupport.Api.Hubs;

/// <summary>The signed-in agent's own dashboard preferences (sound, notifications, theme, density): nobody else's.</summary>
public sealed partial class AgentHub
{
    public Task<AgentPreferences> GetPreferences() => Operator(Me.Caller.Id).GetPreferences();

    public async Task<AgentPreferences> SavePreferences(AgentPreferences preferences)
    {
        HubResults.ThrowIf(preferences is null ? ChatSupport.Contracts.Sessions.ChatErrors.InvalidInput("preferences are missing.") : null);
        return (await Operator(Me.Caller.Id).SavePreferences(preferences!)).OrThrow();
    }
}
