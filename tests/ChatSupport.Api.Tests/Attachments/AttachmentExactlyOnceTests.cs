using ChatSupport.Contracts;
using ChatSupport.Contracts.Sessions;
using Orleans.Core.Internal;

namespace ChatSupport.Api.Tests.Attachments;

/// <summary>An upload retried with the same client message id is one file and one message, whatever happened between.</summary>
[Collection(AttachmentCollection.Name)]
public sealed class AttachmentExactlyOnceTests(AttachmentFixture f)
{
    [Fact]
    public async Task A_retried_upload_is_one_message_and_one_file_with_the_first_acknowledgement()
    {
        var tenant = await f.TenantWithAttachmentsAsync();
        await using var chat = await f.OpenChatAsync(tenant);
        var first = await Responses.JsonOf(await chat.VisitorUploadAsync("photo.png", Files.Png(), "up-1"));
        var retry = await Responses.JsonOf(await chat.VisitorUploadAsync("photo.png", Files.Png(), "up-1"));
        retry.GetProperty("seq").GetInt64().Should().Be(first.GetProperty("seq").GetInt64());
        retry.GetProperty("duplicate").GetBoolean().Should().BeTrue();
        first.GetProperty("duplicate").GetBoolean().Should().BeFalse();
        (await chat.HistoryAsync()).Should().ContainSingle();
        (await f.BlobsOfAsync(tenant)).Should().HaveCount(2, "one file and its thumbnail");
    }

    [Fact]
    public async Task A_retry_after_the_session_lost_its_activation_is_still_one_message_and_one_file()
    {
        var tenant = await f.TenantWithAttachmentsAsync();
        await using var chat = await f.OpenChatAsync(tenant);
        await chat.Visitor.SendAsync(chat.SessionId, "t1", "before the file");
        var first = await Responses.JsonOf(await chat.VisitorUploadAsync("invoice.pdf", Files.Pdf(), "up-2"));
        // The activation that stored the message dies (as with its silo): the next one knows the client id only from the log.
        var session = f.Host.Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, chat.SessionId));
        await session.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var retry = await Responses.JsonOf(await chat.VisitorUploadAsync("invoice.pdf", Files.Pdf(), "up-2"));
        retry.GetProperty("seq").GetInt64().Should().Be(2);
        retry.GetProperty("duplicate").GetBoolean().Should().BeTrue();
        first.GetProperty("seq").GetInt64().Should().Be(2);
        (await chat.HistoryAsync()).Select(m => m.Seq).Should().Equal(1L, 2L);
        (await f.BlobsOfAsync(tenant)).Should().ContainSingle();
        // The same client id from the agent is the agent's own file, not the visitor's retry.
        var agents = await Responses.JsonOf(await chat.AgentUploadAsync("invoice.pdf", Files.Pdf(), "up-2"));
        agents.GetProperty("seq").GetInt64().Should().Be(3);
        (await f.BlobsOfAsync(tenant)).Should().HaveCount(2);
    }
}
