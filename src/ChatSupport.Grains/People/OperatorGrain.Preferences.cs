using System.Text.Json;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.People;

/// <summary>The agent's own dashboard preferences, stored in the operator's row (so they survive a sign-out).</summary>
public sealed partial class OperatorGrain
{
    private static readonly JsonSerializerOptions PreferencesJson = new(JsonSerializerDefaults.Web);

    public Task<AgentPreferences> GetPreferences() => Task.FromResult(
        _record?.Preferences is { } json ? JsonSerializer.Deserialize<AgentPreferences>(json, PreferencesJson) ?? new() : new AgentPreferences());

    public async Task<ChatResult<AgentPreferences>> SavePreferences(AgentPreferences preferences)
    {
        if (_record is null) return UnknownOperator();
        if (preferences.Check() is { } bad) return bad;
        var json = JsonSerializer.Serialize(preferences, PreferencesJson);
        if (json != _record.Preferences) await SaveAsync(_record with { Preferences = json });
        return preferences;
    }
}
