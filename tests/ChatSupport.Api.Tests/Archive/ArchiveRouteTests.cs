using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Archive;

/// <summary>Resolved chats made through the real hubs, then listed, searched, read and exported through the archive routes.</summary>
[Collection(ApiCollection.Name)]
public sealed class ArchiveRouteTests(ApiHostFixture f) : IAsyncLifetime
{
    private const string ZoeName = "Zoë \"Z\" O'Brien, Jr.";
    private static readonly string[] ZoeTexts = ["Hello, \"agent\"\nline two, ünïcødé 李小龙", "Sure — \"quoted\", comma, and\r\nCRLF; 🙂"];
    private static readonly string[] AnonTexts = ["I'd rather not say who I am", "No problem, =1+1 stays text"];

    private static readonly SemaphoreSlim SetupLock = new(1, 1);
    private static (ApiHost Host, string Tenant, OperatorBrowser Browser, string Zoe, string Anon, string Silent)? s_setup;

    private string _tenant = "";
    private OperatorBrowser _browser = null!;
    private string _zoe = "", _anon = "", _silent = "";

    /// <summary>The three chats are made once for all the tests of the class (they only read).</summary>
    public async Task InitializeAsync()
    {
        await SetupLock.WaitAsync();
        try
        {
            if (s_setup is not { } done || done.Host != f.Host)
            {
                await CreateChatsAsync();
                s_setup = (f.Host, _tenant, _browser, _zoe, _anon, _silent);
            }
            else (_, _tenant, _browser, _zoe, _anon, _silent) = done;
        }
        finally
        {
            SetupLock.Release();
        }
    }

