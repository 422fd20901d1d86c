using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.QuickReplies;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Api.Tests;

/// <summary>Tenants A, B (Scale + Priority Support), C (Scale only) and D (Priority Support, not Scale), their operators and visitors.</summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    private readonly Dictionary<string, OperatorBrowser> _browsers = [];
    private readonly Dictionary<(string, string), HubConnection> _connections = [];

    public ApiHost Host { get; private set; } = null!;
    public string A { get; private set; } = "";
    public string B { get; private set; } = "";
    public string C { get; private set; } = "";
    public string D { get; private set; } = "";
    public VisitorToken VisitorA { get; private set; } = null!;
    public VisitorToken VisitorB { get; private set; } = null!;

    /// <summary>Who each operator principal is: tenant and username.</summary>
    public Dictionary<string, (string Tenant, string Username)> Operators { get; } = [];

    public async Task InitializeAsync()
    {
        // Visitor A starts a chat for every case: far more than a real visitor's limit allows.
        Host = await ApiHost.StartAsync(["ChatSupport:Security:RateLimits:ChatStartsPerVisitor=100000", "ChatSupport:Security:RateLimits:CallsPerVisitor=100000", "ChatSupport:Security:RateLimits:ConnectsPerVisitor=100000"]);
        // A has file attachments (pro) as well; B does not, so an admin of B meets the plan's refusal first.
        A = await Host.NewTenantAsync(Plans.Scale, Features.PrioritySupport, Features.Attachments);
        B = await Host.NewTenantAsync();
        C = await Host.NewTenantAsync(Plans.Scale, Features.Attachments);
        // The feature without the plan: only the plan is missing, so only scale_plan_required can explain a refusal.
        D = await Host.NewTenantAsync(Plans.Growth, Features.PrioritySupport);
        await Host.EnsureOperatorAsync(A, "alex", "Alex");
        await Host.EnsureOperatorAsync(A, "sam", "Sam");
        await Host.EnsureOperatorAsync(A, "mo", "Mo", Roles.Member);
        await Host.EnsureOperatorAsync(B, "bea", "Bea");
        await Host.EnsureOperatorAsync(C, "cy", "Cy");
        await Host.EnsureOperatorAsync(D, "dee", "Dee");
        Operators["admin A"] = (A, "alex");
        Operators["member A"] = (A, "mo");
        Operators["admin B"] = (B, "bea");
        Operators["admin C"] = (C, "cy");
        Operators["admin D"] = (D, "dee");
        VisitorA = await Host.VisitorTokenAsync(A);
        VisitorB = await Host.VisitorTokenAsync(B);
    }

    public VisitorToken? TokenOf(string principal) => principal switch
    {
        "visitor A" => VisitorA,
        "visitor B" => VisitorB,
        _ => null,
    };

    public async Task<OperatorBrowser?> BrowserOfAsync(string principal)
    {
        if (!Operators.TryGetValue(principal, out var op)) return null;
        if (!_browsers.TryGetValue(principal, out var browser))
            _browsers[principal] = browser = await Host.SignInAsync(op.Tenant, op.Username);
        return browser;
    }

    /// <summary>A connection of the principal to the hub, reused across cases.</summary>
    public async Task<HubConnection> ConnectionAsync(string principal, string hub)
    {
        if (_connections.TryGetValue((principal, hub), out var connection) && connection.State == HubConnectionState.Connected) return connection;
        var browser = await BrowserOfAsync(principal);
        var token = TokenOf(principal);
        connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Host.BaseAddress, "hubs/" + hub), o =>
            {
                if (browser is not null) o.Cookies = browser.Cookies;
                if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token.Token);
            })
            .AddJsonProtocol(o => ChatSupportHost.ConfigureJson(o.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync();
        return _connections[(principal, hub)] = connection;
    }

    /// <summary>What the hub answers this principal at connect: "ok", or "STATUS code".</summary>
    public async Task<string> NegotiateAsync(string principal, string hub)
    {
        var browser = await BrowserOfAsync(principal);
        var token = TokenOf(principal);
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = browser?.Cookies ?? new CookieContainer() }) { BaseAddress = Host.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, $"hubs/{hub}/negotiate?negotiateVersion=1");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return await Outcome.OfAsync(await http.SendAsync(request));
    }

    private string? _archivedSession;

    /// <summary>A chat of tenant A that admin A resolved, once the archive lists it.</summary>
    public async Task<string> ArchivedSessionAsync()
    {
        if (_archivedSession is not null) return _archivedSession;
        var visitor = await ConnectionAsync("visitor A", "visitor");
        // Visitor A may still have a chat open from another case: close it, then start a fresh one.
        var previous = await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        await visitor.InvokeAsync<VisitorSessionView>("CloseChat", previous.Session.SessionId);
        var open = await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        var alex = await ConnectionAsync("admin A", "agent");
        await alex.InvokeAsync<ChatSessionSnapshot>("AssignToMe", open.Session.SessionId);
        await alex.InvokeAsync<ChatSessionSnapshot>("Resolve", open.Session.SessionId);
        var admin = (await BrowserOfAsync("admin A"))!;
        await Testing.Eventually.GetAsync(() => admin.GetAsync("api/archive/chats/" + open.Session.SessionId), r => r.IsSuccessStatusCode, what: "the chat in the archive");
        return _archivedSession = open.Session.SessionId;
    }

    private string? _webhook;

    /// <summary>
    /// A webhook endpoint of tenant A (a public address literal: this host has no allow-list and no DNS): the same one
    /// each time, or a fresh one for a case that may revoke it. A workspace keeps at most 20.
    /// </summary>
    public async Task<string> WebhookOfAAsync(bool fresh = false)
    {
        if (!fresh && _webhook is not null) return _webhook;
        var admin = (await BrowserOfAsync("admin A"))!;
        var created = await admin.SendAsync(HttpMethod.Post, "api/webhooks", new { url = "https://93.184.215.14/hooks", events = new[] { "chat.rated" } });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endpoint").GetProperty("id").GetString()!;
        return fresh ? id : _webhook = id;
    }

    /// <summary>A fresh open chat of visitor A that admin A holds, with a PDF from the visitor as message 1.</summary>
    public async Task<string> ChatWithAttachmentAsync()
    {
        var visitor = await ConnectionAsync("visitor A", "visitor");
        var previous = await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        await visitor.InvokeAsync<VisitorSessionView>("CloseChat", previous.Session.SessionId);
        var sessionId = (await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await (await ConnectionAsync("admin A", "agent")).InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        var upload = new HttpRequestMessage(HttpMethod.Post, $"api/attachments/visitor/{sessionId}?clientMessageId=m1&name=a.pdf")
        {
            Content = new ByteArrayContent(Attachments.Files.Pdf()),
        };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", VisitorA.Token);
        (await http.SendAsync(upload)).EnsureSuccessStatusCode();
        return sessionId;
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections.Values) await connection.DisposeAsync();
        foreach (var browser in _browsers.Values) browser.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }
}

