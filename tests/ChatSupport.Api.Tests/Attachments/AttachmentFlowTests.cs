using System.Text;
using ChatSupport.Contracts.Attachments;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Attachments;

/// <summary>Files sent in a chat: messages of its log, seen by both sides, opened through short-lived links with safe headers.</summary>
[Collection(AttachmentCollection.Name)]
public sealed class AttachmentFlowTests(AttachmentFixture f)
{
    [Fact]
    public async Task A_visitors_photo_and_pdf_are_messages_of_the_log_the_agent_sees_and_opens_with_safe_headers()
    {
        var tenant = await f.TenantWithAttachmentsAsync();
        await using var chat = await f.OpenChatAsync(tenant);
        await chat.Visitor.SendAsync(chat.SessionId, "v1", "Here is my receipt");

        var photo = await Responses.JsonOf(await chat.VisitorUploadAsync("receipt photo.jpg", Files.JpegWithExif("SECRET-ARTIST-42"), "v2"));
        var pdf = await Responses.JsonOf(await chat.VisitorUploadAsync("invoice.pdf", Files.Pdf(), "v3"));
        photo.GetProperty("seq").GetInt64().Should().Be(2, "a file is the next message of the log");
        pdf.GetProperty("seq").GetInt64().Should().Be(3);
        pdf.GetProperty("attachment").GetProperty("contentType").GetString().Should().Be("application/pdf");

        // The agent receives both live, as messages carrying their files.
        var live = await Eventually.GetAsync(() => Task.FromResult(chat.Agent.Messages.Snapshot()), m => m.Count(e => e.Message.Attachment is not null) == 2,
            what: "both files at the agent");
        var files = live.Where(e => e.Message.Attachment is not null).OrderBy(e => e.Message.Seq).Select(e => e.Message).ToList();
        files[0].Attachment!.Should().BeEquivalentTo(new { FileName = "receipt photo.jpg", ContentType = "image/jpeg", HasThumbnail = true, Width = 800, Height = 600 });
        files[1].Attachment!.Should().BeEquivalentTo(new { FileName = "invoice.pdf", ContentType = "application/pdf", HasThumbnail = false, Size = (long)Files.Pdf().Length });
        files[1].Text.Should().Be("invoice.pdf", "the message's text is the file's name, so transcripts read right");
        // The visitor's own history lists them in order, after the text.
        (await chat.HistoryAsync()).Select(m => (m.Seq, m.Attachment?.FileName)).Should().Equal((1L, null), (2L, "receipt photo.jpg"), (3L, "invoice.pdf"));

        // The agent downloads the PDF through a link that works without any cookie.
        var link = await Responses.JsonOf(await chat.AgentLinkAsync(3));
        link.GetProperty("thumbnailUrl").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "a PDF is a card, not a thumbnail");
        var expires = link.GetProperty("expiresAt").GetDateTimeOffset();
        expires.Should().BeAfter(DateTimeOffset.UtcNow).And.BeOnOrBefore(DateTimeOffset.UtcNow.AddMinutes(15), "links are short-lived");
        var download = await Chat.OpenLinkAsync(new Uri(f.Host.BaseAddress, link.GetProperty("url").GetString()).ToString());
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(Files.Pdf());
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.Should().Be("invoice.pdf");
        download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        download.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("sandbox");

        // The photo's thumbnail is shown inline, made on the server, with its EXIF gone.
        var photoLink = await Responses.JsonOf(await chat.VisitorLinkAsync(2));
        var thumb = await Chat.OpenLinkAsync(new Uri(f.Host.BaseAddress, photoLink.GetProperty("thumbnailUrl").GetString()).ToString());
        thumb.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        thumb.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("sandbox");
        var thumbBytes = await thumb.Content.ReadAsByteArrayAsync();
        using (var image = SixLabors.ImageSharp.Image.Load(thumbBytes))
        {
            Math.Max(image.Width, image.Height).Should().BeLessThanOrEqualTo(320);
            image.Metadata.ExifProfile.Should().BeNull();
        }
        Encoding.ASCII.GetString(thumbBytes).Should().NotContain("SECRET-ARTIST-42");
        (await f.BlobsOfAsync(tenant)).Should().HaveCount(3, "the photo, its thumbnail and the PDF");
    }

    [Fact]
    public async Task The_agent_attaches_a_file_from_the_mini_chat_and_the_visitor_receives_it()
    {
        var tenant = await f.TenantWithAttachmentsAsync();
        await using var chat = await f.OpenChatAsync(tenant);
        var sent = await Responses.JsonOf(await chat.AgentUploadAsync("steps.txt", Files.Text("1. Open settings\n2. Reset\n"), "a1"));
        sent.GetProperty("seq").GetInt64().Should().Be(1);
        var atVisitor = await Eventually.GetAsync(() => Task.FromResult(chat.Visitor.Messages.Snapshot()), m => m.Count > 0, what: "the file at the visitor");
        atVisitor.Single().Message.Attachment!.Should().BeEquivalentTo(new { FileName = "steps.txt", ContentType = "text/plain" });
        var link = await Responses.JsonOf(await chat.VisitorLinkAsync(1));
        var file = await Chat.OpenLinkAsync(new Uri(f.Host.BaseAddress, link.GetProperty("url").GetString()).ToString());
        (await file.Content.ReadAsStringAsync()).Should().Be("1. Open settings\n2. Reset\n");
        // The agent's first message made the chat active, as a text reply would.
        (await chat.Agent.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", chat.SessionId)).Status.Should().Be(ChatStatus.ActiveChat);
    }

    [Fact]
    public async Task The_widget_and_the_dashboard_are_told_the_limits_only_when_the_plan_has_attachments()
    {
        var with = await f.TenantWithAttachmentsAsync();
        var without = await f.Host.NewTenantAsync();
        using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
        var withToken = await Responses.JsonOf(await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, $"api/visitor/token?tenant={with}", new { }));
        withToken.GetProperty("attachments").GetProperty("maxBytes").GetInt64().Should().Be(AttachmentTypes.DefaultMaxBytes);
        withToken.GetProperty("attachments").GetProperty("accept").GetString().Should().Contain(".pdf").And.NotContain(".svg");
        var withoutToken = await Responses.JsonOf(await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, $"api/visitor/token?tenant={without}", new { }));
        withoutToken.GetProperty("attachments").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }
}
