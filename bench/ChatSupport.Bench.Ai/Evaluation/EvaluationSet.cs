using System.Text.Json;

namespace ChatSupport.Bench.Ai.Evaluation;

public sealed record Article(string Id, string Title, string Body, IReadOnlyList<string> Tags);

/// <summary>A visitor's question and the article that answers it (null: none does).</summary>
public sealed record LabelledQuestion(string Text, string? Answer, string Kind);

/// <summary>
/// The labelled set in this folder: a shop's help-centre articles and visitors' questions (paraphrases, typos, other
/// languages, and questions nothing answers). The halves alternate question by question, so both hold every article
/// and every kind: even-numbered questions calibrate, odd-numbered ones test.
/// </summary>
public sealed record EvaluationSet(IReadOnlyList<Article> Articles, IReadOnlyList<LabelledQuestion> Calibration, IReadOnlyList<LabelledQuestion> Test)
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Evaluation");

    public static EvaluationSet Load(string? folder = null)
    {
        folder ??= Folder;
        var articles = JsonSerializer.Deserialize<List<Article>>(File.ReadAllText(Path.Combine(folder, "articles.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true }) ?? [];
        var ids = articles.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var questions = File.ReadLines(Path.Combine(folder, "questions.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(f => new LabelledQuestion(f[2], f[0] == "none" ? null : f[0], f[1]))
            .ToList();
        var unknown = questions.FirstOrDefault(q => q.Answer is { } a && !ids.Contains(a));
        if (unknown is not null) throw new InvalidDataException($"Question '{unknown.Text}' names an unknown article '{unknown.Answer}'.");
        return new EvaluationSet(articles, questions.Where((_, i) => i % 2 == 0).ToList(), questions.Where((_, i) => i % 2 == 1).ToList());
    }
}