public static class Outcome
{
    /// <summary>"ok" for a success, otherwise "STATUS code" from the refusal body.</summary>
    public static async Task<string> OfAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return "ok";
        var body = await response.Content.ReadAsStringAsync();
        var code = body.Length > 0 ? JsonDocument.Parse(body).RootElement.GetProperty("error").GetString() : "(no body)";
        return $"{(int)response.StatusCode} {code}";
    }

    /// <summary>The refusal code at the start of a hub error ("…HubException: code: message").</summary>
    public static string CodeOf(HubException e)
    {
        var text = e.Message[(e.Message.LastIndexOf("HubException: ", StringComparison.Ordinal) + "HubException: ".Length)..];
        return text[..text.IndexOf(':')];
    }
}

[CollectionDefinition(Name)]
public sealed class MatrixCollection : ICollectionFixture<MatrixFixture>
{
    public const string Name = "matrix";
}

/// <summary>Every cell of the access matrix in docs/security.md, checked against the real host.</summary>
[Collection(MatrixCollection.Name)]
public sealed class AccessMatrixTests(MatrixFixture f)
{
    public static TheoryData<string, string, string> Cells()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (operation, principal, expected) in AccessMatrix.Cells) data.Add(operation, principal, expected);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_principal_gets_exactly_the_documented_answer(string operation, string principal, string expected)
    {
        var actual = operation.StartsWith("agent.", StringComparison.Ordinal) || operation.StartsWith("visitor.", StringComparison.Ordinal)
            ? await CallHubAsync(operation, principal)
            : await CallRouteAsync(operation, principal);
        actual.Should().Be(expected, $"{principal} → {operation}");
    }

    private async Task<string> CallHubAsync(string operation, string principal)
    {
        var hub = operation[..operation.IndexOf('.')];
        var method = operation[(hub.Length + 1)..];
        var atConnect = await f.NegotiateAsync(principal, hub);
        if (atConnect != "ok") return atConnect;

        var sessionId = await PrepareChatForAsync(method, hub);
        var connection = await f.ConnectionAsync(principal, hub);
        try
        {
            object?[] arguments = method switch
            {
                "GetVisitorChats" => [f.VisitorA.VisitorId],
                "DeleteQuickReply" => [await QuickReplyOfAAsync()],
                "RevokeApiKey" => [await ApiKeyOfAAsync()],
                "DeleteArticle" => [await ArticleOfAAsync()],
                "DeleteLabel" => [await LabelOfAAsync()],
                "AddLabel" => [sessionId, await LabelOfAAsync()],
                "RemoveLabel" => [sessionId, await LabelOfAAsync()],
                "SetOperatorRoles" => [await OperatorOfAAsync(), new[] { "member" }],
                "SetOperatorDisabled" => [await OperatorOfAAsync(), true],
                "ResetOperatorPassword" => [await OperatorOfAAsync()],
                _ => ArgumentsFor(hub, method, sessionId),
            };
            if (method == "CloseChats")
            {
                // The call answers per chat: a chat it did not close shows as its refusal.
                var results = await connection.InvokeCoreAsync<IReadOnlyList<CloseChatResult>>(method, arguments);
                return results.Single().Error ?? "ok";
            }
            await connection.InvokeCoreAsync<object>(method, arguments);
            return "ok";
        }
        catch (HubException e)
        {
            return Outcome.CodeOf(e);
        }
    }

    /// <summary>A chat of tenant A by visitor A, in the status where the operation is legal for admin A / visitor A.</summary>
    private async Task<string> PrepareChatForAsync(string method, string hub)
    {
        var visitor = await f.ConnectionAsync("visitor A", "visitor");
        // Each case needs a chat of its own: visitor A closes the open one first.
        var open = await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        await visitor.InvokeAsync<VisitorSessionView>("CloseChat", open.Session.SessionId);
        var sessionId = (await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;

        var alex = await f.ConnectionAsync("admin A", "agent");
        var needsAssignment = hub == "agent" && method is "Transfer" or "Resolve" or "SendMessage" or "SetTyping" || method == "RateChat";
        if (needsAssignment) await alex.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        if (method == "RateChat") await alex.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        // Reopen and follow-ups act on a resolved chat of admin A's; a review on one rated 1 star.
        if (method is "Reopen" or "SetFollowUp" or "MarkReviewed")
        {
            await alex.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
            await alex.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        }
        if (method == "MarkReviewed")
        {
            await visitor.InvokeAsync<VisitorSessionView>("RateChat", sessionId, 1, null, false);
            await Testing.Eventually.GetAsync(() => alex.InvokeAsync<List<ChatSupport.Contracts.Reviews.ChatReview>>("GetReviews"),
                reviews => reviews.Any(r => r.SessionId == sessionId), what: "the 1-star chat in Needs review");
        }
        return sessionId;
    }

    /// <summary>A quick reply of tenant A, made by admin A: what DeleteQuickReply names.</summary>
    private async Task<object?> QuickReplyOfAAsync()
    {
        var alex = await f.ConnectionAsync("admin A", "agent");
        var reply = await alex.InvokeAsync<QuickReply>("SaveQuickReply", null, $"m-{Guid.NewGuid():N}"[..20], "Thanks for waiting.");
        return reply.Id;
    }

    /// <summary>An API key of tenant A, made by admin A: what RevokeApiKey names.</summary>
    private async Task<object?> ApiKeyOfAAsync()
    {
        var alex = await f.ConnectionAsync("admin A", "agent");
        return (await alex.InvokeAsync<ChatSupport.Contracts.ApiKeys.CreatedApiKey>("CreateApiKey", "matrix key", new[] { "read" })).Key.Id;
    }

    /// <summary>A knowledge article of tenant A, made by admin A: what DeleteArticle names.</summary>
    private async Task<object?> ArticleOfAAsync()
    {
        var alex = await f.ConnectionAsync("admin A", "agent");
        return (await alex.InvokeAsync<ChatSupport.Contracts.Knowledge.KnowledgeArticle>("SaveArticle", null, "Returns", "Within 30 days.", null)).Id;
    }

    /// <summary>A new operator of tenant A, added by admin A: what the Team page's changes name (never alex, whom other rows need).</summary>
    private async Task<object?> OperatorOfAAsync()
    {
        var alex = await f.ConnectionAsync("admin A", "agent");
        var username = $"m-{Guid.NewGuid():N}"[..20];
        await alex.InvokeAsync<object>("AddOperator", username, "Matrix Operator", new[] { "system_admin" });
        return username;
    }

    /// <summary>A label of tenant A, made by admin A: what DeleteLabel, AddLabel and RemoveLabel name.</summary>
    private async Task<object?> LabelOfAAsync()
    {
        var alex = await f.ConnectionAsync("admin A", "agent");
        return (await alex.InvokeAsync<ChatSupport.Contracts.Labels.ChatLabel>("SaveLabel", null, $"m-{Guid.NewGuid():N}"[..20], "#1d4ed8")).Id;
    }

    private static object?[] ArgumentsFor(string hub, string method, string sessionId) => (hub, method) switch
    {
        ("agent", "GetLabels" or "GetInbox" or "MarkNotificationsRead" or "GetReviews") => [],
        ("agent", "GetArticles" or "GetLearnedAnswers" or "GetSuggestionStats" or "GetAutomaticAnswerStats") => [],
        ("agent", "RecordSuggestionChoice") => [sessionId, ChatSupport.Contracts.Knowledge.SuggestionChoice.Edited],
        ("agent", "SaveArticle") => [null, "Delivery times", "Standard delivery takes 2–4 working days.", new[] { "delivery" }],
        ("agent", "ImportArticles") => ["json", "[{\"title\": \"Gift cards\", \"body\": \"Valid for 2 years.\"}]"],
        ("agent", "SearchKnowledge") => ["delivery"],
        ("agent", "ApproveLearnedAnswer" or "DiscardLearnedAnswer") => ["no-such-candidate"],
        ("agent", "SaveLabel") => [null, $"l-{Guid.NewGuid():N}"[..20], "#15803d"],
        ("agent", "AddNote") => [sessionId, Guid.NewGuid().ToString("N"), "a private note"],
        ("agent", "SetFollowUp") => [sessionId, DateTimeOffset.UtcNow.AddHours(2)],
        ("agent", "MarkReviewed") => [sessionId, "Called the visitor back."],
        ("agent", "GetDesk" or "GetTeam" or "GetQuickReplies" or "GetOperators" or "GetRouting" or "GetTeamAudit" or "GetPreferences" or "GetApiKeys") => [],
        ("agent", "SavePreferences") => [new ChatSupport.Contracts.People.AgentPreferences { Theme = "dark" }],
        ("agent", "CreateApiKey") => ["matrix key", new[] { "read" }],
        ("agent", "SetMyStatus") => ["online"],
        ("agent", "AddOperator") => [$"n-{Guid.NewGuid():N}"[..20], "New Operator", new[] { "member" }],
        ("agent", "SetAgentCapacity") => ["alex", null],
        ("agent", "SaveRouting") => [new ChatSupport.Contracts.Routing.RoutingSettings()],
        ("agent", "GetDeskPage") => ["w:0:a"],
        ("agent", "CloseChats") => [new[] { sessionId }],
        ("agent", "SaveQuickReply") => [null, $"r-{Guid.NewGuid():N}"[..20], "Thanks for waiting."],
        ("agent", "AssignTo") => [sessionId, "alex"],
        ("agent", "Transfer") => [sessionId, "sam", "over to you"],
        ("visitor", "StartChat") => [new VisitorMetadata()],
        (_, "OpenChat" or "Resume") => [sessionId, 0L],
        (_, "SendMessage") => [sessionId, Guid.NewGuid().ToString("N"), "hello"],
        (_, "GetHistory") => [sessionId, 0L, 10],
        (_, "SetTyping") => [sessionId, true],
        (_, "Acknowledge") => [sessionId, 0L, 0L],
        (_, "RateChat") => [sessionId, 5, null, false],
        _ => [sessionId],
    };

    private async Task<string> CallRouteAsync(string operation, string principal)
    {
        switch (operation)
        {
            case "GET /healthz" or "GET /healthz/live" or "GET /healthz/ready" or "GET /openapi/v1.json":
            {
                using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
                return await Outcome.OfAsync(await http.GetAsync(operation["GET /".Length..]));
            }
            case "GET /api/docs/{document}":
            {
                using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
                return await Outcome.OfAsync(await http.GetAsync("api/docs/v1"));
            }
            case "GET /api/auth/antiforgery":
            {
                var browser = await f.BrowserOfAsync(principal) ?? new OperatorBrowser(f.Host.BaseAddress);
                return await Outcome.OfAsync(await browser.GetAsync("api/auth/antiforgery"));
            }
            case "POST /api/visitor/token?tenant=A" or "POST /api/visitor/token?tenant=C" or "POST /api/visitor/token?tenant=D":
            {
                using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
                var tenant = operation[^1] switch { 'A' => f.A, 'C' => f.C, _ => f.D };
                return await Outcome.OfAsync(await http.PostAsJsonAsync($"api/visitor/token?tenant={tenant}", new { previousToken = f.TokenOf(principal)?.Token }));
            }
            case "POST /api/auth/sign-in":
            {
                using var browser = new OperatorBrowser(f.Host.BaseAddress);
                var (tenant, username, password) = f.Operators.TryGetValue(principal, out var op)
                    ? (op.Tenant, op.Username, ApiHost.OperatorPassword)
                    : (f.A, "alex", "a guess at the password");
                return await Outcome.OfAsync(await browser.SignInAsync(tenant, username, password));
            }
            case "GET /api/auth/me":
            {
                var browser = await f.BrowserOfAsync(principal) ?? new OperatorBrowser(f.Host.BaseAddress);
                return await Outcome.OfAsync(await browser.GetAsync("api/auth/me"));
            }
            case "GET /api/auth/me chatSupport":
            {
                // What the dashboard is told about chat support: "allowed", or the code of what is missing.
                var browser = await f.BrowserOfAsync(principal) ?? new OperatorBrowser(f.Host.BaseAddress);
                var response = await browser.GetAsync("api/auth/me");
                if (!response.IsSuccessStatusCode) return await Outcome.OfAsync(response);
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("chatSupport").GetString()!;
            }
            case "POST /api/auth/sign-out":
            {
                // A sign-in of its own: signing out the shared one would end the other cases' connections.
                using var browser = new OperatorBrowser(f.Host.BaseAddress);
                if (f.Operators.TryGetValue(principal, out var op)) (await browser.SignInAsync(op.Tenant, op.Username, ApiHost.OperatorPassword)).EnsureSuccessStatusCode();
                else await browser.SignInAsync(f.A, "nobody", "not a password");
                return await Outcome.OfAsync(await browser.SignOutAsync());
            }
            case "POST /api/analytics/backfill":
            {
                // With the anti-forgery header, as the dashboard sends it; a visitor's token is not a sign-in.
                var browser = await f.BrowserOfAsync(principal);
                if (browser is not null) return await Outcome.OfAsync(await browser.SendAsync(HttpMethod.Post, "api/analytics/backfill", new { }));
                using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
                if (f.TokenOf(principal) is { } token) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
                return await Outcome.OfAsync(await http.PostAsJsonAsync("api/analytics/backfill", new { }));
            }
            case var files when files.StartsWith("POST /api/attachments/", StringComparison.Ordinal) || files.StartsWith("GET /api/attachments/", StringComparison.Ordinal):
            {
                // A chat of visitor A, held by admin A, whose message 1 is a file: upload another, or ask for message 1's links.
                var sessionId = await f.ChatWithAttachmentAsync();
                var post = files.StartsWith("POST", StringComparison.Ordinal);
                var path = files[(files.IndexOf(' ') + 2)..].Replace("{session}", sessionId, StringComparison.Ordinal).Replace("{seq}", "1", StringComparison.Ordinal)
                           + (post ? "?clientMessageId=m2&name=b.pdf" : "");
                var browser = await f.BrowserOfAsync(principal);
                if (browser is not null)
                    return await Outcome.OfAsync(post ? await browser.PostBytesAsync(path, Attachments.Files.Pdf()) : await browser.GetAsync(path));
                using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
                if (f.TokenOf(principal) is { } token) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
                return await Outcome.OfAsync(post ? await http.PostAsync(path, new ByteArrayContent(Attachments.Files.Pdf())) : await http.GetAsync(path));
            }
            case "GET /files/{blob} signed link" or "GET /files/{blob} unsigned":
            {
                // A link admin A was given; anyone holding it opens the file (it is the permission), with their cookie or without.
                var sessionId = await f.ChatWithAttachmentAsync();
                var admin = (await f.BrowserOfAsync("admin A"))!;
                var link = (await (await admin.GetAsync($"api/attachments/agent/{sessionId}/1")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
                if (operation.EndsWith("unsigned", StringComparison.Ordinal)) link = link[..link.IndexOf('?')];
                var browser = await f.BrowserOfAsync(principal);
                if (browser is not null) return await Outcome.OfAsync(await browser.GetAsync(link));
                using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
                if (f.TokenOf(principal) is { } token) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
                return await Outcome.OfAsync(await http.GetAsync(link));
            }
            case "PUT /api/settings":
            {
                // The document as the principal can read it back (the defaults when they cannot), with the anti-forgery header.
                var browser = await f.BrowserOfAsync(principal);
                if (browser is not null)
                {
                    var current = await browser.GetAsync("api/settings");
                    object body = current.IsSuccessStatusCode ? (await current.Content.ReadFromJsonAsync<JsonElement>()) : new { };
                    return await Outcome.OfAsync(await browser.SendAsync(HttpMethod.Put, "api/settings", body));
                }
                using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
                if (f.TokenOf(principal) is { } token) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
                return await Outcome.OfAsync(await http.PutAsJsonAsync("api/settings", new { }));
            }
            case "POST /api/settings/holidays/import":
            {
                const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
                var browser = await f.BrowserOfAsync(principal);
                if (browser is not null) return await Outcome.OfAsync(await browser.SendAsync(HttpMethod.Post, "api/settings/holidays/import", new { ics }));
                using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
                if (f.TokenOf(principal) is { } token) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
                return await Outcome.OfAsync(await http.PostAsJsonAsync("api/settings/holidays/import", new { ics }));
            }
            case var hooks when hooks.Contains(" /api/webhooks", StringComparison.Ordinal):
            {
                // An endpoint of tenant A (a fresh one for DELETE, which must not take away the next case's); an unknown delivery id.
                var verb = new HttpMethod(hooks[..hooks.IndexOf(' ')]);
                var path = hooks[(hooks.IndexOf(' ') + 2)..];
                if (path.Contains("{endpoint}", StringComparison.Ordinal))
                    path = path.Replace("{endpoint}", await f.WebhookOfAAsync(fresh: verb == HttpMethod.Delete), StringComparison.Ordinal);
                path = path.Replace("{delivery}", "dlv_unknown", StringComparison.Ordinal);
                object? body = path.EndsWith("rotate-secret", StringComparison.Ordinal) ? new { overlapHours = 1 }
                    : verb == HttpMethod.Post || verb == HttpMethod.Put ? new { url = "https://93.184.215.14/hooks", events = new[] { "chat.rated" } } : null;
                if (path.EndsWith("redeliver", StringComparison.Ordinal)) body = null;
                var browser = await f.BrowserOfAsync(principal);
                if (browser is not null) return await Outcome.OfAsync(verb == HttpMethod.Get ? await browser.GetAsync(path) : await browser.SendAsync(verb, path, body));
                using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
                if (f.TokenOf(principal) is { } token) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
                return await Outcome.OfAsync(await http.SendAsync(new HttpRequestMessage(verb, path) { Content = body is null ? null : JsonContent.Create(body) }));
            }
            case "GET /api/visitor/settings?tenant=A":
            {
                using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
                return await Outcome.OfAsync(await http.GetAsync($"api/visitor/settings?tenant={f.A}"));
            }
            // Every other operator GET (archive, analytics, audit, …): the same call with the principal's credentials.
            case var get when get.StartsWith("GET /api/", StringComparison.Ordinal) || get == "GET /metrics":
            {
                var path = get["GET /".Length..].Replace("{session}", await f.ArchivedSessionAsync(), StringComparison.Ordinal);
                var browser = await f.BrowserOfAsync(principal);
                if (browser is not null) return await Outcome.OfAsync(await browser.GetAsync(path));
                using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
                if (f.TokenOf(principal) is { } token) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
                return await Outcome.OfAsync(await http.GetAsync(path));
            }
            // REST API v1's writes: only an API key opens them (docs/security.md, "API keys"), so every principal here is refused at the door.
            case var write when write.StartsWith("POST /api/v1/", StringComparison.Ordinal) || write.StartsWith("PUT /api/v1/", StringComparison.Ordinal)
                                                                            || write.StartsWith("DELETE /api/v1/", StringComparison.Ordinal):
            {
                var verb = new HttpMethod(write[..write.IndexOf(' ')]);
                var path = write[(verb.Method.Length + 2)..].Replace("{session}", await f.ArchivedSessionAsync(), StringComparison.Ordinal);
                var browser = await f.BrowserOfAsync(principal);
                if (browser is not null) return await Outcome.OfAsync(await browser.SendAsync(verb, path, new { }));
                using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
                if (f.TokenOf(principal) is { } token) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
                return await Outcome.OfAsync(await http.SendAsync(new HttpRequestMessage(verb, path) { Content = JsonContent.Create(new { }) }));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "The matrix names an operation the test does not know.");
        }
    }
}
