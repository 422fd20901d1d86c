using System.Text;
using ChatSupport.Contracts.Tenants;
using ChatSupport.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// Files both ways in real pages: the visitor drops a photo and picks a PDF in the widget (progress, then the server's
/// thumbnail), the agent sees both in the mini chat and downloads the PDF, and an SVG is refused readably on both sides.
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class AttachmentTests(WidgetHost host)
{
    private const string Widget = "#chatsupport-widget";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    private static readonly byte[] Svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");

    [Fact]
    public async Task The_visitor_drops_a_photo_and_a_pdf_the_agent_sees_and_downloads_them_and_an_svg_is_refused_on_both_sides()
    {
        // The demo tenant gets the pro feature for this test only (the other tests see the widget without it).
        var tenant = host.Grains.GetGrain<ITenantGrain>(WidgetHost.Tenant);
        var before = (await tenant.GetProfile()).Settings!;
        await tenant.Configure(before with { Features = [Features.PrioritySupport, Features.Attachments] });
        var (alexContext, alex) = await host.DashboardAsync(WidgetHost.AgentUser);
        var (visitorContext, visitor) = await host.VisitorAsync("prechat.html");
        try
        {
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
            await visitor.GetByLabel("Name").FillAsync("Robin");
            await visitor.GetByLabel("Email").FillAsync("robin@example.com");
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
            var sessionId = (await Eventually.GetAsync(() => visitor.EvaluateAsync<string?>($"() => localStorage.getItem('chatsupport.{WidgetHost.Tenant}.session')"),
                id => !string.IsNullOrEmpty(id), what: "the widget's stored session id"))!;
            await alex.Locator($"table.queue tr[data-session-id='{sessionId}']").GetByRole(AriaRole.Button, new() { Name = "Assign to Me: Robin" }).ClickAsync();
            var chat = alex.Locator($".mini-chat[data-session-id='{sessionId}']");
            await Expect(chat).ToBeVisibleAsync();

            // The visitor drops a photo on the panel; its upload is held at the network so its progress bar shows.
            var release = new TaskCompletionSource();
            await visitor.RouteAsync("**/api/attachments/visitor/**", async route =>
            {
                if (route.Request.Method == "POST") await release.Task;
                await route.ContinueAsync();
            });
            await visitor.EvaluateAsync(@"async (b64) => {
                const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
                const dt = new DataTransfer();
                dt.items.add(new File([bytes], 'receipt.png', { type: 'image/png' }));
                const panel = document.querySelector('#chatsupport-widget').shadowRoot.querySelector('.panel');
                panel.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
            }", Convert.ToBase64String(Png(640, 480)));
            var uploading = visitor.Locator($"{Widget} .msg.uploading");
            await Expect(uploading.Locator("progress")).ToBeVisibleAsync();
            await Expect(uploading.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeVisibleAsync();
            await visitor.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "attachments-1-uploading.png") });
            release.SetResult();
            // The stored photo shows as the server's thumbnail.
            var thumb = visitor.Locator($"{Widget} .msg.visitor .file-card img.thumb");
            await Expect(thumb).ToBeVisibleAsync();
            await Eventually.GetAsync(() => thumb.EvaluateAsync<int>("img => img.naturalWidth"), w => w == 320, what: "the thumbnail loaded at 320 px");
            await Expect(uploading).ToHaveCountAsync(0);

            // The PDF by the paperclip.
            await visitor.Locator($"{Widget} input[type=file]").SetInputFilesAsync(new FilePayload { Name = "invoice.pdf", MimeType = "application/pdf", Buffer = Pdf });
            await Expect(visitor.Locator($"{Widget} .msg.visitor .file-card", new() { HasText = "invoice.pdf" })).ToContainTextAsync("PDF");
            await visitor.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "attachments-2-visitor.png") });

            // The agent sees both in the mini chat and downloads the PDF.
            await Expect(chat.Locator(".file-card img.thumb")).ToBeVisibleAsync();
            var pdfCard = chat.Locator(".file-card", new() { HasText = "invoice.pdf" });
            await Expect(pdfCard).ToContainTextAsync("PDF");
            var download = await alex.RunAndWaitForDownloadAsync(() => pdfCard.GetByRole(AriaRole.Link, new() { Name = "invoice.pdf" }).ClickAsync());
            download.SuggestedFilename.Should().Be("invoice.pdf");
            (await File.ReadAllBytesAsync((await download.PathAsync())!)).Should().Equal(Pdf);
            await alex.ScreenshotAsync(new() { Path = Path.Combine(WidgetHost.Screenshots, "attachments-3-agent.png") });

            // An SVG is refused, with a sentence people can read, on both sides; nothing is sent.
            await visitor.Locator($"{Widget} input[type=file]").SetInputFilesAsync(new FilePayload { Name = "logo.svg", MimeType = "image/svg+xml", Buffer = Svg });
            await Expect(visitor.Locator($"{Widget} .msg.failed [role=alert]")).ToContainTextAsync("This type of file cannot be sent");
            await chat.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "logo.svg", MimeType = "image/svg+xml", Buffer = Svg });
            await Expect(chat.Locator(".upload.failed [role=alert]")).ToContainTextAsync("This type of file cannot be sent");
            await Expect(chat.Locator(".file-card")).ToHaveCountAsync(2);
            await Expect(visitor.Locator($"{Widget} .file-card")).ToHaveCountAsync(2);
        }
        finally
        {
            await tenant.Configure(before);
            await alexContext.CloseAsync();
            await visitorContext.CloseAsync();
        }
    }

    private static byte[] Png(int width, int height)
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(width, height, new SixLabors.ImageSharp.PixelFormats.Rgb24(30, 120, 200));
        using var output = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, output);
        return output.ToArray();
    }
}
