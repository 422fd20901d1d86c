using ChatSupport.Contracts.Knowledge;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Knowledge;

/// <summary>Empty or over-long articles, malformed imports and unknown ids are invalid_input with a sentence, and change nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class KnowledgeBadInputTests(ApiHostFixture f)
{
    [Fact]
    public async Task Empty_or_over_long_articles_are_refused_and_nothing_is_stored()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");

        (await RefusalAsync(alex, "SaveArticle", null, "  ", "A body", null)).Should().Be("invalid_input: An article needs a title.");
        (await RefusalAsync(alex, "SaveArticle", null, new string('t', 201), "A body", null)).Should().Contain("at most 200 characters");
        (await RefusalAsync(alex, "SaveArticle", null, "Title", "", null)).Should().Be("invalid_input: An article needs a body.");
        (await RefusalAsync(alex, "SaveArticle", null, "Title", new string('b', 20_001), null)).Should().Contain("at most 20,000 characters");
        (await RefusalAsync(alex, "SaveArticle", "no-such-article", "Title", "Body", null)).Should().StartWith("invalid_input: No article has that id");
        (await RefusalAsync(alex, "DeleteArticle", "no-such-article")).Should().StartWith("invalid_input");
        (await RefusalAsync(alex, "ApproveLearnedAnswer", "no-such-candidate")).Should().StartWith("invalid_input: No learned answer has that id");
        (await RefusalAsync(alex, "DiscardLearnedAnswer", "no-such-candidate")).Should().StartWith("invalid_input");

        (await alex.Connection.InvokeAsync<IReadOnlyList<KnowledgeArticle>>("GetArticles")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_malformed_import_names_its_line_and_imports_nothing()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        var badCsv = "title,body,tags\nReturns,You can return items within 30 days.,returns\n\"Refunds\",,payments\n";
        var badJson = "[\n  {\"title\": \"Returns\", \"body\": \"Within 30 days.\"},\n  {\"title\": \"\", \"body\": \"No title\"}\n]";

        (await RefusalAsync(alex, "ImportArticles", "csv", badCsv)).Should().Be("invalid_input: Line 3: An article needs a body.");
        (await RefusalAsync(alex, "ImportArticles", "json", badJson)).Should().Be("invalid_input: Line 3: An article needs a title.");
        (await RefusalAsync(alex, "ImportArticles", "json", "[{\"title\": \"Returns\",")).Should().StartWith("invalid_input: Line 1: not valid JSON");
        (await RefusalAsync(alex, "ImportArticles", "xml", "<a/>")).Should().StartWith("invalid_input");
        (await alex.Connection.InvokeAsync<IReadOnlyList<KnowledgeArticle>>("GetArticles")).Should().BeEmpty("a bad file imports nothing, not even its good rows");

        var goodCsv = "title,body,tags\nReturns,\"You can return items within 30 days, free.\",returns;policy\n";
        (await alex.Connection.InvokeAsync<int>("ImportArticles", "csv", goodCsv)).Should().Be(1);
        var imported = (await alex.Connection.InvokeAsync<IReadOnlyList<KnowledgeArticle>>("GetArticles")).Single();
        imported.Body.Should().Be("You can return items within 30 days, free.");
        imported.Tags.Should().Equal("returns", "policy");
    }

    private static async Task<string> RefusalAsync(AgentParticipant agent, string method, params object?[] args)
    {
        var thrown = await agent.Connection.Invoking(c => c.InvokeCoreAsync<object>(method, args)).Should().ThrowAsync<HubException>();
        var message = thrown.Which.Message;
        return message[(message.LastIndexOf("HubException: ", StringComparison.Ordinal) + "HubException: ".Length)..];
    }
}
