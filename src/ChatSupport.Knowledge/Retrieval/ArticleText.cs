using Markdig;

namespace ChatSupport.Knowledge.Retrieval;

/// <summary>An article's Markdown as words to index and embed: markup is noise to BM25 and to the model alike.</summary>
public static class ArticleText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static string Plain(string markdown) =>
        string.Join(' ', Markdown.ToPlainText(markdown, Pipeline).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace("|", " ");

    /// <summary>The article as HTML for the Knowledge page: raw HTML in the Markdown is shown as text, never run.</summary>
    public static string Html(string markdown) => Markdown.ToHtml(markdown, Pipeline);
}
