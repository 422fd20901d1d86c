using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Knowledge;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Knowledge;

/// <summary>A well-rated chat's question and answer become a scrubbed candidate, never suggested until an admin approves it.</summary>
[Collection(ApiCollection.Name)]
public sealed class LearnedAnswerTests(ApiHostFixture f)
{
    [Fact]
    public async Task A_learned_answer_is_a_candidate_until_approved_and_suggested_after()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        await alex.Connection.InvokeAsync<int>("ImportArticles", "json", HelpCentre.ImportJson("returns-policy", "track-order", "payment-methods"));

        await using var robin = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var first = (await robin.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await robin.SendAsync(first, "v1", "Can I bring my dog into your shops? I'm robin@example.com, order #48213, call me on +44 7700 900123");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", first);
        await alex.SendAsync(first, "a1", "Yes! Dogs on a lead are welcome in all of our stores, and we keep water bowls by the tills.");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", first);
        await robin.Connection.InvokeAsync<VisitorSessionView>("RateChat", first, 5, null, false);

        var candidate = (await Eventually.GetAsync(() => alex.Connection.InvokeAsync<IReadOnlyList<LearnedAnswer>>("GetLearnedAnswers"),
            answers => answers.Count == 1, what: "the 5-star chat's candidate")).Single();
        candidate.Status.Should().Be(LearnedAnswerStatus.Candidate);
        candidate.Answer.Should().StartWith("Yes! Dogs on a lead");
        candidate.Question.Should().Contain("bring my dog").And.Contain("[email]").And.Contain("[order number]").And.Contain("[phone number]");
        candidate.Question.Should().NotContain("robin@example.com").And.NotContain("48213").And.NotContain("7700");

        await using var kim = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var second = (await kim.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await kim.SendAsync(second, "k1", "Are dogs allowed in your stores?");
        var before = await alex.Connection.InvokeAsync<SuggestionSet>("GetSuggestions", second);
        before.Suggestions.Should().NotContain(s => s.EntryId == candidate.Id, "a candidate is not used before it is approved");

        var approved = await alex.Connection.InvokeAsync<LearnedAnswer>("ApproveLearnedAnswer", candidate.Id);
        approved.Status.Should().Be(LearnedAnswerStatus.Approved);
        var after = await alex.Connection.InvokeAsync<SuggestionSet>("GetSuggestions", second);
        after.Confident.Should().BeTrue();
        after.Suggestions[0].EntryId.Should().Be(candidate.Id);
        after.Suggestions[0].SourceKind.Should().Be(SuggestionSourceKind.LearnedAnswer);
        after.Suggestions[0].Source.Should().StartWith("answer from chat of ");
        after.Suggestions[0].Text.Should().Be(candidate.Answer);
    }

    [Fact]
    public async Task An_agent_marking_a_good_answer_proposes_one_candidate_and_a_chat_with_no_answer_is_refused()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        await using var robin = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var chat = (await robin.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await robin.SendAsync(chat, "v1", "Do you gift wrap? Write to me at robin@example.com");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", chat);

        var early = () => alex.Connection.InvokeAsync("MarkGoodAnswer", chat);
        (await early.Should().ThrowAsync<Microsoft.AspNetCore.SignalR.HubException>()).Which.Message
            .Should().Contain("invalid_input", "no agent has answered yet");

        await alex.SendAsync(chat, "a1", "We do: choose gift wrap at checkout and add a card message for free.");
        await alex.Connection.InvokeAsync("MarkGoodAnswer", chat);
        await alex.Connection.InvokeAsync("MarkGoodAnswer", chat);

        // Marked twice, proposed once (the candidate is keyed by the chat, as a rating's is): scrubbed, waiting for an admin.
        var candidates = await alex.Connection.InvokeAsync<IReadOnlyList<LearnedAnswer>>("GetLearnedAnswers");
        candidates.Should().ContainSingle().Which.Status.Should().Be(LearnedAnswerStatus.Candidate);
        candidates[0].Answer.Should().StartWith("We do: choose gift wrap");
        candidates[0].Question.Should().Contain("gift wrap").And.Contain("[email]").And.NotContain("robin@example.com");
    }
}
