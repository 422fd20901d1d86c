using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using ChatSupport.Api.ApiKeys;
using ChatSupport.Api.Attachments;
using ChatSupport.Api.Demo;
using ChatSupport.Api.Hubs;
using ChatSupport.Api.Endpoints;
using ChatSupport.Api.Geo;
using ChatSupport.Api.Health;
using ChatSupport.Api.Identity;
using ChatSupport.Api.Overload;
using ChatSupport.Api.RestApi;
using ChatSupport.Api.Security;
using ChatSupport.Api.Pushes;
using ChatSupport.Api.Telemetry;
using ChatSupport.Api.Web;
using ChatSupport.Contracts;
using ChatSupport.Grains.Storage;
using ChatSupport.Silo;
using ChatSupport.Silo.Tls;
using Microsoft.AspNetCore.SignalR;
using Orleans.Dashboard;

namespace ChatSupport.Api;

/// <summary>
/// The composition root of the Api process, on one screen. <c>ChatSupport:Orleans:Mode</c> chooses
/// <c>cohost</c> (default: this process also runs a silo, localhost clustering) or <c>client</c>
/// (join a cluster of silo processes through Azure Table clustering).
/// </summary>
public static class ChatSupportHost
{
    /// <param name="configure">Lets a test add to the builder (a log capture, say) after everything else.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var config = builder.Configuration;

