using System.Net;
using System.Text.Json;
using ChatSupport.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace ChatSupport.Silo.Health;

/// <summary>
/// The silo process's health routes (docs/operations.md, "Health"), for silo.Dockerfile's HEALTHCHECK and an
/// orchestrator's probes: <c>/healthz/live</c> (the process serves) and <c>/healthz/ready</c> (this silo is an active
/// member of the cluster and table storage answers), 200 or 503 with each check's status. A small HTTP listener on
/// <c>ChatSupport:Silo:HealthPort</c> (off when unset: several silos share a machine under ./chat cluster), bound to
/// <c>ChatSupport:Silo:HealthAddress</c>, 127.0.0.1 unless configured: it says nothing secret, but nothing outside
/// needs to reach it.
/// </summary>
public sealed class SiloHealthEndpoint(
    IConfiguration config,
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    ILogger<SiloHealthEndpoint> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (config.GetValue<int?>("ChatSupport:Silo:HealthPort") is not { } port) return;
        var address = config["ChatSupport:Silo:HealthAddress"] ?? IPAddress.Loopback.ToString();
        var storage = config.GetSection(ChatStorageOptions.Section).Get<ChatStorageOptions>() ?? new ChatStorageOptions();
        var probe = new StorageProbe(storage.ConnectionString);
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://{(address == "0.0.0.0" ? "+" : address)}:{port}/healthz/");
        listener.Start();
        logger.LogInformation("Silo health routes on http://{Address}:{Port}/healthz/", address, port);
        using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            _ = AnswerAsync(context, probe, stoppingToken);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, StorageProbe probe, CancellationToken ct)
    {
        using var response = context.Response;
        try
        {
            var path = context.Request.Url?.AbsolutePath.TrimEnd('/');
            object body;
            if (path == "/healthz/live")
            {
                response.StatusCode = 200;
                body = new { status = "healthy" };
            }
            else if (path == "/healthz/ready")
            {
                var joined = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress) == SiloStatus.Active;
                var stored = await probe.AnswersAsync(ct);
                response.StatusCode = joined && stored ? 200 : 503;
                body = new
                {
                    status = joined && stored ? "healthy" : "unhealthy",
                    checks = new
                    {
                        cluster = Check(joined, "This silo is an active member of the cluster.", "This silo has not joined the cluster (or is leaving it)."),
                        storage = Check(stored, "Table storage answers.", "Table storage does not answer."),
                    },
                };
            }
            else
            {
                response.StatusCode = 404;
                body = new { status = "not_found" };
            }
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body), ct);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // The prober went away or the silo is stopping: nothing to answer.
        }
    }

    private static object Check(bool ok, string healthy, string unhealthy) =>
        new { status = ok ? "healthy" : "unhealthy", description = ok ? healthy : unhealthy };
}
