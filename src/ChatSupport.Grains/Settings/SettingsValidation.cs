using System.Globalization;
using System.Text.RegularExpressions;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;
using NodaTime;

namespace ChatSupport.Grains.Settings;

/// <summary>
/// Checks a settings draft before anything is stored. The first problem found is the answer, naming its field the
/// way the page's JSON does ("workingHours.weekly[2].end"), so the page can point at it.
/// </summary>
public static partial class SettingsValidation
{
    public static ChatError? Check(WorkspaceSettings? s)
    {
        if (s is null) return Bad("settings", "are missing.");
        return CheckGeneral(s.General) ?? CheckWorkingHours(s.WorkingHours) ?? CheckAutomated(s.AutomatedResponses) ?? CheckWidget(s.Widget, s.General.Language) ?? CheckAi(s.Ai);
    }

    private static ChatError? CheckAi(AiSettings? ai)
    {
        if (ai is null) return Bad("ai", "is missing.");
        if (double.IsNaN(ai.FirstAnswerThreshold) || ai.FirstAnswerThreshold < SettingsLimits.FirstAnswerThresholdMin || ai.FirstAnswerThreshold > SettingsLimits.FirstAnswerThresholdMax)
            return Bad("ai.firstAnswerThreshold", $"is a confidence from {SettingsLimits.FirstAnswerThresholdMin:0.00} to {SettingsLimits.FirstAnswerThresholdMax:0.00}.");
        return null;
    }

    private static ChatError? CheckGeneral(GeneralSettings? g)
    {
        if (g is null) return Bad("general", "is missing.");
        if (string.IsNullOrWhiteSpace(g.TimeZone) || DateTimeZoneProviders.Tzdb.GetZoneOrNull(g.TimeZone) is null)
            return Bad("general.timeZone", "is an IANA time zone such as Europe/Berlin or America/New_York.");
        if (g.Language is null || !SettingsLimits.Languages.Contains(g.Language)) return Bad("general.language", LanguageRule);
        return null;
    }

