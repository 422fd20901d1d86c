using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.FileProviders;

namespace ChatSupport.Api.Web;

/// <summary>
/// The visitor widget (<c>/widget.js</c>, built by src/ChatSupport.Web into wwwroot) and, when
/// <c>ChatSupport:DemoSite:Port</c> is set, a demo customer site on that second port of the same process:
/// another origin, as a real customer's site would be. Requests arriving on the demo port get only the demo
/// pages (everything else there is 404); requests on the Api's own port never see the demo pages.
/// </summary>
public static class WidgetHosting
{
    public const string WebRootKey = "ChatSupport:Web:Root";
    public const string DemoPortKey = "ChatSupport:DemoSite:Port";
    public const string DemoTenantKey = "ChatSupport:DemoSite:Tenant";

    public static void UseChatSupportWidget(this WebApplication app)
    {
        if (app.Configuration.GetValue<int?>(DemoPortKey) is int demoPort and > 0)
        {
            var tenant = app.Configuration[DemoTenantKey] is { Length: > 0 } t ? t : "demo";
            app.Use((context, next) => context.Connection.LocalPort == demoPort ? DemoSite.ServeAsync(context, tenant, WidgetOrigin(app, demoPort)) : next(context));
        }

        // The web root: configuration, else wwwroot beside the binaries (the csproj copies it there), else the content root's.
        var root = app.Configuration[WebRootKey] is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(root)) root = Path.Combine(app.Environment.ContentRootPath, "wwwroot");
        if (!Directory.Exists(root)) return;
        var files = new PhysicalFileProvider(root);
        // The agent dashboard is wwwroot/app/ (built by src/ChatSupport.Web): /app/ serves its index.html.
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = "" });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // A customer's page keeps the same script URL across releases: revalidate it every time (ETag makes that cheap).
            OnPrepareResponse = c =>
            {
                c.Context.Response.Headers.CacheControl = "no-cache";
                c.Context.Response.Headers["X-Content-Type-Options"] = "nosniff";
                if (c.Context.Request.Path.StartsWithSegments("/app")) AddDashboardHeaders(c.Context.Response.Headers);
            },
        });
    }

    /// <summary>
    /// The dashboard shows text from strangers (visitors' messages, names, pages): a strict policy makes sure that
    /// even a slip in escaping could not run a script or load anything from elsewhere, and the page cannot be framed.
    /// </summary>
    private static void AddDashboardHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
                                        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
        headers["Referrer-Policy"] = "same-origin";
    }

    /// <summary>Where the demo page loads the widget from: this process's first address that is not the demo port.</summary>
    private static string WidgetOrigin(WebApplication app, int demoPort)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var uri = new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1"));
            if (uri.Port != demoPort) return uri.GetLeftPart(UriPartial.Authority);
        }
        return "http://127.0.0.1:5080";
    }
}

/// <summary>A customer's shop with the widget embedded exactly as the docs tell customers to.</summary>
internal static class DemoSite
{
    public static async Task ServeAsync(HttpContext context, string tenant, string widgetOrigin)
    {
        var path = context.Request.Path.Value ?? "/";
        DemoPage? page = path switch
        {
            "/" or "/index.html" => new("Demo Shop — Home", "Welcome to the Demo Shop", "Browse our products. Questions? The chat button at the bottom right reaches our support team.", false),
            "/product.html" => new("Demo Shop — Product", "The Demo Kettle", "1.7 litres, boils in two minutes. Navigate between pages: your chat stays open.", false),
            "/prechat.html" => new("Demo Shop — Contact", "Contact us", "This page turns on the widget's pre-chat form (data-prechat=\"true\"): name and email before the chat starts.", true),
            _ => null,
        };
        if (page is null || !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var (title, heading, text, prechat) = page;
        var e = (string s) => WebUtility.HtmlEncode(s);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync($$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{e(title)}}</title>
            <style>
              body { font-family: Georgia, serif; margin: 0; background: #fffaf0; color: #333; }
              header { background: #2f4f4f; color: #fff; padding: 16px 24px; }
              header a { color: #fff; margin-right: 16px; }
              main { padding: 24px; max-width: 720px; }
            </style>
            </head>
            <body>
            <header><strong>Demo Shop</strong> &nbsp; <a href="/">Home</a><a href="/product.html">Kettle</a><a href="/prechat.html">Contact</a></header>
            <main>
              <h1>{{e(heading)}}</h1>
              <p>{{e(text)}}</p>
            </main>
            <script src="{{e(widgetOrigin)}}/widget.js" data-tenant="{{e(tenant)}}"{{(prechat ? " data-prechat=\"true\"" : "")}} async></script>
            </body>
            </html>
            """);
    }

    private sealed record DemoPage(string Title, string Heading, string Text, bool Prechat);
}
