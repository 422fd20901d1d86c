using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// A visitor cannot disguise what agents read: control characters and bidi overrides in their name, email, page title,
/// referrer and feedback are stripped before the chat is stored (DisplayText.Clean, the one function that does it).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DisplayTextTests(ApiHostFixture fixture)
{
    private ApiHost host => fixture.Host;

    [Theory]
    [InlineData("Eve\u202Egnp.exe", "Evegnp.exe")]              // right-to-left override: reads "Eveexe.png" on screen
    [InlineData("\u2066Admin\u2069 \u200Fsupport", "Admin support")] // isolates and a right-to-left mark
    [InlineData("Bell\u0007 Esc\u001B[31m red\u009B", "Bell Esc[31m red")] // C0 and C1 controls
    [InlineData("two\r\nlines\ttab", "two lines tab")]
    [InlineData("Zoë 👩‍👩‍👧 Ünal", "Zoë 👩‍👩‍👧 Ünal")]           // letters and emoji joiners are kept exactly
    public void Clean_strips_controls_and_bidi_overrides_and_keeps_the_rest(string given, string shown) =>
        DisplayText.Clean(given).Should().Be(shown);

    [Fact]
    public void Multiline_text_keeps_its_line_breaks() =>
        DisplayText.Clean("Great\r\nhelp\u202E!\n", multiline: true).Should().Be("Great\nhelp!\n");

    [Fact]
    public async Task The_agent_sees_the_visitors_name_title_referrer_and_feedback_cleaned()
    {
        var tenant = await host.NewTenantAsync();
        await using var agent = await ChatParticipant.AgentAsync(host, tenant, "alex", "Alex");
        await using var visitor = await ChatParticipant.VisitorAsync(host, tenant);
        var started = await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata
        {
            Name = "Eve\u202Egnp.exe", Email = "eve\u0000@example.com", PageTitle = "Checkout\u2067 – paid\u2069",
            Referrer = "https://ref.example/\u200Bpath",
        });
        var sessionId = started.Session.SessionId;
        await agent.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await agent.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        await visitor.Connection.InvokeAsync<VisitorSessionView>("RateChat", sessionId, 5, "Thanks\u202E!\u0007", false);

        var seen = await agent.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", sessionId);
        seen.Visitor.Name.Should().Be("Evegnp.exe");
        seen.Visitor.Email.Should().Be("eve@example.com");
        seen.Visitor.PageTitle.Should().Be("Checkout – paid");
        seen.Visitor.Referrer.Should().Be("https://ref.example/path");
        seen.Rating!.Feedback.Should().Be("Thanks!");
    }
}
