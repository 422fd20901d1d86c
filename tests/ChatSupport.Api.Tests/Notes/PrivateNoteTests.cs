using System.Text.Json;
using ChatSupport.Contracts.Notes;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Notes;

/// <summary>Private notes: agents see them in order with the messages; the visitor never receives a byte of them.</summary>
[Collection(ApiCollection.Name)]
public sealed class PrivateNoteTests(ApiHostFixture f)
{
    private const string Secret = "ZQX-INTERNAL";

    [Fact]
    public async Task A_visitor_connected_throughout_never_receives_a_note_or_a_sign_of_one_and_its_numbers_have_no_gap()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        await using var sam = await ChatParticipant.AgentAsync(f.Host, tenant, "sam", "Sam");
        var notesAtSam = new List<NotePosted>();
        sam.Connection.On<NotePosted>("NotePosted", e => { lock (notesAtSam) notesAtSam.Add(e); });
        var token = await f.Host.VisitorTokenAsync(tenant);
        await using var visitor = await RecordingVisitor.ConnectAsync(f.Host, token.Token);
        var visitorChanges = new List<JsonElement>();
        var visitorMessages = new List<JsonElement>();
        visitor.Connection.On<JsonElement>("SessionChanged", e => { lock (visitorChanges) visitorChanges.Add(e); });
        visitor.Connection.On<JsonElement>("MessagePosted", e => { lock (visitorMessages) visitorMessages.Add(e); });

        var started = await visitor.Connection.InvokeAsync<JsonElement>("StartChat", new VisitorMetadata { Name = "Robin" });
        var sessionId = started.GetProperty("session").GetProperty("sessionId").GetString()!;
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await sam.Connection.InvokeAsync<JsonElement>("OpenChat", sessionId, 0L);
        await alex.SendAsync(sessionId, "a1", "Hello Robin");
        await WaitForMessagesAsync(visitorMessages, 1);
        // The first reply's SessionChanged (active_chat) is a push of its own that may come after the message: wait for it,
        // so the count below holds only what the note could add.
        await Eventually.GetAsync(() => Task.FromResult(HasStatus(visitorChanges, "active_chat")), seen => seen,
            what: "the visitor told that the chat is active");
        var changesBefore = Count(visitorChanges);

        var note = await alex.Connection.InvokeAsync<ChatNote>("AddNote", sessionId, "n1", $"{Secret} refund pending, @sam please check.");
        note.Seq.Should().Be(1);
        note.AfterMessageSeq.Should().Be(1);
        note.Mentions.Select(m => m.AgentId).Should().Equal("sam");
        await Eventually.GetAsync(() => Task.FromResult(Count(notesAtSam)), n => n == 1, what: "the note at the other agent who opened the chat");
        await alex.SendAsync(sessionId, "a2", "Looking into it");
        await WaitForMessagesAsync(visitorMessages, 2);
        Count(visitorChanges).Should().Be(changesBefore, "a note changes nothing the visitor sees, so the visitor is not even told that something changed");

        await visitor.Connection.InvokeAsync<JsonElement>("SendMessage", sessionId, "v1", "Thanks");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Transfer", sessionId, "sam", $"{Secret} transfer: VIP");
        await sam.SendAsync(sessionId, "s1", "Sam here");
        await sam.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        await sam.Connection.InvokeAsync<ChatNote>("AddNote", sessionId, "n2", $"{Secret} after the end");
        await WaitForMessagesAsync(visitorMessages, 4);