        builder.Services.AddSingleton<ChatSupport.Api.SiloLoss.SiloLossSignal>(); // never trips with a co-hosted silo
        if (string.Equals(config["ChatSupport:Orleans:Mode"], "client", StringComparison.OrdinalIgnoreCase))
        {
            // Sends in flight end when a silo is lost, not at the response timeout (docs/operations.md, "Failover").
            builder.Services.AddSingleton<IClusterConnectionStatusObserver, ChatSupport.Api.SiloLoss.GatewayLossObserver>();
            builder.Services.AddHostedService<ChatSupport.Api.SiloLoss.SiloDeathWatch>();
            builder.UseOrleansClient(client => client
                .Configure<Orleans.Configuration.ClusterOptions>(o =>
                {
                    o.ClusterId = config["ChatSupport:Silo:ClusterId"] ?? "chatsupport-local";
                    o.ServiceId = "chatsupport";
                })
                .UseAzureStorageClustering(o =>
                {
                    var storage = config.GetSection(ChatStorageOptions.Section).Get<ChatStorageOptions>() ?? new();
                    o.TableServiceClient = new TableServiceClient(storage.ConnectionString);
                    o.TableName = storage.TablePrefix + "Cluster";
                })
                .Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5))
                // A call lost with a dying silo fails after 10 s (default 30) and the hub answers try_again.
                .Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10))
                // The gateways accept only a client with a certificate they trust (docs/operations.md, "Cluster certificates").
                .UseClusterTls(ClusterTls.FromConfiguration(config))
                .AddDashboardWhen(config.GetValue("ChatSupport:OrleansDashboard", false)));
        }
        else
            // The co-hosted silo is its own only peer: its client is in-process, so it opens no gateway (port 0), and its
            // silo port (a free one unless configured, so several hosts share a machine) speaks only mutual TLS. Only
            // `ChatSupport:Silo:CohostGateway=true` (the bench's Orleans client) opens one, and then only with the
            // configured certificate, like every gateway.
            builder.UseOrleans(silo =>
            {
                var gateway = config.GetValue("ChatSupport:Silo:CohostGateway", false);
                silo.UseLocalhostClustering(
                        siloPort: config.GetValue<int?>("ChatSupport:Silo:SiloPort") ?? FreeLoopbackPort(),
                        gatewayPort: gateway ? config.GetValue("ChatSupport:Silo:GatewayPort", 30000) : 0)
                    .AddChatSupportSilo(config, gateway ? ClusterTls.FromConfiguration(config) : ClusterTls.FromConfigurationOrEphemeral(config));
            });

        builder.Services.AddSignalR(o =>
            {
                // Both ends ping: the server every 5 s; a client silent for 20 s is dropped (from the handshake on:
                // SilentClientTimeout). Clients use KeepAlive 5 s and ServerTimeout 15 s (docs/protocol.md), so a
                // stalled link is noticed in seconds. Tests shorten both (ChatSupport:Hubs).
                o.KeepAliveInterval = config.GetValue("ChatSupport:Hubs:KeepAliveInterval", TimeSpan.FromSeconds(5));
                o.ClientTimeoutInterval = config.GetValue("ChatSupport:Hubs:ClientTimeoutInterval", TimeSpan.FromSeconds(20));
                o.HandshakeTimeout = TimeSpan.FromSeconds(10);
                // A 4,000-character message escapes to at most ~24 KB of JSON.
                o.MaximumReceiveMessageSize = 64 * 1024;
                // Detailed errors let a client see why its call could not be bound ("Error binding arguments…");
                // HubErrorFilter makes sure no other exception's details ever reach a client.
                o.EnableDetailedErrors = true;
                o.AddFilter<HubErrorFilter>();
                // Inside the error filter, so a refusal is counted in the summary line (docs/operations.md, "Overload").
                o.AddFilter<AdmissionFilter>();
            })
            .AddJsonProtocol(o => ConfigureJson(o.PayloadSerializerOptions));
        builder.Services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        builder.Services.AddOptions<AdmissionOptions>().Bind(config.GetSection(AdmissionOptions.Section))
            .Validate(o => o.Concurrency >= 1, $"{AdmissionOptions.Section}:Concurrency must be at least 1.").ValidateOnStart();
        builder.Services.AddSingleton<AdmissionGate>();
        // Live events: this node watches the grains that raise them and forwards to SignalR (docs/architecture.md, "Pushes").
        builder.Services.AddSingleton<PushWatches>();
        builder.Services.AddHostedService<PushRenewal>();
        builder.Services.AddSingleton<PushBridge>();
        builder.Services.AddSingleton<ChatSupport.Api.Settings.WidgetSettingsCache>();
        builder.Services.AddSingleton<SessionActions>();
        // The visitor's location when a chat starts (docs/architecture.md, "Visitor locations"): one database, opened once.
        builder.Services.AddSingleton(sp => new VisitorLocator(VisitorLocator.FindFolder(config), sp.GetRequiredService<ILogger<VisitorLocator>>()));
        builder.AddTrustedProxies();
        builder.Services.AddSingleton<ChatSupport.Api.Archive.TranscriptExporter>();

        builder.AddChatSupportHealth();
        builder.AddChatSupportTelemetry();
        builder.AddChatSupportSecurity();
        builder.AddChatSupportApiKeys(); // REST API v1's keys: a scheme, a policy per scope, a rate limit per key
        builder.AddChatSupportRestApi();
        builder.AddChatSupportAttachments();
        builder.AddChatSupportDemo(); // ./chat demo: after the security setup, whose bootstrap makes the tenant it fills
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Services.GetRequiredService<VisitorLocator>(); // opened at start, so a missing database is reported at once
        app.UseTrustedProxies(); // first: rate limits and locations read the client address it sets
        app.UseChatSupportWidget(); // /widget.js, and the demo customer site when ChatSupport:DemoSite:Port is set
        app.UseChatSupportSecurity();
        app.MapChatSupportHealth();
        app.MapChatSupportMetrics();
        app.MapGet("/", () => Results.Redirect("/app/")); // the agent dashboard
        app.MapAuthEndpoints();
        app.MapVisitorTokenEndpoints();
        app.MapArchiveEndpoints();
        app.MapAnalyticsEndpoints();
        app.MapAuditEndpoints();
        app.MapAttachmentEndpoints();
        app.MapSettingsEndpoints();
        app.MapRestApi(); // /api/v1, for servers with an API key (docs/protocol.md, "REST API v1")
        app.MapChatSupportRestApiDocs(); // /openapi/v1.json and /api/docs
        app.MapWebhookEndpoints();
        app.MapChatHub<VisitorHub>("/hubs/visitor").RequireCors(SecuritySetup.WidgetCors);
        app.MapChatHub<AgentHub>("/hubs/agent");
        // Orleans' dashboard, for developers running a local cluster: only when asked for, and then only for a signed-in
        // System Admin (it shows every grain and can be slow to render; it is no public page).
        if (config.GetValue("ChatSupport:OrleansDashboard", false))
            app.MapOrleansDashboard(routePrefix: OriginChecks.OrleansDashboardPath).RequireAuthorization(ChatPolicies.Agent);
        return app;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IClientBuilder AddDashboardWhen(this IClientBuilder client, bool enabled) => enabled ? client.AddDashboard() : client;

    /// <summary>Statuses and other enums travel as snake_case names: "waiting_for_agent", "visitor".</summary>
    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }
}
