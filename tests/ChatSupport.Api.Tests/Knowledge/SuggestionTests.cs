using ChatSupport.Contracts.Desk;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Knowledge;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Knowledge;

/// <summary>
/// Suggestions from the team's own knowledge, computed on this machine with the real model and index: an article
/// answers a paraphrase with a confidence above the threshold, an unrelated question abstains, and the session's AI
/// confidence reaches the desk live.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SuggestionTests(ApiHostFixture f)
{
    private static readonly string[] Articles = ["returns-policy", "refund-timing", "track-order", "delivery-times", "payment-methods", "password-reset"];

    [Fact]
    public async Task An_article_added_is_suggested_for_a_paraphrased_question_with_confidence_above_the_threshold()
    {
        var (alex, visitor, sessionId) = await ChatAsync();
        await using var _ = alex;
        await using var __ = visitor;
        var article = await alex.Connection.InvokeAsync<KnowledgeArticle>("SaveArticle", null, "Gift cards",
            "Gift cards are sold from £10 to £250 and are valid for **2 years**, online and in our stores.", new[] { "payments" });

        await visitor.SendAsync(sessionId, "v1", "I'd like to buy a voucher as a present for my sister, do you have those?");
        var set = await alex.Connection.InvokeAsync<SuggestionSet>("GetSuggestions", sessionId);

        set.Confident.Should().BeTrue("the article answers the question in other words");
        set.Suggestions.Should().HaveCount(3);
        var best = set.Suggestions[0];
        best.EntryId.Should().Be(article.Id);
        best.Source.Should().Be("Gift cards");
        best.SourceKind.Should().Be(SuggestionSourceKind.Article);
        best.Confidence.Should().BeGreaterThanOrEqualTo(set.Threshold).And.BeLessThanOrEqualTo(1);
        best.Text.Should().Contain("valid for 2 years").And.NotContain("**", "the composer gets text, not Markdown");
        set.Suggestions.Select(s => s.Confidence).Should().BeInDescendingOrder();

        // The agent edits the suggestion before sending it: the choice is counted for them, with the set shown.
        await alex.Connection.InvokeAsync("RecordSuggestionChoice", sessionId, SuggestionChoice.Edited);
        var stats = (await alex.Connection.InvokeAsync<IReadOnlyList<SuggestionStats>>("GetSuggestionStats")).Single();
        stats.AgentId.Should().Be("alex");
        (stats.Shown, stats.Used, stats.Edited, stats.Ignored).Should().Be((1, 0, 1, 0));
    }

    [Fact]
    public async Task An_unrelated_question_abstains()
    {
        var (alex, visitor, sessionId) = await ChatAsync();
        await using var _ = alex;
        await using var __ = visitor;

        await visitor.SendAsync(sessionId, "v1", "Who won the football match last night?");
        var set = await alex.Connection.InvokeAsync<SuggestionSet>("GetSuggestions", sessionId);

        set.Confident.Should().BeFalse("nothing in the knowledge answers it: the panel says \"No confident suggestion\"");
        set.BestConfidence.Should().BeLessThan(set.Threshold);
    }

    [Fact]
    public async Task The_sessions_AI_confidence_reaches_the_desk_live_for_each_new_question()
    {
        var (alex, visitor, sessionId) = await ChatAsync();
        await using var _ = alex;
        await using var __ = visitor;
        await alex.Connection.InvokeAsync<DeskSnapshot>("GetDesk");

        await visitor.SendAsync(sessionId, "v1", "How long will it take for my money to come back after I return something?");
        var confident = await alex.Desk.WaitForAsync(d => d.Session.SessionId == sessionId && d.Session.AiConfidence >= 0.5,
            "a high AI confidence on the chat's desk row");

        await visitor.SendAsync(sessionId, "v2", "Can you recommend a poem about the sea?");
        await alex.Desk.WaitForAsync(d => d.Session.SessionId == sessionId && d.Session.AiConfidence < 0.5,
            "the row's confidence following the latest question");
        var row = (await alex.Connection.InvokeAsync<DeskSnapshot>("GetDesk")).Sessions.Single(s => s.SessionId == sessionId);
        row.AiConfidence.Should().BeLessThan(confident.Session.AiConfidence!.Value);
        (await alex.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", sessionId)).AiConfidence.Should().Be(row.AiConfidence,
            "the chat's details show the same number as its queue row");
    }

    /// <summary>A new tenant with a few help-centre articles, an agent and a visitor who started a chat.</summary>
    private async Task<(AgentParticipant Alex, VisitorParticipant Visitor, string SessionId)> ChatAsync()
    {
        var tenant = await f.Host.NewTenantAsync();
        var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        (await alex.Connection.InvokeAsync<int>("ImportArticles", "json", HelpCentre.ImportJson(Articles))).Should().Be(Articles.Length);
        var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var started = await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Robin" });
        return (alex, visitor, started.Session.SessionId);
    }
}
