using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Knowledge;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Knowledge;

/// <summary>
/// The suggestion counts of the Analytics view are per agent and question: the panel asking again for the same
/// question, or a retried choice report, counts once; the next question counts again.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SuggestionAnalyticsTests(ApiHostFixture f)
{
    [Fact]
    public async Task A_retried_choice_report_and_a_set_shown_again_count_once_per_agent_and_question()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await HelpCentre.AgentWithSmallHelpCentreAsync(f.Host, tenant);
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;

        await visitor.SendAsync(sessionId, "v1", "When will I get my refund?");
        (await alex.Connection.InvokeAsync<SuggestionSet>("GetSuggestions", sessionId)).Confident.Should().BeTrue();
        await alex.Connection.InvokeAsync<SuggestionSet>("GetSuggestions", sessionId);
        await alex.Connection.InvokeAsync("RecordSuggestionChoice", sessionId, SuggestionChoice.Used);
        await alex.Connection.InvokeAsync("RecordSuggestionChoice", sessionId, SuggestionChoice.Used);

        await visitor.SendAsync(sessionId, "v2", "How can I track my order?");
        await alex.Connection.InvokeAsync<SuggestionSet>("GetSuggestions", sessionId);
        await alex.Connection.InvokeAsync("RecordSuggestionChoice", sessionId, SuggestionChoice.Ignored);

        var stats = (await alex.Connection.InvokeAsync<IReadOnlyList<SuggestionStats>>("GetSuggestionStats")).Single();
        (stats.Shown, stats.Used, stats.Edited, stats.Ignored).Should().Be((2, 1, 0, 1));
    }
}