        var resumed = await visitor.Connection.InvokeAsync<JsonElement>("Resume", sessionId, 0L);
        var history = await visitor.Connection.InvokeAsync<JsonElement>("GetHistory", sessionId, 0L, 50);
        var session = await visitor.Connection.InvokeAsync<JsonElement>("GetSession", sessionId);
        history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()).Should().Equal([1L, 2, 3, 4],
            "the visitor's numbers run without a gap: notes are numbered on their own");
        history.GetProperty("lastSeq").GetInt64().Should().Be(4);
        session.GetProperty("lastSeq").GetInt64().Should().Be(4);
        resumed.GetProperty("messages").GetProperty("messages").GetArrayLength().Should().Be(4);

        var received = visitor.Received();
        received.Should().Contain("Hello Robin").And.Contain("Sam here", "the recorder sees the visitor's traffic");
        received.Should().NotContain(Secret).And.NotContainEquivalentOf("note", "no frame of any kind names a note");

        var opened = await sam.Connection.InvokeAsync<JsonElement>("OpenChat", sessionId, 0L);
        var notes = opened.GetProperty("notes").EnumerateArray().ToList();
        notes.Select(n => (n.GetProperty("seq").GetInt64(), n.GetProperty("kind").GetString(), n.GetProperty("afterMessageSeq").GetInt64()))
            .Should().Equal((1L, "note", 1L), (2L, "transfer", 3L), (3L, "note", 4L));
        notes[1].GetProperty("text").GetString().Should().Be($"{Secret} transfer: VIP");
        notes[1].GetProperty("author").GetProperty("displayName").GetString().Should().Be("Alex");
        (await sam.Connection.InvokeAsync<IReadOnlyList<ChatNote>>("GetNotes", sessionId)).Should().HaveCount(3);
        opened.GetProperty("session").GetProperty("lastNoteSeq").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task A_retried_note_is_stored_once()
    {
        var (alex, sessionId) = await ChatWithAgentAsync();
        await using var _ = alex;
        var first = await alex.Connection.InvokeAsync<ChatNote>("AddNote", sessionId, "same", "Once");
        var again = await alex.Connection.InvokeAsync<ChatNote>("AddNote", sessionId, "same", "Once");
        again.Should().BeEquivalentTo(first);
        (await alex.Connection.InvokeAsync<IReadOnlyList<ChatNote>>("GetNotes", sessionId)).Should().ContainSingle();
    }

    [Theory]
    [InlineData("   ", "invalid_input")]
    [InlineData("@nobody please look", "unknown_agent")]
    [InlineData("LONG", "invalid_input")]
    public async Task A_bad_note_is_refused_with_a_sentence_and_nothing_is_stored(string text, string code)
    {
        var (alex, sessionId) = await ChatWithAgentAsync();
        await using var _ = alex;
        if (text == "LONG") text = new string('x', NoteInput.MaxLength + 1);
        var refused = await alex.Connection.Invoking(c => c.InvokeAsync<ChatNote>("AddNote", sessionId, "bad", text))
            .Should().ThrowAsync<HubException>();
        refused.Which.Message.Should().Contain(code + ": ");
        (await alex.Connection.InvokeAsync<IReadOnlyList<ChatNote>>("GetNotes", sessionId)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_email_address_in_a_note_mentions_nobody_and_the_longest_note_is_kept()
    {
        var (alex, sessionId) = await ChatWithAgentAsync();
        await using var _ = alex;
        var note = await alex.Connection.InvokeAsync<ChatNote>("AddNote", sessionId, "mail", "Write to robin@example.com");
        note.Mentions.Should().BeEmpty();
        var longest = new string('y', NoteInput.MaxLength);
        (await alex.Connection.InvokeAsync<ChatNote>("AddNote", sessionId, "long", longest)).Text.Should().Be(longest);
    }

    private async Task<(AgentParticipant Alex, string SessionId)> ChatWithAgentAsync()
    {
        var tenant = await f.Host.NewTenantAsync();
        var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var started = await visitor.Connection.InvokeAsync<JsonElement>("StartChat", new VisitorMetadata { Name = "Robin" });
        return (alex, started.GetProperty("session").GetProperty("sessionId").GetString()!);
    }

    private static Task WaitForMessagesAsync(List<JsonElement> messages, int count) =>
        Eventually.GetAsync(() => Task.FromResult(Count(messages)), n => n >= count, what: $"{count} messages at the visitor");

    private static bool HasStatus(List<JsonElement> changes, string status)
    {
        lock (changes) return changes.Any(c => c.GetRawText().Contains($"\"{status}\"", StringComparison.Ordinal));
    }

    private static int Count<T>(List<T> list)
    {
        lock (list) return list.Count;
    }
}
