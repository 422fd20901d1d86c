using ChatSupport.Contracts.Knowledge;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Knowledge;

/// <summary>
/// The Knowledge page shows an article's Markdown rendered, safely: formatting and ordinary links become HTML, while raw
/// HTML is shown as text and a javascript: link loses its address (docs/protocol.md, GetArticles).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ArticleMarkdownTests(ApiHostFixture f)
{
    [Fact]
    public async Task An_articles_markdown_reaches_the_page_as_html_with_no_script_and_no_unsafe_link()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        const string body = "**Returns** are free within 30 days.\n\n- Print the label\n- Drop it at a [post office](https://example.com/post)\n\n" +
                            "<script>alert('x')</script> <img src=x onerror=alert(1)> [click me](javascript:alert(1))";
        await alex.Connection.InvokeAsync<KnowledgeArticle>("SaveArticle", null, "Returns", body, new[] { "returns" });

        var html = (await alex.Connection.InvokeAsync<IReadOnlyList<KnowledgeArticle>>("GetArticles")).Single().BodyHtml;

        html.Should().Contain("<strong>Returns</strong>").And.Contain("<li>Print the label</li>")
            .And.Contain("<a href=\"https://example.com/post\">post office</a>");
        html.Should().NotContain("<script").And.NotContain("<img").And.NotContain("javascript:", "raw HTML is text and the unsafe address is gone");
        html.Should().Contain("&lt;script&gt;", "the raw HTML is shown as text").And.Contain(">click me</a>");
    }
}
