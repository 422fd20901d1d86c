using System.Text;
using ChatSupport.Contracts.Attachments;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Attachments;

/// <summary>Every refused upload says why with a code and a sentence, and stores nothing: no message, no blob.</summary>
[Collection(AttachmentCollection.Name)]
public sealed class AttachmentRefusalTests(AttachmentFixture f)
{
    public static TheoryData<string, string, int, string> Cases() => new()
    {
        // case, file name, expected status, expected code
        { "svg", "logo.svg", 400, "attachment_type_refused" },
        { "svg named png", "logo.png", 400, "attachment_type_refused" },
        { "html", "page.html", 400, "attachment_type_refused" },
        { "html named txt", "notes.txt", 400, "attachment_type_refused" },
        { "xml", "data.xml", 400, "attachment_type_refused" },
        { "javascript", "app.js", 400, "attachment_type_refused" },
        { "executable renamed pdf", "invoice.pdf", 400, "attachment_type_refused" },
        { "png named pdf", "invoice.pdf", 400, "attachment_type_refused" },
        { "broken png", "photo.png", 400, "attachment_type_refused" },
        { "empty", "empty.txt", 400, "attachment_empty" },
        { "traversal", "../../etc/passwd.txt", 400, "invalid_file_name" },
        { "rtl override", "Eve\u202Efdp.exe", 400, "invalid_file_name" },
        { "eicar", "eicar.txt", 400, "attachment_rejected" },
        { "over the size", "big.pdf", 413, "attachment_too_large" },
    };

    private static byte[] Body(string @case) => @case switch
    {
        "svg" or "svg named png" => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
        "html" or "html named txt" => Encoding.UTF8.GetBytes("  <!DOCTYPE html><script>alert(document.cookie)</script>"),
        "xml" => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><a/>"),
        "javascript" => Encoding.UTF8.GetBytes("alert(document.cookie)"),
        "executable renamed pdf" => Files.Executable(),
        "png named pdf" => Files.Png(),
        "broken png" => [.. Files.Png().Take(16)],
        "empty" => [],
        "traversal" or "rtl override" => Files.Pdf(),
        "eicar" => Encoding.ASCII.GetBytes(EicarScanner.Eicar),
        "over the size" => [.. Files.Pdf(), .. new byte[AttachmentTypes.DefaultMaxBytes]],
        _ => throw new ArgumentOutOfRangeException(nameof(@case)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_refused_upload_names_its_reason_and_leaves_no_message_and_no_blob(string @case, string name, int status, string code)
    {
        var tenant = await f.TenantWithAttachmentsAsync();
        await using var chat = await f.OpenChatAsync(tenant);
        var refusal = await Responses.RefusalOf(await chat.VisitorUploadAsync(name, Body(@case)));
        refusal.Should().Match<(int Status, string? Code, string? Message)>(r => r.Status == status && r.Code == code, @case);
        refusal.Message.Should().NotBeNullOrWhiteSpace().And.EndWith(".");
        (await chat.HistoryAsync()).Should().BeEmpty($"a refused upload ({@case}) stores no message");
        (await f.BlobsOfAsync(tenant)).Should().BeEmpty($"a refused upload ({@case}) leaves no blob behind");
    }

    [Fact]
    public async Task A_tenant_without_the_attachments_feature_is_refused_and_stores_nothing()
    {
        var tenant = await f.Host.NewTenantAsync(); // Scale + Priority Support, no attachments
        await using var chat = await f.OpenChatAsync(tenant);
        var visitor = await Responses.RefusalOf(await chat.VisitorUploadAsync("invoice.pdf", Files.Pdf()));
        var agent = await Responses.RefusalOf(await chat.AgentUploadAsync("invoice.pdf", Files.Pdf()));
        visitor.Should().Be((403, "attachments_not_in_plan", AttachmentErrors.NotInPlan().Message));
        agent.Should().Be((403, "attachments_not_in_plan", AttachmentErrors.NotInPlan().Message));
        (await chat.HistoryAsync()).Should().BeEmpty();
        (await f.BlobsOfAsync(tenant)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_upload_after_the_chat_is_resolved_is_refused_and_stores_nothing()
    {
        var tenant = await f.TenantWithAttachmentsAsync();
        await using var chat = await f.OpenChatAsync(tenant);
        await chat.Agent.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", chat.SessionId);
        (await Responses.RefusalOf(await chat.VisitorUploadAsync("invoice.pdf", Files.Pdf()))).Should().Be((409, "chat_resolved", ChatErrors.ChatResolved().Message));
        (await chat.HistoryAsync()).Should().BeEmpty();
        (await f.BlobsOfAsync(tenant)).Should().BeEmpty();
    }

    [Fact]
    public async Task Tenant_limits_hold_size_count_and_types_within_the_server_maxima()
    {
        var tenant = await f.TenantWithAttachmentsAsync(new AttachmentSettings { MaxBytes = 1024, MaxPerChat = 2, AllowedTypes = ["pdf", "text", "svg"] });
        await using var chat = await f.OpenChatAsync(tenant);
        (await Responses.RefusalOf(await chat.VisitorUploadAsync("big.txt", Files.Text(new string('a', 1025))))).Code.Should().Be("attachment_too_large");
        (await Responses.RefusalOf(await chat.VisitorUploadAsync("photo.png", Files.Png()))).Code.Should().Be("attachment_type_refused", "PNG is not in this tenant's list");
        (await Responses.RefusalOf(await chat.VisitorUploadAsync("logo.svg", Encoding.UTF8.GetBytes("<svg/>")))).Code
            .Should().Be("attachment_type_refused", "a tenant cannot allow SVG: it is in no list");
        await Responses.JsonOf(await chat.VisitorUploadAsync("one.pdf", Files.Pdf()));
        await Responses.JsonOf(await chat.AgentUploadAsync("two.txt", Files.Text("two")));
        var third = await Responses.RefusalOf(await chat.VisitorUploadAsync("three.pdf", Files.Pdf()));
        third.Should().Be((409, "attachment_limit_reached", AttachmentErrors.LimitReached(2).Message));
        (await chat.HistoryAsync()).Should().HaveCount(2);
        (await f.BlobsOfAsync(tenant)).Should().HaveCount(2);

        // Settings over the server's maxima are held to them: 25 MB, 100 files.
        new AttachmentSettings { MaxBytes = 1L << 40, MaxPerChat = 100_000 }.Clamped()
            .Should().BeEquivalentTo(new { MaxBytes = AttachmentTypes.MaxBytesLimit, MaxPerChat = AttachmentTypes.MaxPerChatLimit });
    }
}
