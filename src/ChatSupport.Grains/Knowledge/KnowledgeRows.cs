using Azure.Data.Tables;
using ChatSupport.Contracts.Knowledge;

namespace ChatSupport.Grains.Knowledge;

/// <summary>
/// The Knowledge table's rows: partition = tenant, row "a|id" for an article and "l|id" for a learned answer, each
/// with its embeddings (float32, little-endian, 384 per vector) so that an activation rebuilds the index without the model.
/// </summary>
internal static class KnowledgeRows
{
    public const string ArticlePrefix = "a|";
    public const string LearnedPrefix = "l|";
    /// <summary>"s|2026-12-02|alex": one agent's suggestion counts of one day.</summary>
    public const string StatsPrefix = "s|";

    public const string AutomaticPrefix = "u|";

    /// <summary>
    /// What a stats row has counted already (questions for an agent's row, sessions for the automatic answers' row), one a
    /// line: a retried report finds its key and counts nothing. A day's keys stay far under a property's 64 KiB.
    /// </summary>
    public static HashSet<string> Counted(TableEntity e) =>
        (e.GetString("Counted") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    public static TableEntity Of(string tenantId, AutomaticAnswerStats s, IEnumerable<string> counted) => new(tenantId, $"{AutomaticPrefix}{s.Day:yyyy-MM-dd}")
    {
        ["Day"] = s.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Sent"] = s.Sent,
        ["HandedOff"] = s.HandedOff,
        ["Counted"] = string.Join('\n', counted),
    };

    public static AutomaticAnswerStats Automatic(TableEntity e) => new()
    {
        Day = DateOnly.ParseExact(e.GetString("Day") ?? "2000-01-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Sent = e.GetInt32("Sent") ?? 0,
        HandedOff = e.GetInt32("HandedOff") ?? 0,
    };

    public static TableEntity Of(string tenantId, SuggestionStats s, IEnumerable<string> counted) => new(tenantId, $"{StatsPrefix}{s.Day:yyyy-MM-dd}|{s.AgentId}")
    {
        ["Counted"] = string.Join('\n', counted),
        ["Day"] = s.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["AgentId"] = s.AgentId,
        ["Shown"] = s.Shown,
        ["Used"] = s.Used,
        ["Edited"] = s.Edited,
        ["Ignored"] = s.Ignored,
    };

    public static SuggestionStats Stats(TableEntity e) => new()
    {
        Day = DateOnly.ParseExact(e.GetString("Day") ?? "2000-01-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        AgentId = e.GetString("AgentId") ?? "",
        Shown = e.GetInt32("Shown") ?? 0,
        Used = e.GetInt32("Used") ?? 0,
        Edited = e.GetInt32("Edited") ?? 0,
        Ignored = e.GetInt32("Ignored") ?? 0,
    };

    public static TableEntity Of(string tenantId, KnowledgeArticle a, float[][] vectors) => new(tenantId, ArticlePrefix + a.Id)
    {
        ["Title"] = a.Title,
        ["Body"] = a.Body,
        ["Tags"] = string.Join('\n', a.Tags),
        ["UpdatedAt"] = a.UpdatedAt,
        ["Vectors"] = Pack(vectors),
    };

    public static TableEntity Of(string tenantId, LearnedAnswer l, float[][] vectors) => new(tenantId, LearnedPrefix + l.Id)
    {
        ["Question"] = l.Question,
        ["Answer"] = l.Answer,
        ["SessionId"] = l.SessionId,
        ["ChatDate"] = l.ChatDate,
        ["Status"] = l.Status.ToString(),
        ["Vectors"] = Pack(vectors),
    };

    public static KnowledgeArticle Article(TableEntity e) => new()
    {
        Id = e.RowKey[ArticlePrefix.Length..],
        Title = e.GetString("Title") ?? "",
        Body = e.GetString("Body") ?? "",
        Tags = (e.GetString("Tags") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries),
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
    };

    public static LearnedAnswer Learned(TableEntity e) => new()
    {
        Id = e.RowKey[LearnedPrefix.Length..],
        Question = e.GetString("Question") ?? "",
        Answer = e.GetString("Answer") ?? "",
        SessionId = e.GetString("SessionId") ?? "",
        ChatDate = e.GetDateTimeOffset("ChatDate") ?? DateTimeOffset.MinValue,
        Status = Enum.TryParse<LearnedAnswerStatus>(e.GetString("Status"), out var s) ? s : LearnedAnswerStatus.Candidate,
    };

    public static float[][] Vectors(TableEntity e, int dimensions)
    {
        var bytes = e.GetBinary("Vectors");
        if (bytes is null || bytes.Length == 0 || bytes.Length % (dimensions * 4) != 0) return [];
        var floats = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, floats, 0, bytes.Length);
        return floats.Chunk(dimensions).ToArray();
    }

    private static byte[] Pack(float[][] vectors)
    {
        var all = vectors.SelectMany(v => v).ToArray();
        var bytes = new byte[all.Length * 4];
        Buffer.BlockCopy(all, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
