using ChatSupport.Api.Identity;
using ChatSupport.Silo.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ChatSupport.Api.Telemetry;

/// <summary>
/// The Api's telemetry: the shared set (ChatTelemetry) plus ASP.NET Core and HttpClient instrumentation, and the
/// metrics as Prometheus text at <c>/metrics</c> for a signed-in System Admin (it names tenants' traffic and the
/// process's internals: no public page). A collector outside gets everything by OTLP instead.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static void AddChatSupportTelemetry(this WebApplicationBuilder builder) =>
        builder.Services.AddChatSupportTelemetry(builder.Configuration, "chatsupport-api",
            metrics: m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation()
                // No cached scrape: a scrape right after a change shows it (the default caches 300 ms).
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0),
            traces: t => t.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/healthz"))
                .AddHttpClientInstrumentation());

    public static void MapChatSupportMetrics(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(ChatPolicies.Agent);
}
