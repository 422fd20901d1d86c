using ChatSupport.Grains.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatSupport.Silo.Telemetry;

/// <summary>
/// OpenTelemetry for every host (the silo, the Api, the one-process host): Orleans' and ChatSupport's meters, the
/// .NET runtime's, and traces of Orleans calls; exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or
/// <c>ChatSupport:Telemetry:OtlpEndpoint</c>) names a collector. Each host adds its own instrumentation and
/// exporters (the Api: ASP.NET Core, HttpClient, Prometheus text at /metrics). Log lines carry the trace id.
/// </summary>
public static class ChatTelemetry
{
    public static IServiceCollection AddChatSupportTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName,
        Action<MeterProviderBuilder>? metrics = null, Action<TracerProviderBuilder>? traces = null)
    {
        var otlp = configuration["ChatSupport:Telemetry:OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m =>
            {
                m.AddMeter(ChatMetrics.MeterName, "Microsoft.Orleans").AddRuntimeInstrumentation();
                metrics?.Invoke(m);
                if (otlp is not null) m.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            })
            .WithTracing(t =>
            {
                t.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application");
                traces?.Invoke(t);
                if (otlp is not null) t.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            });
        return services;
    }
}
