using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Knowledge;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;
using ChatSupport.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Api.Tests.Knowledge;

/// <summary>
/// A host with a generative model configured: a local fake <see cref="IChatClient"/> (the only fake here; retrieval and
/// embeddings are the real ones). What leaves the server is scrubbed; the model's reply arrives with its sources; a model
/// that fails or is slower than the timeout (3 s) leaves the retrieved suggestions as the answer.
/// </summary>
public sealed class GeneratedReplyTests(GeneratedReplyTests.ModelHost f) : IClassFixture<GeneratedReplyTests.ModelHost>
{
    private const string Question = "When will I get my refund? My email is robin@example.com and the order was #48213377, card 4111 1111 1111 1111.";

    [Fact]
    public async Task The_model_rewrites_the_confident_suggestions_into_one_reply_with_their_sources_from_scrubbed_input()
    {
        f.Model.Answer = (_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Your refund reaches you within 5 working days.")));
        var set = await SuggestionsAsync();

        set.Draft.Should().NotBeNull();
        set.Draft!.Text.Should().Be("Your refund reaches you within 5 working days.");
        set.Draft.Sources.Should().Contain(HelpCentre.Title("refund-timing"));
        set.Draft.Sources.Should().BeSubsetOf(set.Suggestions.Select(s => s.Source), "a source is a suggestion the reply was written from");
        set.Suggestions.Should().NotBeEmpty("the retrieved suggestions stay beside the draft");

        var sent = string.Join("\n", f.Model.Received.Last().Select(m => m.Text));
        sent.Should().Contain("When will I get my refund?").And.Contain(ScrubbedEmail);
        sent.Should().NotContain("robin@example.com").And.NotContain("48213377").And.NotContain("4111", "nothing personal leaves the server");
    }

    [Fact]
    public async Task A_model_slower_than_the_timeout_falls_back_to_the_retrieved_suggestions()
    {
        f.Model.Answer = async (_, cancel) =>
        {
            await Task.Delay(Timeout.Infinite, cancel);
            return new ChatResponse();
        };
        var set = await SuggestionsAsync();

        set.Draft.Should().BeNull();
        set.Confident.Should().BeTrue();
        set.Suggestions[0].Source.Should().Be(HelpCentre.Title("refund-timing"));
    }

    [Fact]
    public async Task A_failing_model_falls_back_to_the_retrieved_suggestions()
    {
        f.Model.Answer = (_, _) => throw new HttpRequestException("connection refused");
        var set = await SuggestionsAsync();

        set.Draft.Should().BeNull();
        set.Suggestions.Should().NotBeEmpty();
    }

    private const string ScrubbedEmail = "[email]";

    private async Task<SuggestionSet> SuggestionsAsync()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await HelpCentre.AgentWithSmallHelpCentreAsync(f.Host, tenant);
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await visitor.SendAsync(sessionId, "v1", Question);
        return await alex.Connection.InvokeAsync<SuggestionSet>("GetSuggestions", sessionId);
    }

    public sealed class ModelHost : IAsyncLifetime
    {
        public FakeChatClient Model { get; } = new();
        public ApiHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await ApiHost.StartAsync(configure: b => b.Services.AddSingleton<IChatClient>(Model));
        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