    private static ChatError? CheckWorkingHours(WorkingHoursSettings? w)
    {
        if (w is null) return Bad("workingHours", "is missing.");
        if (w.Weekly is null || w.Holidays is null || w.Overrides is null) return Bad("workingHours", "needs weekly, holidays and overrides (lists, possibly empty).");
        if (w.Weekly.Count > SettingsLimits.MaxIntervals) return Bad("workingHours.weekly", $"can have at most {SettingsLimits.MaxIntervals} intervals.");
        for (var i = 0; i < w.Weekly.Count; i++)
        {
            var interval = w.Weekly[i];
            var field = $"workingHours.weekly[{i}]";
            if (interval is null) return Bad(field, "is missing.");
            if (interval.Day is null || !WorkingSchedule.Days.Contains(interval.Day)) return Bad($"{field}.day", "is a weekday in English, lower case: monday … sunday.");
            if (CheckRange(field, interval.Start, interval.End) is { } bad) return bad;
        }
        foreach (var day in w.Weekly.GroupBy(i => i.Day))
            if (Overlap(day.Select(i => (i.Start, i.End)).ToList()) is { } o)
                return Bad($"workingHours.weekly[{w.Weekly.ToList().IndexOf(day.ElementAt(o))}]", $"overlaps another interval on {day.Key}.");

        if (w.Holidays.Count > SettingsLimits.MaxHolidays) return Bad("workingHours.holidays", $"can have at most {SettingsLimits.MaxHolidays} dates.");
        for (var i = 0; i < w.Holidays.Count; i++)
        {
            var field = $"workingHours.holidays[{i}]";
            if (w.Holidays[i] is not { } h) return Bad(field, "is missing.");
            if (CheckDate($"{field}.date", h.Date) is { } bad) return bad;
            if ((h.Name ?? "").Length > SettingsLimits.HolidayNameMaxLength) return Bad($"{field}.name", $"can be at most {SettingsLimits.HolidayNameMaxLength} characters.");
        }
        if (w.Holidays.GroupBy(h => h.Date).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return Bad("workingHours.holidays", $"lists {twice.Key} twice.");

        if (w.Overrides.Count > SettingsLimits.MaxOverrides) return Bad("workingHours.overrides", $"can have at most {SettingsLimits.MaxOverrides} dates.");
        for (var i = 0; i < w.Overrides.Count; i++)
        {
            var field = $"workingHours.overrides[{i}]";
            if (w.Overrides[i] is not { } o) return Bad(field, "is missing.");
            if (CheckDate($"{field}.date", o.Date) is { } bad) return bad;
            if (o.Hours is null) return Bad($"{field}.hours", "is a list of intervals (empty: closed that day).");
            if (o.Hours.Count > 10) return Bad($"{field}.hours", "can have at most 10 intervals.");
            for (var j = 0; j < o.Hours.Count; j++)
            {
                if (o.Hours[j] is not { } r) return Bad($"{field}.hours[{j}]", "is missing.");
                if (CheckRange($"{field}.hours[{j}]", r.Start, r.End) is { } badRange) return badRange;
            }
            if (Overlap(o.Hours.Select(r => (r.Start, r.End)).ToList()) is { } overlap)
                return Bad($"{field}.hours[{overlap}]", "overlaps another interval of that date.");
        }
        if (w.Overrides.GroupBy(o => o.Date).FirstOrDefault(g => g.Count() > 1) is { } again)
            return Bad("workingHours.overrides", $"lists {again.Key} twice.");
        return null;
    }

    private static ChatError? CheckAutomated(AutomatedResponses? a)
    {
        if (a is null) return Bad("automatedResponses", "is missing.");
        return CheckMessage("automatedResponses.greeting", a.Greeting) ?? CheckMessage("automatedResponses.away", a.Away)
            ?? CheckMessage("automatedResponses.stillLooking", a.StillLooking) ?? CheckMessage("automatedResponses.closing", a.Closing);
    }

    private static ChatError? CheckMessage(string field, AutomatedMessage? m)
    {
        if (m is null) return Bad(field, "is missing.");
        if (m.DelaySeconds < 0 || m.DelaySeconds > SettingsLimits.MaxDelaySeconds) return Bad($"{field}.delaySeconds", $"is 0 to {SettingsLimits.MaxDelaySeconds} seconds.");
        var text = m.Text?.Trim() ?? "";
        if (text.Length > SettingsLimits.AutomatedTextMaxLength) return Bad($"{field}.text", $"can be at most {SettingsLimits.AutomatedTextMaxLength} characters.");
        if (m.Enabled && text.Length == 0) return Bad($"{field}.text", "is needed when the message is on.");
        return null;
    }

    private static ChatError? CheckWidget(WidgetAppearance? w, string language)
    {
        if (w is null) return Bad("widget", "is missing.");
        if (w.PrimaryColor is null || !Colour().IsMatch(w.PrimaryColor)) return Bad("widget.primaryColor", "is a colour written #rrggbb, for example #1d4ed8.");
        var contrast = ContrastWithWhite(w.PrimaryColor);
        if (contrast < SettingsLimits.MinContrast)
            return Bad("widget.primaryColor", $"has a contrast of {contrast.ToString("0.00", CultureInfo.InvariantCulture)}:1 with white text; WCAG AA needs at least 4.5:1. Choose a darker colour.");
        if (w.Position is not (WidgetPositions.BottomRight or WidgetPositions.BottomLeft)) return Bad("widget.position", "is bottom_right or bottom_left.");
        if (w.OffsetX < 0 || w.OffsetX > SettingsLimits.MaxOffset) return Bad("widget.offsetX", $"is 0 to {SettingsLimits.MaxOffset} pixels.");
        if (w.OffsetY < 0 || w.OffsetY > SettingsLimits.MaxOffset) return Bad("widget.offsetY", $"is 0 to {SettingsLimits.MaxOffset} pixels.");
        if (w.PreChatFields is null || w.PreChatFields.Any(f => f is null || !SettingsLimits.PreChatFields.Contains(f)) || w.PreChatFields.Distinct().Count() != w.PreChatFields.Count)
            return Bad("widget.preChatFields", "lists each of name, email at most once.");
        if (w.Texts is null || w.Texts.Count == 0) return Bad("widget.texts", "needs the texts of at least the workspace's language.");
        foreach (var (lang, texts) in w.Texts)
        {
            if (!SettingsLimits.Languages.Contains(lang)) return Bad($"widget.texts.{Printable(lang)}", LanguageRule);
            var field = $"widget.texts.{lang}";
            if (texts is null) return Bad(field, "is missing.");
            if (CheckText($"{field}.launcherLabel", texts.LauncherLabel, SettingsLimits.LauncherLabelMaxLength, required: true) is { } a) return a;
            if (CheckText($"{field}.title", texts.Title, SettingsLimits.TitleMaxLength, required: true) is { } b) return b;
            if (CheckText($"{field}.subtitle", texts.Subtitle, SettingsLimits.SubtitleMaxLength, required: false) is { } c) return c;
            if (CheckText($"{field}.welcome", texts.Welcome, SettingsLimits.WelcomeMaxLength, required: false) is { } d) return d;
        }
        if (!w.Texts.ContainsKey(language)) return Bad("widget.texts", $"needs the texts of the workspace's language ({language}).");
        return null;
    }

    /// <summary>WCAG 2 contrast ratio of the colour with white (relative luminance 1).</summary>
    public static double ContrastWithWhite(string hex)
    {
        static double Channel(int v)
        {
            var c = v / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        var r = Convert.ToInt32(hex[1..3], 16);
        var g = Convert.ToInt32(hex[3..5], 16);
        var b = Convert.ToInt32(hex[5..7], 16);
        var luminance = 0.2126 * Channel(r) + 0.7152 * Channel(g) + 0.0722 * Channel(b);
        return 1.05 / (luminance + 0.05);
    }

    /// <summary>Trims every text and lower-cases the colour: what is stored and compared.</summary>
    public static WorkspaceSettings Normalized(WorkspaceSettings s) => s with
    {
        AutomatedResponses = new AutomatedResponses
        {
            Greeting = Trim(s.AutomatedResponses.Greeting),
            Away = Trim(s.AutomatedResponses.Away),
            StillLooking = Trim(s.AutomatedResponses.StillLooking),
            Closing = Trim(s.AutomatedResponses.Closing),
        },
        WorkingHours = s.WorkingHours with
        {
            Holidays = [.. s.WorkingHours.Holidays.Select(h => h with { Name = (h.Name ?? "").Trim() }).OrderBy(h => h.Date, StringComparer.Ordinal)],
            Overrides = [.. s.WorkingHours.Overrides.OrderBy(o => o.Date, StringComparer.Ordinal)],
        },
        Widget = s.Widget with
        {
            PrimaryColor = s.Widget.PrimaryColor.ToLowerInvariant(),
            Texts = s.Widget.Texts.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => new WidgetTexts
            {
                LauncherLabel = t.Value.LauncherLabel.Trim(),
                Title = t.Value.Title.Trim(),
                Subtitle = (t.Value.Subtitle ?? "").Trim(),
                Welcome = (t.Value.Welcome ?? "").Trim(),
            }),
        },
    };

    private static AutomatedMessage Trim(AutomatedMessage m) => m with { Text = m.Text?.Trim() ?? "" };

    private static ChatError? CheckText(string field, string? text, int max, bool required)
    {
        var trimmed = text?.Trim() ?? "";
        if (required && trimmed.Length == 0) return Bad(field, "is needed.");
        if (trimmed.Length > max) return Bad(field, $"can be at most {max} characters.");
        if (trimmed.Any(c => char.IsControl(c) && c is not '\n')) return Bad(field, "can hold no control characters.");
        return null;
    }

    private static ChatError? CheckRange(string field, string? start, string? end)
    {
        var from = WorkingSchedule.ParseTime(start);
        if (from is null) return Bad($"{field}.start", "is a time written HH:mm, for example 09:00.");
        var to = end == "24:00" ? LocalTime.MaxValue : WorkingSchedule.ParseTime(end);
        if (to is null) return Bad($"{field}.end", "is a time written HH:mm (24:00 for midnight at the end of the day).");
        if (to <= from) return Bad($"{field}.end", $"must come after the start ({start}); split an interval past midnight into two days.");
        return null;
    }

    private static ChatError? CheckDate(string field, string? text)
    {
        if (text is null || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Bad(field, "is a date written yyyy-MM-dd.");
        if (date.Year < SettingsLimits.MinYear || date.Year > SettingsLimits.MaxYear)
            return Bad(field, $"must fall in {SettingsLimits.MinYear}–{SettingsLimits.MaxYear}.");
        return null;
    }

    /// <summary>The index of the first interval that overlaps an earlier one (touching ends do not overlap), or null.</summary>
    private static int? Overlap(List<(string Start, string End)> ranges)
    {
        for (var i = 0; i < ranges.Count; i++)
            for (var j = 0; j < i; j++)
                if (string.CompareOrdinal(ranges[i].Start, ranges[j].End) < 0 && string.CompareOrdinal(ranges[j].Start, ranges[i].End) < 0)
                    return i;
        return null;
    }

    private const string LanguageRule = "is one of en, de, fr, es, it, nl, pt, sv, da, pl.";

    private static string Printable(string s) => s.Length <= 16 && s.All(char.IsAsciiLetterOrDigit) ? s : "(unknown)";

    private static ChatError Bad(string field, string rule) => ChatErrors.InvalidInput($"{field} {rule} Nothing was saved.");

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Colour();
}