    private async Task CreateChatsAsync()
    {
        _tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, _tenant, "alex", "Alex «A»");
        _browser = await f.Host.SignInAsync(_tenant, "alex");
        _zoe = await ChatAsync(alex, new VisitorMetadata { Name = ZoeName, Email = "zoe@exämple.com" }, ZoeTexts, stars: 5, "Great, \"really\"\nthanks", anonymous: false);
        _anon = await ChatAsync(alex, new VisitorMetadata { Name = "Anon Person", Email = "anon@example.com" }, AnonTexts, stars: 2, "meh, slow", anonymous: true);
        await using (var visitor = await ChatParticipant.VisitorAsync(f.Host, _tenant))
        {
            var started = await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
            _silent = started.Session.SessionId;
            await visitor.Connection.InvokeAsync<VisitorSessionView>("CloseChat", _silent);
        }
        // The archive reacts to resolves and ratings after they are stored: wait until it shows all three.
        await Eventually.GetAsync(() => ListAsync(""), ids => ids.Chats.Count == 3 && ids.Chats.Count(c => c.GetProperty("rating").ValueKind != JsonValueKind.Null) == 2,
            what: "three archived chats, two rated");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_list_is_newest_first_and_an_anonymous_rating_hides_its_visitor()
    {
        var list = await ListAsync("");
        list.Chats.Select(Id).Should().Equal(_silent, _anon, _zoe);
        var anon = list.Chats[1];
        anon.GetProperty("visitorName").ValueKind.Should().Be(JsonValueKind.Null);
        anon.GetProperty("visitorEmail").ValueKind.Should().Be(JsonValueKind.Null);
        anon.GetProperty("visitorId").GetString().Should().BeEmpty();
        anon.GetProperty("rating").GetProperty("stars").GetInt32().Should().Be(2);
        anon.GetProperty("rating").GetProperty("anonymous").GetBoolean().Should().BeTrue();
        var zoe = list.Chats[2];
        zoe.GetProperty("visitorName").GetString().Should().Be(ZoeName);
        zoe.GetProperty("rating").GetProperty("feedback").GetString().Should().Be("Great, \"really\"\nthanks");
        zoe.GetProperty("rating").GetProperty("ratedAt").GetDateTimeOffset().Should().BeAfter(zoe.GetProperty("resolvedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Filters_and_searches_find_exactly_the_matching_chats()
    {
        (await ListAsync("rating=5")).Chats.Select(Id).Should().Equal(_zoe);
        (await ListAsync("rating=none")).Chats.Select(Id).Should().Equal(_silent);
        (await ListAsync("rating=2,none")).Chats.Select(Id).Should().Equal(_silent, _anon);
        (await ListAsync("visitor=" + Uri.EscapeDataString("  ZOE@EXÄMPLE.COM "))).Chats.Select(Id).Should().Equal(_zoe);
        (await ListAsync("visitor=" + Uri.EscapeDataString(ZoeName.ToLowerInvariant()))).Chats.Select(Id).Should().Equal(_zoe);
        (await ListAsync("visitor=" + Uri.EscapeDataString("Anon Person"))).Chats.Should().BeEmpty("an anonymous rating hides who gave it");
        (await ListAsync("agent=alex")).Chats.Select(Id).Should().Equal(_anon, _zoe);
        (await ListAsync("from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z")).Chats.Should().BeEmpty();
        var firstPage = await ListAsync("pageSize=2");
        firstPage.Chats.Select(Id).Should().Equal(_silent, _anon);
        (await ListAsync("pageSize=2&cursor=" + firstPage.NextCursor)).Chats.Select(Id).Should().Equal(_zoe);
    }

    [Fact]
    public async Task A_transcript_reads_back_and_exports_as_csv_json_and_text_with_the_same_content()
    {
        var page = await _browser.GetAsync($"api/archive/chats/{_zoe}/messages");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var messages = (await page.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages").EnumerateArray().ToList();
        messages.Select(m => m.GetProperty("text").GetString()).Should().Equal(ZoeTexts);

        var csv = await ExportAsync($"api/archive/chats/{_zoe}/export?format=csv", "text/csv", $"chat-{_zoe}.csv");
        var json = await ExportAsync($"api/archive/chats/{_zoe}/export?format=json", "application/json", $"chat-{_zoe}.json");
        var text = await ExportAsync($"api/archive/chats/{_zoe}/export?format=text", "text/plain", $"chat-{_zoe}.txt");
        foreach (var chats in new[] { ExportParsers.Csv(csv), ExportParsers.Json(json) })
        {
            chats.Should().ContainSingle();
            chats[0].VisitorName.Should().Be(ZoeName);
            chats[0].Stars.Should().Be("5");
            chats[0].Feedback.Should().Be("Great, \"really\"\nthanks");
            chats[0].Messages.Select(m => (m.Seq, m.Sender, m.Text)).Should().Equal((1L, "visitor", ZoeTexts[0]), (2L, "agent", ZoeTexts[1]));
            chats[0].Messages.Select(m => m.SenderName).Should().Equal(ZoeName, "Alex «A»");
        }
        var plain = ExportParsers.Text(Encoding.UTF8.GetString(text));
        plain.Should().ContainSingle().Which.Messages.Should().Equal(("visitor", ZoeTexts[0]), ("agent", ZoeTexts[1].ReplaceLineEndings("\n")));
    }

    [Fact]
    public async Task Exporting_the_filter_writes_every_matching_chat_with_its_messages()
    {
        foreach (var format in new[] { "csv", "json" })
        {
            var body = await ExportAsync("api/archive/export?format=" + format + "&agent=alex", null, null);
            var chats = format == "csv" ? ExportParsers.Csv(body) : ExportParsers.Json(body);
            chats.Select(c => c.SessionId).Should().Equal(_anon, _zoe);
            chats[0].VisitorName.Should().BeNull("an anonymous rating hides who gave it, in exports too");
            chats[0].VisitorEmail.Should().BeNull();
            chats[0].Messages.Select(m => m.Text).Should().Equal(AnonTexts);
            chats[0].Messages.Where(m => m.Sender == "visitor").Should().OnlyContain(m => m.SenderName == null);
            chats[1].Messages.Select(m => m.Text).Should().Equal(ZoeTexts);
        }
        var text = ExportParsers.Text(Encoding.UTF8.GetString(await ExportAsync("api/archive/export?format=text", null, null)));
        text.Select(c => c.SessionId).Should().Equal(_silent, _anon, _zoe);
        text[0].Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Agent_ratings_show_the_average_and_count()
    {
        var agents = await (await _browser.GetAsync("api/archive/agents")).Content.ReadFromJsonAsync<JsonElement>();
        var alex = agents.EnumerateArray().Should().ContainSingle().Subject;
        alex.GetProperty("agentName").GetString().Should().Be("Alex «A»");
        alex.GetProperty("count").GetInt64().Should().Be(2);
        alex.GetProperty("average").GetDouble().Should().Be(3.5);
    }

    [Fact]
    public async Task A_signed_out_cookie_no_longer_reads_the_archive()
    {
        await f.Host.EnsureOperatorAsync(_tenant, "kim", "Kim");
        using var kim = await f.Host.SignInAsync(_tenant, "kim");
        var cookie = kim.Cookies.GetCookieHeader(f.Host.BaseAddress);
        (await kim.GetAsync("api/archive/chats")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await kim.SignOutAsync()).EnsureSuccessStatusCode();

        // Someone who kept a copy of the cookie (another tab, a stolen copy) is refused from now on.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = f.Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/archive/export?format=csv");
        request.Headers.Add("Cookie", cookie);
        var response = await http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("sign_in_expired");
    }

    [Theory]
    [InlineData("api/archive/chats?rating=6", 400, "invalid_input")]
    [InlineData("api/archive/chats?rating=five", 400, "invalid_input")]
    [InlineData("api/archive/chats?from=yesterday", 400, "invalid_input")]
    [InlineData("api/archive/chats?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", 400, "invalid_input")]
    [InlineData("api/archive/chats?pageSize=101", 400, "invalid_input")]
    [InlineData("api/archive/chats?pageSize=ten", 400, "invalid_input")]
    [InlineData("api/archive/chats/no-such-chat/messages?afterSeq=-1", 400, "invalid_input")]
    [InlineData("api/archive/chats/no-such-chat/messages?max=lots", 400, "invalid_input")]
    [InlineData("api/archive/chats?cursor=abc", 400, "invalid_input")]
    [InlineData("api/archive/chats?agent=a%2Fb", 400, "invalid_input")]
    [InlineData("api/archive/chats/no-such-chat", 404, "unknown_session")]
    [InlineData("api/archive/chats/no-such-chat/messages", 404, "unknown_session")]
    [InlineData("api/archive/chats/no-such-chat/export?format=csv", 404, "unknown_session")]
    [InlineData("api/archive/export?format=xml", 400, "invalid_input")]
    [InlineData("api/archive/export?format=csv&rating=0", 400, "invalid_input")]
    public async Task Bad_requests_get_a_clear_error(string path, int status, string code)
    {
        var response = await _browser.GetAsync(path);
        ((int)response.StatusCode).Should().Be(status);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be(code);
    }

    private async Task<string> ChatAsync(AgentParticipant agent, VisitorMetadata who, string[] texts, int stars, string feedback, bool anonymous)
    {
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, _tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", who)).Session.SessionId;
        await agent.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await visitor.SendAsync(sessionId, "v1", texts[0]);
        await agent.SendAsync(sessionId, "a1", texts[1]);
        await agent.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        await visitor.Connection.InvokeAsync<VisitorSessionView>("RateChat", sessionId, stars, feedback, anonymous);
        return sessionId;
    }

    private async Task<(List<JsonElement> Chats, string? NextCursor)> ListAsync(string query)
    {
        var response = await _browser.GetAsync("api/archive/chats?" + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        var next = page.GetProperty("nextCursor");
        return (page.GetProperty("chats").EnumerateArray().ToList(), next.ValueKind == JsonValueKind.Null ? null : next.GetString());
    }

    private async Task<byte[]> ExportAsync(string path, string? contentType, string? fileName)
    {
        var response = await _browser.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        if (contentType is not null) response.Content.Headers.ContentType!.MediaType.Should().Be(contentType);
        if (fileName is not null) response.Content.Headers.ContentDisposition.FileNameStar.Should().Be(fileName);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Id(JsonElement chat) => chat.GetProperty("sessionId").GetString()!;
}
