namespace ChatSupport.Contracts.Settings;

/// <summary>
/// The workspace's settings (the Settings page), one versioned document per tenant: every saved change moves
/// <see cref="Version"/> on by one. Times are local times of <see cref="GeneralSettings.TimeZone"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WorkspaceSettings
{
    [Id(0)] public long Version { get; init; }
    [Id(1)] public GeneralSettings General { get; init; } = new();
    [Id(2)] public WorkingHoursSettings WorkingHours { get; init; } = new();
    [Id(3)] public AutomatedResponses AutomatedResponses { get; init; } = new();
    [Id(4)] public WidgetAppearance Widget { get; init; } = new();
    [Id(5)] public DateTimeOffset? UpdatedAt { get; init; }
    [Id(6)] public string? UpdatedBy { get; init; }
    /// <summary>The AI's automatic first answer and generative rewrite (ids from 100: issue 23's range).</summary>
    [Id(100)] public AiSettings Ai { get; init; } = new();
}

/// <summary>
/// The AI settings: the automatic first answer, off by default. When on, a waiting chat whose visitor asks something the
/// knowledge answers with a confidence above <see cref="FirstAnswerThreshold"/> gets the best suggestion as an automatic
/// message (labelled, with its source), and a "Talk to a person" button that keeps the visitor's place in the queue.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AiSettings
{
    [Id(0)] public bool FirstAnswer { get; init; }
    /// <summary>A calibrated probability, <see cref="SettingsLimits.FirstAnswerThresholdMin"/>–<see cref="SettingsLimits.FirstAnswerThresholdMax"/>.</summary>
    [Id(1)] public double FirstAnswerThreshold { get; init; } = 0.85;
}

[GenerateSerializer, Immutable]
public sealed record GeneralSettings
{
    /// <summary>An IANA zone ("Europe/Berlin"): working hours, holidays and overrides are read in it.</summary>
    [Id(0)] public string TimeZone { get; init; } = "UTC";
    /// <summary>The workspace's language (<see cref="SettingsLimits.Languages"/>): the widget's texts when the visitor's is not there.</summary>
    [Id(1)] public string Language { get; init; } = "en";
}

/// <summary>
/// When the team answers. Off: always open. On: open only inside <see cref="Weekly"/> intervals, except on
/// <see cref="Holidays"/> (closed all day) and dates with an <see cref="Overrides"/> entry (its hours instead).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WorkingHoursSettings
{
    [Id(0)] public bool Enabled { get; init; }
    /// <summary>Any number of intervals a day; a day without one is closed.</summary>
    [Id(1)] public IReadOnlyList<WeeklyInterval> Weekly { get; init; } = [];
    [Id(2)] public IReadOnlyList<Holiday> Holidays { get; init; } = [];
    [Id(3)] public IReadOnlyList<DateOverride> Overrides { get; init; } = [];
}

/// <summary>Open on <see cref="Day"/> ("monday"…"sunday") from <see cref="Start"/> to <see cref="End"/> ("HH:mm"; End may be "24:00").</summary>
[GenerateSerializer, Immutable]
public sealed record WeeklyInterval([property: Id(0)] string Day, [property: Id(1)] string Start, [property: Id(2)] string End);

/// <summary>Closed all day on <see cref="Date"/> ("yyyy-MM-dd", 2000–2100).</summary>
[GenerateSerializer, Immutable]
public sealed record Holiday([property: Id(0)] string Date, [property: Id(1)] string Name);

/// <summary>One date's own hours instead of the weekly ones; no intervals means closed that day.</summary>
[GenerateSerializer, Immutable]
public sealed record DateOverride([property: Id(0)] string Date, [property: Id(1)] IReadOnlyList<TimeRange> Hours);

[GenerateSerializer, Immutable]
public sealed record TimeRange([property: Id(0)] string Start, [property: Id(1)] string End);

