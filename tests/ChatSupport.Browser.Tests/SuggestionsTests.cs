using System.Text.Json;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>The mini chat's AI suggestions in Chromium, from articles of the evaluation set's shop, with the real model.</summary>
[Collection(WidgetCollection.Name)]
public sealed class SuggestionsTests(WidgetHost host)
{
    private const string Widget = "#chatsupport-widget";
    internal static readonly string[] Articles = ["returns-policy", "delivery-times", "payment-methods", "gift-cards", "password-reset"];

    [Fact]
    public async Task The_agent_sees_three_suggestions_with_sources_and_confidences_clicks_one_edits_and_sends_it()
    {
        await using (var admin = await host.AgentAsync())
            await admin.InvokeAsync<int>("ImportArticles", "json", ImportJson(Articles));
        var (alexContext, alex) = await host.DashboardAsync(WidgetHost.AgentUser);
        var (visitorContext, visitor) = await host.VisitorAsync("prechat.html");
        try
        {
            await AskAsync(visitor, "Noor", "Hi, the jacket I ordered doesn't fit. How can I send it back?");

            await alex.GetByRole(AriaRole.Button, new() { Name = "Assign to Me: Noor" }).ClickAsync();
            var chat = alex.Locator(".mini-chat", new() { Has = alex.GetByText("Hi, the jacket I ordered") });
            var suggestions = chat.GetByRole(AriaRole.Complementary, new() { Name = "AI suggestions" }).Locator("li");
            await Expect(suggestions).ToHaveCountAsync(3);
            var best = suggestions.First;
            await Expect(best.Locator(".suggestion-source")).ToHaveTextAsync("How to return an item");
            await Expect(best.Locator(".suggestion-confidence")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{1,3}%$"));
            foreach (var item in await suggestions.AllAsync())
            {
                (await item.Locator(".suggestion-source").TextContentAsync()).Should().NotBeNullOrWhiteSpace("every suggestion names its source");
                double.Parse((await item.GetAttributeAsync("data-confidence"))!, System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(0, 1);
            }
            await Expect(visitor.Locator($"{Widget} .msg.agent")).ToHaveCountAsync(0);

            // One click fills the composer; nothing is sent until the agent sends it, edited.
            await best.GetByRole(AriaRole.Button).ClickAsync();
            var reply = chat.GetByRole(AriaRole.Textbox, new() { Name = "Reply" });
            await Expect(reply).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^You can return unworn items"));
            await Expect(visitor.Locator($"{Widget} .msg.agent")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
            await reply.PressAsync("End");
            await reply.PressSequentiallyAsync(" Happy to help, Noor!");
            await reply.PressAsync("Enter");
            var sent = visitor.Locator($"{Widget} .msg.agent .bubble").Last;
            await Expect(sent).ToContainTextAsync("You can return unworn items");
            await Expect(sent).ToContainTextAsync("Happy to help, Noor!");

            // The choice is recorded: an edited suggestion, for this agent, today.
            await using var reader = await host.AgentAsync();
            await Eventually.GetAsync(() => reader.InvokeAsync<List<ChatSupport.Contracts.Knowledge.SuggestionStats>>("GetSuggestionStats"),
                stats => stats.Any(s => s.AgentId == WidgetHost.AgentUser && s.Edited >= 1), what: "the edited suggestion counted");
        }
        finally
        {
            await alexContext.CloseAsync();
            await visitorContext.CloseAsync();
            await ClearKnowledgeAsync(host);
        }
    }

    /// <summary>A visitor on the demo site opens the widget, starts a chat with the pre-chat form and asks a question.</summary>
    internal static async Task AskAsync(IPage visitor, string name, string question)
    {
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
        await visitor.GetByLabel("Name").FillAsync(name);
        await visitor.GetByLabel("Email").FillAsync($"{name.ToLowerInvariant()}@example.com");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        var widgetInput = visitor.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
        await widgetInput.FillAsync(question);
        await widgetInput.PressAsync("Enter");
    }

    /// <summary>The demo tenant is shared by the collection's tests: leave its knowledge empty, as they expect it.</summary>
    internal static async Task ClearKnowledgeAsync(WidgetHost host)
    {
        await using var admin = await host.AgentAsync();
        foreach (var article in await admin.InvokeAsync<List<ChatSupport.Contracts.Knowledge.KnowledgeArticle>>("GetArticles"))
            await admin.InvokeAsync("DeleteArticle", article.Id);
    }

    /// <summary>The evaluation set's articles (bench/ChatSupport.Bench.Ai/Evaluation) as the team would import them.</summary>
    internal static string ImportJson(string[] ids)
    {
        using var all = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "bench", "ChatSupport.Bench.Ai", "Evaluation", "articles.json")));
        return JsonSerializer.Serialize(all.RootElement.EnumerateArray().Where(a => ids.Contains(a.GetProperty("id").GetString())).Select(a => new
        {
            title = a.GetProperty("title").GetString(),
            body = a.GetProperty("body").GetString(),
            tags = a.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray(),
        }));
    }
}
