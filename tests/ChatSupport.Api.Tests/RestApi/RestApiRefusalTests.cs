using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Contracts.ApiKeys;
using ChatSupport.Contracts.Audit;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Api.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.RestApi;

/// <summary>Every refusal of REST API v1 as docs/protocol.md lists it: at the door (401, 403), and of the request (400 with the field, 409, 413).</summary>
[Collection(ApiCollection.Name)]
public sealed class RestApiRefusalTests(ApiHostFixture f)
{
    [Fact]
    public async Task No_key_an_unknown_key_a_revoked_key_and_a_signed_in_browser_are_401_and_a_missing_scope_is_403()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        using var reader = await RestApiClient.CreateAsync(f.Host, alex.Connection, ApiKeyScopes.Read);
        using var writer = await RestApiClient.CreateAsync(f.Host, alex.Connection, ApiKeyScopes.Write, ApiKeyScopes.Read);
        using var admin = await RestApiClient.CreateAsync(f.Host, alex.Connection, ApiKeyScopes.Admin);

        (await RestApiClient.OutcomeAsync(await reader.GetAsync("chats"))).Should().Be("ok");
        using (var none = RestApiClient.WithKey(f.Host, null))
            (await RestApiClient.OutcomeAsync(await none.GetAsync("chats"))).Should().Be("401 api_key_required");
        // The right shape with a guessed secret, and no shape at all, get the same answer.
        var guessed = reader.Key![..^43] + new string('A', 43);
        foreach (var wrong in new[] { guessed, "csk.nope", "not-a-key" })
        {
            using var client = RestApiClient.WithKey(f.Host, wrong);
            (await RestApiClient.OutcomeAsync(await client.GetAsync("chats"))).Should().Be("401 api_key_invalid", wrong);
        }
        // The dashboard's cookie does not open the REST API: a page on another site cannot drive it with the operator's cookie.
        (await RestApiClient.OutcomeAsync(await alex.Browser!.GetAsync("api/v1/chats"))).Should().Be("401 api_key_required");

        (await RestApiClient.OutcomeAsync(await reader.PostAsync("chats/x/resolve", null))).Should().Be("403 api_key_scope_required");
        (await RestApiClient.OutcomeAsync(await writer.GetAsync("chats"))).Should().Be("ok");
        var settings = await (await writer.GetAsync("settings")).Content.ReadFromJsonAsync<JsonElement>();
        (await RestApiClient.OutcomeAsync(await writer.SendRawAsync(HttpMethod.Put, "settings", settings.GetRawText()))).Should().Be("403 api_key_scope_required");
        (await RestApiClient.OutcomeAsync(await admin.SendRawAsync(HttpMethod.Put, "settings", settings.GetRawText()))).Should().Be("ok", "the admin scope saves settings");
        (await RestApiClient.OutcomeAsync(await admin.GetAsync("chats"))).Should().Be("403 api_key_scope_required", "scopes do not imply each other");

