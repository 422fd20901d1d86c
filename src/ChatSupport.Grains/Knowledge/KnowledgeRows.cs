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
