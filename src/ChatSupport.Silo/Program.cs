using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using System.Net;
using Azure.Data.Tables;
using ChatSupport.Grains.Storage;
using ChatSupport.Silo;
using ChatSupport.Silo.Telemetry;
using ChatSupport.Silo.Tls;
using Orleans.Configuration;

// `--make-dev-cert <folder>`: writes a development cluster certificate (./chat cluster, the tests) and exits.
if (DevelopmentCertificate.TryRunCommand(args)) return 0;
// `--probe <url>`: the container's health check (silo.Dockerfile): exits 0 when the route answers 200.
if (ChatSupport.Silo.Health.HealthProbe.TryRun(args, out var probed)) return probed;

// A silo process of a multi-silo cluster: Azure Table clustering on the configured storage account.
// Ports come from configuration so several silos run side by side on one machine.
var builder = Host.CreateApplicationBuilder(args);
var config = builder.Configuration;
var storage = config.GetSection(ChatStorageOptions.Section).Get<ChatStorageOptions>() ?? new ChatStorageOptions();
// The address other silos and the Api nodes reach this silo on, and the one it listens on: loopback unless configured
// (a container sets both to its pod's address, or listens on 0.0.0.0: silo.Dockerfile).
var advertised = IPAddress.Parse(config["ChatSupport:Silo:Address"] ?? "127.0.0.1");
var listen = IPAddress.Parse(config["ChatSupport:Silo:ListenAddress"] ?? advertised.ToString());

builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(o =>
    {
        o.ClusterId = config["ChatSupport:Silo:ClusterId"] ?? "chatsupport-local";
        o.ServiceId = "chatsupport";
    });
    silo.Configure<EndpointOptions>(o =>
    {
        o.AdvertisedIPAddress = advertised;
        o.SiloPort = config.GetValue("ChatSupport:Silo:SiloPort", 11111);
        o.GatewayPort = config.GetValue("ChatSupport:Silo:GatewayPort", 30000);
        o.SiloListeningEndpoint = new IPEndPoint(listen, o.SiloPort);
        o.GatewayListeningEndpoint = new IPEndPoint(listen, o.GatewayPort);
    });
    silo.UseAzureStorageClustering(o =>
    {
        o.TableServiceClient = new TableServiceClient(storage.ConnectionString);
        o.TableName = storage.TablePrefix + "Cluster";
    });
    silo.AddChatSupportSilo(config, ClusterTls.FromConfiguration(config));
});

builder.Services.AddChatSupportTelemetry(config, "chatsupport-silo");
// /healthz/live and /healthz/ready on ChatSupport:Silo:HealthPort (docs/operations.md, "Health").
builder.Services.AddHostedService<ChatSupport.Silo.Health.SiloHealthEndpoint>();

await builder.Build().RunAsync();
return 0;
