using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using System.Net;
using Azure.Data.Tables;
using ChatSupport.Grains.Storage;
using ChatSupport.Silo;

// A silo process of a multi-silo cluster: Azure Table clustering on the configured storage account.
// Ports come from configuration so several silos run side by side on one machine.
var builder = Host.CreateApplicationBuilder(args);
var config = builder.Configuration;
var storage = config.GetSection(ChatStorageOptions.Section).Get<ChatStorageOptions>() ?? new ChatStorageOptions();
var address = IPAddress.Parse(config["ChatSupport:Silo:Address"] ?? "127.0.0.1");

builder.UseOrleans(silo =>
{
    silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
    {
        o.ClusterId = config["ChatSupport:Silo:ClusterId"] ?? "chatsupport-local";
        o.ServiceId = "chatsupport";
    });
    silo.ConfigureEndpoints(address,
        siloPort: config.GetValue("ChatSupport:Silo:SiloPort", 11111),
        gatewayPort: config.GetValue("ChatSupport:Silo:GatewayPort", 30000),
        // In a container the silo advertises the pod's address but listens on every interface of the pod.
        listenOnAnyHostAddress: config.GetValue("ChatSupport:Silo:ListenOnAnyHostAddress", false));
    silo.UseAzureStorageClustering(o =>
    {
        o.TableServiceClient = new TableServiceClient(storage.ConnectionString);
        o.TableName = storage.TablePrefix + "Cluster";
    });
    silo.AddChatSupportSilo(config);
});

await builder.Build().RunAsync();
