using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using ChatSupport.Api.Attachments;
using ChatSupport.Contracts.Attachments;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Api.Tests.Attachments;

/// <summary>Refuses a file holding the EICAR test string, as a virus scanner does: the quarantine path, without ClamAV.</summary>
public sealed class EicarScanner : IAttachmentScanner
{
    public const string Eicar = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    public Task<ScanVerdict> ScanAsync(ReadOnlyMemory<byte> file, CancellationToken ct) =>
        Task.FromResult(Encoding.ASCII.GetString(file.Span).Contains(Eicar, StringComparison.Ordinal) ? ScanVerdict.Infected : ScanVerdict.Clean);
}

/// <summary>One host whose scanner rejects EICAR; tenants with and without the attachments feature.</summary>
public sealed class AttachmentFixture : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await ApiHost.StartAsync(configure: b => b.Services.AddSingleton<IAttachmentScanner, EicarScanner>());

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }

    public Task<string> TenantWithAttachmentsAsync(AttachmentSettings? settings = null) => settings is null
        ? Host.NewTenantAsync(Plans.Scale, Features.PrioritySupport, Features.Attachments)
        : ConfigureAsync(settings);

    private async Task<string> ConfigureAsync(AttachmentSettings settings)
    {
        var id = "t" + Guid.NewGuid().ToString("N")[..12];
        await Host.Grains.GetGrain<ITenantGrain>(id).Configure(new TenantSettings
        {
            Name = id, Plan = Plans.Scale, Features = [Features.PrioritySupport, Features.Attachments],
            AllowedOrigins = [ApiHost.AllowedOrigin], Attachments = settings,
        });
        return id;
    }

    /// <summary>Every blob stored under the tenant's prefix: what a refusal must leave empty.</summary>
    public async Task<List<string>> BlobsOfAsync(string tenant)
    {
        var names = new List<string>();
        var container = Host.Services.GetRequiredService<AttachmentBlobs>().Container;
        await container.CreateIfNotExistsAsync();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, tenant + "/", CancellationToken.None)) names.Add(blob.Name);
        return names;
    }

    /// <summary>A visitor of the tenant with an open chat that an agent (alex) holds, so both sides may send.</summary>
    public async Task<Chat> OpenChatAsync(string tenant)
    {
        var visitor = await ChatParticipant.VisitorAsync(Host, tenant);
        var agent = await ChatParticipant.AgentAsync(Host, tenant, "alex", "Alex");
        var started = await visitor.Connection.InvokeAsync<ChatSupport.Api.Hubs.VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Robin" });
        await agent.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", started.Session.SessionId);
        await agent.Connection.InvokeAsync<JsonElement>("OpenChat", started.Session.SessionId, 0L);
        return new Chat(this, tenant, started.Session.SessionId, visitor, agent);
    }
}

public sealed record Chat(AttachmentFixture F, string Tenant, string SessionId, VisitorParticipant Visitor, AgentParticipant Agent) : IAsyncDisposable
{
    private static readonly HttpClient Http = new();

    public Task<HttpResponseMessage> VisitorUploadAsync(string name, byte[] bytes, string? clientMessageId = null, string? token = null, string? sessionId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(F.Host.BaseAddress,
            $"api/attachments/visitor/{sessionId ?? SessionId}?clientMessageId={clientMessageId ?? Guid.NewGuid().ToString("N")}&name={Uri.EscapeDataString(name)}"))
        {
            Content = new ByteArrayContent(bytes),
        };
        if (token != "") request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Visitor.Token!.Token);
        return Http.SendAsync(request);
    }

    /// <summary>GET an absolute file link with no cookie and no token, as a browser's new tab on the files host would.</summary>
    public static Task<HttpResponseMessage> OpenLinkAsync(string url) => Http.GetAsync(url);

    public Task<HttpResponseMessage> AgentUploadAsync(string name, byte[] bytes, string? clientMessageId = null) =>
        Agent.Browser!.PostBytesAsync($"api/attachments/agent/{SessionId}?clientMessageId={clientMessageId ?? Guid.NewGuid().ToString("N")}&name={Uri.EscapeDataString(name)}", bytes);

    public Task<HttpResponseMessage> VisitorLinkAsync(long seq, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(F.Host.BaseAddress, $"api/attachments/visitor/{SessionId}/{seq}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Visitor.Token!.Token);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> AgentLinkAsync(long seq, OperatorBrowser? browser = null) =>
        (browser ?? Agent.Browser!).GetAsync($"api/attachments/agent/{SessionId}/{seq}");

    /// <summary>The chat's messages as the visitor reads them.</summary>
    public async Task<IReadOnlyList<VisitorMessageView>> HistoryAsync() =>
        (await Visitor.Connection.InvokeAsync<VisitorMessagePage>("GetHistory", SessionId, 0L, 100)).Messages;

    public async ValueTask DisposeAsync()
    {
        await Visitor.DisposeAsync();
        await Agent.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AttachmentCollection : ICollectionFixture<AttachmentFixture>
{
    public const string Name = "attachments";
}

/// <summary>Files the tests send: real signatures, tiny bodies.</summary>
public static class Files
{
    public static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A JPEG photo of 800×600 carrying EXIF (an artist and a GPS position) that must not survive in its thumbnail.</summary>
    public static byte[] JpegWithExif(string secret)
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(800, 600, new SixLabors.ImageSharp.PixelFormats.Rgb24(200, 40, 40));
        var exif = new SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifProfile();
        exif.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Artist, secret);
        exif.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.GPSLatitudeRef, "N");
        image.Metadata.ExifProfile = exif;
        using var output = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsJpeg(image, output);
        return output.ToArray();
    }

    public static byte[] Png(int width = 40, int height = 30)
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(width, height);
        using var output = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, output);
        return output.ToArray();
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The start of a Windows executable ("MZ", then binary headers).</summary>
    public static byte[] Executable() => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0xB8, 0, 0, 0];
}

public static class Responses
{
    public static async Task<(int Status, string? Code, string? Message)> RefusalOf(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        if (body.Length == 0 || body[0] != '{') return ((int)r.StatusCode, null, null);
        var json = JsonDocument.Parse(body).RootElement;
        return ((int)r.StatusCode, json.TryGetProperty("error", out var e) ? e.GetString() : null, json.TryGetProperty("message", out var m) ? m.GetString() : null);
    }

    public static async Task<JsonElement> JsonOf(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        r.IsSuccessStatusCode.Should().BeTrue($"the answer was {(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
