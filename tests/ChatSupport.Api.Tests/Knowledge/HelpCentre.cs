using System.Text.Json;
using ChatSupport.Testing;

namespace ChatSupport.Api.Tests.Knowledge;

/// <summary>Articles of the evaluation set's shop (bench/ChatSupport.Bench.Ai/Evaluation), as a JSON import.</summary>
public static class HelpCentre
{
    private static readonly JsonElement[] All = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(RepoPaths.Root, "bench", "ChatSupport.Bench.Ai", "Evaluation", "articles.json"))).RootElement.EnumerateArray().ToArray();

    public static string Title(string id) => Article(id).GetProperty("title").GetString()!;

    /// <summary>The named articles as an import file: title, body and tags only, as a team would write it.</summary>
    public static string ImportJson(params string[] ids) => JsonSerializer.Serialize(ids.Select(Article).Select(a => new
    {
        title = a.GetProperty("title").GetString(),
        body = a.GetProperty("body").GetString(),
        tags = a.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray(),
    }));

    private static JsonElement Article(string id) => All.Single(a => a.GetProperty("id").GetString() == id);
}
