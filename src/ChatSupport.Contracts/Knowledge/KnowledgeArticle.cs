namespace ChatSupport.Contracts.Knowledge;

/// <summary>A help-centre article of the tenant's Knowledge page: the body is Markdown (shown rendered, raw HTML as text).</summary>
[GenerateSerializer, Immutable]
public sealed record KnowledgeArticle
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public required string Body { get; init; }
    [Id(3)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(4)] public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>The body rendered for the Knowledge page (safe HTML); set by the Api node when it answers, never stored.</summary>
    [Id(5)] public string? BodyHtml { get; init; }
}

/// <summary>An article as written or imported, before it has an id: what <c>SaveArticle</c> and an import's rows carry.</summary>
[GenerateSerializer, Immutable]
public sealed record ArticleDraft
{
    [Id(0)] public required string Title { get; init; }
    [Id(1)] public required string Body { get; init; }
    [Id(2)] public IReadOnlyList<string> Tags { get; init; } = [];
}

public static class KnowledgeLimits
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 20_000;
    public const int TagsMax = 10;
    public const int TagMaxLength = 40;
    public const int ArticlesMax = 5_000;
    /// <summary>One import is one table transaction (at most 100 rows and 4 MB), so it lands whole or not at all.</summary>
    public const int ImportMax = 50;
    public const int QuestionMaxLength = 1_000;

    /// <summary>Null when the article may be stored; else why not (the import adds the line it came from).</summary>
    public static string? Check(ArticleDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Title)) return "An article needs a title.";
        if (draft.Title.Trim().Length > TitleMaxLength) return $"A title is at most {TitleMaxLength} characters.";
        if (string.IsNullOrWhiteSpace(draft.Body)) return "An article needs a body.";
        if (draft.Body.Length > BodyMaxLength) return $"A body is at most {BodyMaxLength:N0} characters.";
        if (draft.Tags.Count > TagsMax) return $"An article has at most {TagsMax} tags.";
        if (draft.Tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > TagMaxLength)) return $"A tag is 1–{TagMaxLength} characters.";
        return null;
    }
}
