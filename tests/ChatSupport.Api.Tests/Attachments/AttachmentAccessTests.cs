using System.Net;
using ChatSupport.Api.Attachments;
using ChatSupport.Api.Security;
using ChatSupport.Contracts.Attachments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Tests.Attachments;

/// <summary>Files reach only the chat's visitor and the tenant's agents, through links that expire and cannot be altered.</summary>
[Collection(AttachmentCollection.Name)]
public sealed class AttachmentAccessTests(AttachmentFixture f)
{
    [Fact]
    public async Task Another_visitor_and_another_tenants_agent_get_404_for_links_and_uploads_and_anonymous_gets_401()
    {
        var tenant = await f.TenantWithAttachmentsAsync();
        var other = await f.TenantWithAttachmentsAsync();
        await using var chat = await f.OpenChatAsync(tenant);
        await Responses.JsonOf(await chat.VisitorUploadAsync("invoice.pdf", Files.Pdf(), "v1"));

        var sameTenantVisitor = await f.Host.VisitorTokenAsync(tenant);
        var otherTenantVisitor = await f.Host.VisitorTokenAsync(other);
        (await Responses.RefusalOf(await chat.VisitorLinkAsync(1, sameTenantVisitor.Token))).Should().Match<(int, string?, string?)>(r => r.Item1 == 404);
        (await Responses.RefusalOf(await chat.VisitorLinkAsync(1, otherTenantVisitor.Token))).Should().Match<(int, string?, string?)>(r => r.Item1 == 404 && r.Item2 == "unknown_session");
        (await Responses.RefusalOf(await chat.VisitorUploadAsync("x.pdf", Files.Pdf(), token: sameTenantVisitor.Token))).Item1.Should().Be(404);
        (await Responses.RefusalOf(await chat.VisitorUploadAsync("x.pdf", Files.Pdf(), token: otherTenantVisitor.Token))).Item2.Should().Be("unknown_session");
        (await Responses.RefusalOf(await chat.VisitorUploadAsync("x.pdf", Files.Pdf(), token: ""))).Should().Match<(int, string?, string?)>(r => r.Item1 == 401 && r.Item2 == "visitor_token_required");

        await f.Host.EnsureOperatorAsync(other, "bea", "Bea");
        using var bea = await f.Host.SignInAsync(other, "bea");
        (await Responses.RefusalOf(await chat.AgentLinkAsync(1, bea))).Should().Match<(int, string?, string?)>(r => r.Item1 == 404 && r.Item2 == "unknown_session");
        (await Responses.RefusalOf(await bea.PostBytesAsync($"api/attachments/agent/{chat.SessionId}?clientMessageId=b1&name=x.pdf", Files.Pdf()))).Item2.Should().Be("unknown_session");
        // A message without a file has no link.
        await chat.Visitor.SendAsync(chat.SessionId, "t1", "text only");
        (await Responses.RefusalOf(await chat.VisitorLinkAsync(2))).Should().Match<(int, string?, string?)>(r => r.Item1 == 404 && r.Item2 == "unknown_attachment");
        (await chat.HistoryAsync()).Should().HaveCount(2, "nothing the refused callers sent was stored");
        (await f.BlobsOfAsync(tenant)).Should().ContainSingle();
        (await f.BlobsOfAsync(other)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_agent_upload_without_the_anti_forgery_header_is_refused()
    {
        var tenant = await f.TenantWithAttachmentsAsync();
        await using var chat = await f.OpenChatAsync(tenant);
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = chat.Agent.Browser!.Cookies }) { BaseAddress = f.Host.BaseAddress };
        var response = await http.PostAsync($"api/attachments/agent/{chat.SessionId}?clientMessageId=a1&name=x.pdf", new ByteArrayContent(Files.Pdf()));
        (await Responses.RefusalOf(response)).Item2.Should().Be("antiforgery_required");
        (await f.BlobsOfAsync(tenant)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_an_altered_one_opens_nothing_and_the_files_route_reads_no_cookie()
    {
        var tenant = await f.TenantWithAttachmentsAsync();
        await using var chat = await f.OpenChatAsync(tenant);
        var sent = await Responses.JsonOf(await chat.VisitorUploadAsync("invoice.pdf", Files.Pdf(), "v1"));
        var attachment = System.Text.Json.JsonSerializer.Deserialize<MessageAttachment>(sent.GetProperty("attachment").GetRawText(),
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

        // A link minted 20 minutes ago by the host's own key: its signature holds, its time is over.
        var old = new AttachmentLinks(f.Host.Services.GetRequiredService<VisitorTokens>(), f.Host.Services.GetRequiredService<IOptions<AttachmentOptions>>(), new PastClock(TimeSpan.FromMinutes(20)));
        var (expiredUrl, expiredAt) = old.Mint(tenant, chat.SessionId, attachment, thumbnail: false);
        expiredAt.Should().BeBefore(DateTimeOffset.UtcNow);
        var expired = await Chat.OpenLinkAsync(new Uri(f.Host.BaseAddress, expiredUrl).ToString());
        (await Responses.RefusalOf(expired)).Should().Be((403, "link_expired", AttachmentErrors.LinkExpired().Message));

        // Moving the expiry, the type (to make it render as a page) or the blob breaks the signature.
        var fresh = (await Responses.JsonOf(await chat.VisitorLinkAsync(1))).GetProperty("url").GetString()!;
        var later = System.Text.RegularExpressions.Regex.Replace(expiredUrl, @"exp=\d+", $"exp={DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}");
        foreach (var altered in new[] { later, fresh.Replace("type=application%2Fpdf", "type=text%2Fhtml"), fresh.Replace("inline=0", "inline=1") })
            (await Chat.OpenLinkAsync(new Uri(f.Host.BaseAddress, altered).ToString())).StatusCode.Should().Be(HttpStatusCode.NotFound, altered);
        // The agent's cookie opens no file by itself: the route answers only a signed link.
        var bare = fresh[..fresh.IndexOf('?')];
        (await chat.Agent.Browser!.GetAsync(bare)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Chat.OpenLinkAsync(new Uri(f.Host.BaseAddress, fresh).ToString())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private sealed class PastClock(TimeSpan ago) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() - ago;
    }
}

/// <summary>The widget uploads from the customer's site: the preflight is answered for the tenant's own origins only.</summary>
[Collection(AttachmentCollection.Name)]
public sealed class AttachmentCorsTests(AttachmentFixture f)
{
    [Theory]
    [InlineData(ApiHost.AllowedOrigin, true)]
    [InlineData("https://evil.example", false)]
    public async Task The_upload_preflight_allows_the_tenants_widget_origins_and_no_other(string origin, bool allowed)
    {
        var tenant = await f.TenantWithAttachmentsAsync();
        using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
        foreach (var (path, method) in new[] { ($"api/attachments/visitor/s1?clientMessageId=c1&name=a.pdf&tenant={tenant}", "POST"), ($"api/attachments/visitor/s1/1?tenant={tenant}", "GET") })
        {
            var preflight = new HttpRequestMessage(HttpMethod.Options, path);
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", method);
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
            var response = await http.SendAsync(preflight);
            response.Headers.TryGetValues("Access-Control-Allow-Origin", out var allow);
            (allow?.SingleOrDefault() == origin).Should().Be(allowed, $"{method} {path} from {origin}");
        }
    }
}