        await alex.Connection.InvokeAsync<ApiKeyInfo>("RevokeApiKey", reader.Info!.Id);
        (await RestApiClient.OutcomeAsync(await reader.GetAsync("chats"))).Should().Be("401 api_key_invalid", "a revoked key opens nothing from the next request on");
    }

    [Fact]
    public async Task A_key_is_shown_once_listed_by_its_prefix_and_audited_without_its_secret()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        var created = await alex.Connection.InvokeAsync<CreatedApiKey>("CreateApiKey", "CRM sync", new[] { "read", "write" });
        created.Secret.Should().StartWith(created.Key.Prefix + ".");
        using var api = RestApiClient.WithKey(f.Host, created.Secret);
        (await RestApiClient.OutcomeAsync(await api.GetAsync("quick-replies"))).Should().Be("ok");

        var listed = await alex.Connection.InvokeAsync<List<JsonElement>>("GetApiKeys");
        var row = listed.Should().ContainSingle().Subject;
        row.GetProperty("name").GetString().Should().Be("CRM sync");
        row.GetProperty("createdBy").GetString().Should().Be("alex");
        row.GetProperty("lastUsedAt").ValueKind.Should().NotBe(JsonValueKind.Null, "the use above is shown");
        row.GetRawText().Should().NotContain(created.Secret[(created.Key.Prefix.Length + 1)..], "the list never holds the secret");

        await alex.Connection.InvokeAsync<ApiKeyInfo>("RevokeApiKey", created.Key.Id);
        var revokeAgain = () => alex.Connection.InvokeAsync<ApiKeyInfo>("RevokeApiKey", created.Key.Id);
        (await revokeAgain.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("api_key_revoked");
        var bad = () => alex.Connection.InvokeAsync<CreatedApiKey>("CreateApiKey", "x", new[] { "superuser" });
        (await bad.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("invalid_input");

        var audit = await f.Host.Grains.GetGrain<IAuditLogGrain>(tenant).List(ChatSupport.Api.Hubs.AgentHub.ApiKeysArea, null);
        audit.Entries.Select(e => e.Action).Should().Equal("api_key_revoked", "api_key_created");
        audit.Entries.Should().OnlyContain(e => e.Actor == "alex" && e.Target == created.Key.Prefix);
        JsonSerializer.Serialize(audit).Should().NotContain(created.Secret[(created.Key.Prefix.Length + 1)..], "the audit log never holds the secret");
    }

    [Fact]
    public async Task Bad_bodies_are_400_naming_the_field_413_when_too_large_and_refusals_keep_the_hub_codes()
    {
        var tenant = await f.Host.NewTenantAsync();
        var other = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        await f.Host.EnsureOperatorAsync(tenant, "sam", "Sam");
        using var api = await RestApiClient.CreateAsync(f.Host, alex.Connection, ApiKeyScopes.Read, ApiKeyScopes.Write);
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await using var stranger = await ChatParticipant.VisitorAsync(f.Host, other);
        var otherSession = (await stranger.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;

        (await FieldAsync(await api.SendRawAsync(HttpMethod.Post, $"chats/{sessionId}/messages", """{"agentId": "alex", "text": 5}"""))).Should().Be("400 invalid_input text");
        (await FieldAsync(await api.SendRawAsync(HttpMethod.Post, $"chats/{sessionId}/assign", """{"agentId": """))).Should().Be("400 invalid_input agentId");
        (await FieldAsync(await api.SendRawAsync(HttpMethod.Post, $"chats/{sessionId}/assign", "[1, 2]"))).Should().Be("400 invalid_input $");
        (await FieldAsync(await api.PostAsync($"chats/{sessionId}/assign", new { }))).Should().Be("400 invalid_input agentId");
        (await FieldAsync(await api.PostAsync($"chats/{sessionId}/assign", new { agentId = "alex" }, "bad key!"))).Should().Be("400 invalid_input Idempotency-Key");
        var huge = JsonSerializer.Serialize(new { agentId = "alex", text = new string('x', 70_000) });
        (await FieldAsync(await api.SendRawAsync(HttpMethod.Post, $"chats/{sessionId}/messages", huge))).Should().Be("413 body_too_large -");

        (await FieldAsync(await api.PostAsync($"chats/{sessionId}/transfer", new { toAgentId = "sam" }))).Should().Be("409 not_assigned -",
            "the session grain's refusal, as the hub gives it");
        (await FieldAsync(await api.PostAsync($"chats/{sessionId}/assign", new { agentId = "nobody" }))).Should().Be("404 unknown_agent -");
        (await FieldAsync(await api.PostAsync($"chats/{otherSession}/assign", new { agentId = "alex" }))).Should().Be("404 unknown_session -",
            "another workspace's chat is unknown to this key");
        (await RestApiClient.OutcomeAsync(await api.PostAsync($"chats/{sessionId}/assign", new { agentId = "sam" }))).Should().Be("ok");
        (await FieldAsync(await api.PostAsync($"chats/{sessionId}/assign", new { agentId = "alex" }))).Should().Be("409 already_assigned -");
        (await FieldAsync(await api.PostAsync($"chats/{sessionId}/messages", new { agentId = "alex", text = "hi" }))).Should().Be("403 not_assigned_agent -",
            "only the assigned agent writes in a chat");
        (await FieldAsync(await api.GetAsync($"chats/{sessionId}/messages?afterSeq=abc"))).Should().Be("400 invalid_input afterSeq");

        var page = await api.GetJsonAsync<ChatSupport.Contracts.Messages.MessagePage>($"chats/{sessionId}/messages");
        page.Messages.Should().BeEmpty("no refused write stored anything");
    }

    [Fact]
    public async Task A_key_over_its_rate_limit_is_told_to_slow_down_while_another_key_goes_on()
    {
        await using var host = await ApiHost.StartAsync(["ChatSupport:Security:RateLimits:ApiRequestsPerKey=3", "ChatSupport:Security:RateLimits:ApiKeyWindow=00:10:00"]);
        var tenant = await host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(host, tenant, "alex", "Alex");
        using var busy = await RestApiClient.CreateAsync(host, alex.Connection, ApiKeyScopes.Read);
        using var quiet = await RestApiClient.CreateAsync(host, alex.Connection, ApiKeyScopes.Read);
        for (var i = 0; i < 3; i++) (await RestApiClient.OutcomeAsync(await busy.GetAsync("quick-replies"))).Should().Be("ok");
        (await RestApiClient.OutcomeAsync(await busy.GetAsync("quick-replies"))).Should().Be("429 slow_down");
        (await RestApiClient.OutcomeAsync(await quiet.GetAsync("quick-replies"))).Should().Be("ok", "each key has its own budget");
    }

    /// <summary>"STATUS code field" ("-" when the refusal names no field).</summary>
    private static async Task<string> FieldAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var field = body.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : "-";
        return $"{(int)response.StatusCode} {body.GetProperty("error").GetString()} {field}";
    }
}
