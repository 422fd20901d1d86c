using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.People;

/// <summary>
/// How one agent likes the dashboard (the Preferences dialog): sound of new chats and its volume, desktop notifications,
/// the theme (light, dark, or following the system setting) and the density of lists. Kept with the operator, so it
/// follows the agent from browser to browser and survives signing out.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AgentPreferences
{
    public static readonly IReadOnlyList<string> Themes = ["system", "light", "dark"];
    public static readonly IReadOnlyList<string> Densities = ["comfortable", "compact"];

    [Id(0)] public bool Sound { get; init; } = true;
    /// <summary>0 to 100.</summary>
    [Id(1)] public int Volume { get; init; } = 60;
    [Id(2)] public bool DesktopNotifications { get; init; }
    /// <summary><c>system</c> (the browser's light or dark setting), <c>light</c> or <c>dark</c>.</summary>
    [Id(3)] public string Theme { get; init; } = "system";
    /// <summary><c>comfortable</c> or <c>compact</c> (tighter rows in the lists).</summary>
    [Id(4)] public string Density { get; init; } = "comfortable";

    /// <summary>invalid_input naming the field, or null when every value is one the dashboard knows.</summary>
    public ChatError? Check()
    {
        if (Volume is < 0 or > 100) return ChatErrors.InvalidInput("volume is 0 to 100.");
        if (!Themes.Contains(Theme)) return ChatErrors.InvalidInput("theme is system, light or dark.");
        if (!Densities.Contains(Density)) return ChatErrors.InvalidInput("density is comfortable or compact.");
        return null;
    }
}
