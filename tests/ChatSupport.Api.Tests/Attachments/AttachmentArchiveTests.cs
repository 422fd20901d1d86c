using System.Text.Json;
using ChatSupport.Api.Attachments;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Api.Tests.Attachments;

/// <summary>Files stay with their chat in the archive and its exports, and go with the tenant's chat data.</summary>
[Collection(AttachmentCollection.Name)]
public sealed class AttachmentArchiveTests(AttachmentFixture f)
{
    [Fact]
    public async Task Transcripts_and_exports_list_each_file_with_its_name_type_size_and_the_admins_route_that_opens_it()
    {
        var tenant = await f.TenantWithAttachmentsAsync();
        await using var chat = await f.OpenChatAsync(tenant);
        await chat.Visitor.SendAsync(chat.SessionId, "t1", "my invoice");
        await Responses.JsonOf(await chat.VisitorUploadAsync("invoice.pdf", Files.Pdf(), "v2"));
        await chat.Agent.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", chat.SessionId);
        var admin = chat.Agent.Browser!;
        await Eventually.GetAsync(() => admin.GetAsync($"api/archive/chats/{chat.SessionId}"), r => r.IsSuccessStatusCode, what: "the chat in the archive");

        var transcript = await Responses.JsonOf(await admin.GetAsync($"api/archive/chats/{chat.SessionId}/messages"));
        transcript.GetProperty("messages")[1].GetProperty("attachment").GetProperty("fileName").GetString().Should().Be("invoice.pdf");

        var json = await Responses.JsonOf(await admin.GetAsync($"api/archive/chats/{chat.SessionId}/export?format=json"));
        var file = json.GetProperty("chats")[0].GetProperty("messages")[1].GetProperty("attachment");
        file.GetProperty("fileName").GetString().Should().Be("invoice.pdf");
        file.GetProperty("contentType").GetString().Should().Be("application/pdf");
        file.GetProperty("size").GetInt64().Should().Be(Files.Pdf().Length);
        var route = file.GetProperty("link").GetString()!;
        route.Should().Be($"/api/attachments/agent/{chat.SessionId}/2");
        // The route the export names opens the file for an admin, long after any link would have expired.
        var link = await Responses.JsonOf(await admin.GetAsync(route.TrimStart('/')));
        (await (await Chat.OpenLinkAsync(new Uri(f.Host.BaseAddress, link.GetProperty("url").GetString()).ToString())).Content.ReadAsByteArrayAsync()).Should().Equal(Files.Pdf());

        var text = await (await admin.GetAsync($"api/archive/chats/{chat.SessionId}/export?format=text")).Content.ReadAsStringAsync();
        text.Should().Contain($"[file] invoice.pdf (application/pdf, {Files.Pdf().Length} bytes) /api/attachments/agent/{chat.SessionId}/2");
        var csv = await (await admin.GetAsync($"api/archive/chats/{chat.SessionId}/export?format=csv")).Content.ReadAsStringAsync();
        csv.Should().Contain("[file] invoice.pdf (application/pdf");
    }

    [Fact]
    public async Task Deleting_a_tenants_files_deletes_all_of_them_and_nothing_of_another_tenant()
    {
        var tenant = await f.TenantWithAttachmentsAsync();
        var other = await f.TenantWithAttachmentsAsync();
        await using (var chat = await f.OpenChatAsync(tenant))
        {
            await Responses.JsonOf(await chat.VisitorUploadAsync("a.png", Files.Png()));
            await Responses.JsonOf(await chat.VisitorUploadAsync("b.pdf", Files.Pdf()));
        }
        await using (var chat = await f.OpenChatAsync(other)) await Responses.JsonOf(await chat.VisitorUploadAsync("c.pdf", Files.Pdf()));

        var deleted = await f.Host.Services.GetRequiredService<AttachmentBlobs>().DeleteTenantAsync(tenant, CancellationToken.None);
        deleted.Should().Be(3, "two files and a thumbnail");
        (await f.BlobsOfAsync(tenant)).Should().BeEmpty();
        (await f.BlobsOfAsync(other)).Should().ContainSingle();
    }
}