/// <summary>Messages the chat sends by itself: stored as system messages, never an agent's reply.</summary>
[GenerateSerializer, Immutable]
public sealed record AutomatedResponses
{
    /// <summary>When a chat starts.</summary>
    [Id(0)] public AutomatedMessage Greeting { get; init; } = new() { Text = "Thanks for reaching out! Someone will be with you shortly." };
    /// <summary>When a chat starts outside working hours (once per closed period).</summary>
    [Id(1)] public AutomatedMessage Away { get; init; } = new() { Text = "We're away right now. Leave your message and we'll get back to you." };
    /// <summary>After <see cref="AutomatedMessage.DelaySeconds"/> in the queue; "{position}" becomes the visitor's place.</summary>
    [Id(2)] public AutomatedMessage StillLooking { get; init; } = new() { DelaySeconds = 120, Text = "Still looking for someone for you: you are number {position} in the queue." };
    /// <summary>When an agent resolves the chat, before the rating prompt.</summary>
    [Id(3)] public AutomatedMessage Closing { get; init; } = new() { Text = "Thanks for chatting with us!" };
}

[GenerateSerializer, Immutable]
public sealed record AutomatedMessage
{
    [Id(0)] public bool Enabled { get; init; }
    [Id(1)] public int DelaySeconds { get; init; }
    [Id(2)] public string Text { get; init; } = "";
}

/// <summary>How the widget looks. Colours are "#rrggbb"; texts are plain text (never markup).</summary>
[GenerateSerializer, Immutable]
public sealed record WidgetAppearance
{
    /// <summary>Behind white text: at least 4.5:1 contrast (WCAG AA).</summary>
    [Id(0)] public string PrimaryColor { get; init; } = "#1d4ed8";
    /// <summary><see cref="WidgetPositions.BottomRight"/> or <see cref="WidgetPositions.BottomLeft"/>.</summary>
    [Id(1)] public string Position { get; init; } = WidgetPositions.BottomRight;
    /// <summary>Pixels from the side and the bottom of the page.</summary>
    [Id(2)] public int OffsetX { get; init; } = 20;
    [Id(3)] public int OffsetY { get; init; } = 20;
    [Id(4)] public bool ShowAgentNames { get; init; } = true;
    [Id(5)] public bool PreChatForm { get; init; }
    /// <summary>The pre-chat form's fields, of <see cref="SettingsLimits.PreChatFields"/>.</summary>
    [Id(6)] public IReadOnlyList<string> PreChatFields { get; init; } = ["name", "email"];
    /// <summary>By language code; the workspace's language must be there. The widget picks the browser's language.</summary>
    [Id(7)] public Dictionary<string, WidgetTexts> Texts { get; init; } = new Dictionary<string, WidgetTexts> { ["en"] = new() };
}

public static class WidgetPositions
{
    public const string BottomRight = "bottom_right";
    public const string BottomLeft = "bottom_left";
}

[GenerateSerializer, Immutable]
public sealed record WidgetTexts
{
    [Id(0)] public string LauncherLabel { get; init; } = "Chat with us";
    [Id(1)] public string Title { get; init; } = "Chat with us";
    [Id(2)] public string Subtitle { get; init; } = "We usually reply in a few minutes.";
    [Id(3)] public string Welcome { get; init; } = "Hi! How can we help?";
}

public static class SettingsLimits
{
    /// <summary>The languages the widget has texts for; anything else is an unknown language.</summary>
    public static readonly IReadOnlySet<string> Languages = new HashSet<string>(StringComparer.Ordinal) { "en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "pl" };
    public static readonly IReadOnlySet<string> PreChatFields = new HashSet<string>(StringComparer.Ordinal) { "name", "email" };
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int MaxIntervals = 70;
    public const int MaxHolidays = 400;
    public const int MaxOverrides = 400;
    public const int HolidayNameMaxLength = 100;
    public const int LauncherLabelMaxLength = 30;
    public const int TitleMaxLength = 60;
    public const int SubtitleMaxLength = 120;
    public const int WelcomeMaxLength = 500;
    public const int AutomatedTextMaxLength = 1_000;
    public const int MaxDelaySeconds = 3_600;
    public const int MaxOffset = 200;
    public const double MinContrast = 4.5;
    /// <summary>Never under the panel's own threshold (0.5): an automatic answer is at least as sure as a shown suggestion.</summary>
    public const double FirstAnswerThresholdMin = 0.5;
    public const double FirstAnswerThresholdMax = 0.99;
}
