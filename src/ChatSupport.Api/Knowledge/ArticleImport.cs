using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatSupport.Contracts.Knowledge;
using ChatSupport.Contracts.Sessions;
using global::CsvHelper;

namespace ChatSupport.Api.Knowledge;

/// <summary>
/// Reads an import of articles: JSON (an array of objects with title, body and tags) or CSV (a header row with the
/// columns title, body and tags; tags separated by ';'). Every row is checked before anything is stored; the first bad
/// one is the answer, with its line: "Line 7: a title is at most 200 characters." Nothing of a bad file is imported.
/// </summary>
public static class ArticleImport
{
    public static ChatResult<IReadOnlyList<ArticleDraft>> Read(string? format, string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return ChatErrors.InvalidInput("The file is empty.");
        var read = (format ?? "").Trim().ToLowerInvariant() switch
        {
            "json" => ReadJson(content),
            "csv" => ReadCsv(content),
            _ => ChatErrors.InvalidInput("An import is json or csv."),
        };
        if (read.Error is { } error) return error;
        var drafts = read.Value!;
        if (drafts.Count is 0 or > KnowledgeLimits.ImportMax)
            return ChatErrors.InvalidInput($"An import holds 1 to {KnowledgeLimits.ImportMax} articles; this one has {drafts.Count}.");
        return ChatResult<IReadOnlyList<ArticleDraft>>.Ok(drafts.Select(d => d.Draft).ToList());
    }

    private static ChatResult<IReadOnlyList<(int Line, ArticleDraft Draft)>> ReadJson(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var drafts = new List<(int, ArticleDraft)>();
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return ChatErrors.InvalidInput("Line 1: a JSON import is an array of articles.");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = LineAt(bytes, (int)reader.TokenStartIndex);
                if (reader.TokenType != JsonTokenType.StartObject) return ChatErrors.InvalidInput($"Line {line}: each article is an object with title, body and tags.");
                using var article = JsonDocument.ParseValue(ref reader);
                var root = article.RootElement;
                var draft = new ArticleDraft
                {
                    Title = Text(root, "title"),
                    Body = Text(root, "body"),
                    Tags = root.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                        ? tags.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() ?? "" : "").ToList()
                        : [],
                };
                if (KnowledgeLimits.Check(draft) is { } bad) return ChatErrors.InvalidInput($"Line {line}: {bad}");
                drafts.Add((line, draft));
            }
        }
        catch (JsonException e)
        {
            return ChatErrors.InvalidInput($"Line {(e.LineNumber ?? 0) + 1}: not valid JSON.");
        }
        return ChatResult<IReadOnlyList<(int Line, ArticleDraft Draft)>>.Ok(drafts);
    }

    private static ChatResult<IReadOnlyList<(int Line, ArticleDraft Draft)>> ReadCsv(string content)
    {
        var drafts = new List<(int, ArticleDraft)>();
        try
        {
            using var csv = CsvReader.Create(Encoding.UTF8.GetBytes(content), new CsvReaderOptions { TrackLineNumbers = true });
            var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            if (!header.Contains("title") || !header.Contains("body"))
                return ChatErrors.InvalidInput("Line 1: the header needs the columns title and body (and tags, optional).");
            string Field(string name) => header.IndexOf(name) is var i and >= 0 && i < csv.FieldCount ? csv.GetString(i) : "";
            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                var draft = new ArticleDraft
                {
                    Title = Field("title"),
                    Body = Field("body"),
                    Tags = Field("tags").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                };
                if (KnowledgeLimits.Check(draft) is { } bad) return ChatErrors.InvalidInput($"Line {line}: {bad}");
                drafts.Add((line, draft));
            }
        }
        catch (CsvFormatException e)
        {
            return ChatErrors.InvalidInput($"Not valid CSV: {e.Message}");
        }
        return ChatResult<IReadOnlyList<(int Line, ArticleDraft Draft)>>.Ok(drafts);
    }

    private static string Text(JsonElement article, string name) =>
        article.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static int LineAt(byte[] bytes, int index) => 1 + bytes.AsSpan(0, index).Count((byte)'\n');
}
