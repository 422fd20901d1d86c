using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChatSupport.Knowledge.Retrieval;

/// <summary>An article's Markdown as words to index and embed: markup is noise to BM25 and to the model alike.</summary>
public static class ArticleText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static string Plain(string markdown) =>
        string.Join(' ', Markdown.ToPlainText(markdown, Pipeline).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace("|", " ");

    /// <summary>
    /// The article as HTML for the Knowledge page, safe to insert: raw HTML in the Markdown is shown as text, never run
    /// (DisableHtml), and a link or image whose address is not http, https, mailto or a path on this site (a
    /// <c>javascript:</c> or <c>data:</c> URL) loses its address and stays as its text.
    /// </summary>
    public static string Html(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!IsSafeUrl(link.Url)) link.Url = "";
        foreach (var autolink in document.Descendants<AutolinkInline>())
            if (!autolink.IsEmail && !IsSafeUrl(autolink.Url)) autolink.Url = "";
        return document.ToHtml(Pipeline);
    }

    private static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var trimmed = url.Trim();
        if (trimmed.StartsWith('/') || trimmed.StartsWith('#')) return !trimmed.StartsWith("//", StringComparison.Ordinal);
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
    }
}
