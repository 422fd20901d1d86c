using System.Text.RegularExpressions;
using ChatSupport.Contracts.Knowledge;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.AI;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// With a generative model configured (the host's local fake; retrieval and embeddings are the real ones): the mini chat
/// shows the model's drafted reply, labelled with its sources, above the retrieved suggestions; the agent puts it into the
/// composer, edits and sends it; the Analytics view then counts that suggestion as shown and edited for the agent.
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class DraftedReplyTests(WidgetHost host)
{
    private const string Widget = "#chatsupport-widget";
    private const string Drafted = "Drafted for you: unworn items go back free within 30 days.";

    [Fact]
    public async Task The_agent_edits_and_sends_the_drafted_reply_and_Analytics_counts_it_as_an_edited_suggestion()
    {
        await using (var admin = await host.AgentAsync())
            await admin.InvokeAsync<int>("ImportArticles", "json", SuggestionsTests.ImportJson(SuggestionsTests.Articles));
        // The collection's tests share the tenant and its counts: this test's are on top of what is there.
        var editedBefore = await AlexTodayAsync(s => s.Edited);
        var shownBefore = await AlexTodayAsync(s => s.Shown);
        host.Model.Answer = (_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Drafted)));
        var (alexContext, alex) = await host.DashboardAsync(WidgetHost.AgentUser, 1280, 720, bypassCsp: true);
        var (visitorContext, visitor) = await host.VisitorAsync("prechat.html");
        try
        {
            await SuggestionsTests.AskAsync(visitor, "Rui", "These boots are too small, how do I return them?");

            await alex.GetByRole(AriaRole.Button, new() { Name = "Assign to Me: Rui" }).ClickAsync();
            var chat = alex.Locator(".mini-chat", new() { Has = alex.GetByText("These boots are too small") });
            var panel = chat.GetByRole(AriaRole.Complementary, new() { Name = "AI suggestions" });

            // The draft, labelled as drafted with the sources it was written from, above the retrieved suggestions.
            var draft = panel.GetByRole(AriaRole.Region, new() { Name = "Drafted reply" });
            await Expect(draft).ToContainTextAsync(Drafted);
            await Expect(draft.Locator(".suggestion-draft-label")).ToHaveTextAsync(new Regex(@"^Drafted from [1-3] sources?$"));
            var sources = draft.GetByRole(AriaRole.List, new() { Name = "Sources of the drafted reply" }).Locator("li");
            await Expect(sources.First).ToHaveTextAsync("How to return an item");
            var count = await sources.CountAsync();
            await Expect(draft.Locator(".suggestion-draft-label")).ToHaveTextAsync($"Drafted from {count} source{(count == 1 ? "" : "s")}");
            await Expect(panel.Locator(".suggestion-list > li").First).ToBeVisibleAsync();
            (await panel.EvaluateAsync<bool>("p => !!(p.querySelector('.suggestion-draft').compareDocumentPosition(p.querySelector('.suggestion-list')) & Node.DOCUMENT_POSITION_FOLLOWING)"))
                .Should().BeTrue("the draft comes before the retrieved suggestions");
            (await Axe.SeriousViolationsAsync(alex)).Should().BeEmpty("axe-core finds no serious violation with the draft shown");
            await Expect(visitor.Locator($"{Widget} .msg.agent")).ToHaveCountAsync(0);

            // One click fills the composer; nothing is sent until the agent sends it, edited.
            await draft.GetByRole(AriaRole.Button).ClickAsync();
            var reply = chat.GetByRole(AriaRole.Textbox, new() { Name = "Reply" });
            await Expect(reply).ToHaveValueAsync(Drafted);
            await Expect(visitor.Locator($"{Widget} .msg.agent")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
            await reply.PressAsync("End");
            await reply.PressSequentiallyAsync(" Anything else, Rui?");
            await reply.PressAsync("Enter");
            await Expect(visitor.Locator($"{Widget} .msg.agent .bubble").Last).ToHaveTextAsync($"{Drafted} Anything else, Rui?");

            // Analytics, today: the suggestion shown and edited, in the cards and in Alex's row.
            await Eventually.GetAsync(() => AlexTodayAsync(s => s.Edited), n => n == editedBefore + 1, what: "the edited draft counted");
            await alex.Locator("nav button[data-view=analytics]").ClickAsync();
            var view = alex.Locator("section.view-analytics");
            await alex.EvaluateAsync("h => { location.hash = h; }", "#analytics?range=today&groupBy=hour");
            await view.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            var row = view.Locator($"table.ai-agents-table tr[data-agent={WidgetHost.AgentUser}]");
            await Expect(row.Locator("th")).ToHaveTextAsync(WidgetHost.AgentName);
            await Expect(row.Locator("td.edited")).ToHaveTextAsync((editedBefore + 1).ToString());
            int.Parse((await row.Locator("td.shown").TextContentAsync())!).Should().BeGreaterThanOrEqualTo(Math.Max(1, shownBefore + 1));
            await Expect(view.Locator("[data-metric=ai-edited] .value")).ToHaveTextAsync(new Regex(@"^[1-9]\d*$"));
            await Expect(view.Locator("[data-metric=ai-useRate] .value")).ToContainTextAsync("%");
            await Expect(view.Locator("[data-metric=ai-handedOff]")).ToContainTextAsync("Talk to a person");
            (await Axe.SeriousViolationsAsync(alex)).Should().BeEmpty("axe-core finds no serious violation on the Analytics view with its AI section");
        }
        finally
        {
            host.Model.Answer = (_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "")));
            await alexContext.CloseAsync();
            await visitorContext.CloseAsync();
            await SuggestionsTests.ClearKnowledgeAsync(host);
        }
    }

    /// <summary>One of Alex's suggestion counts today (UTC), as the hub reports it.</summary>
    private async Task<int> AlexTodayAsync(Func<SuggestionStats, int> figure)
    {
        await using var reader = await host.AgentAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var stats = await reader.InvokeAsync<List<SuggestionStats>>("GetSuggestionStats");
        return stats.Where(s => s.AgentId == WidgetHost.AgentUser && s.Day == today).Sum(figure);
    }
}
