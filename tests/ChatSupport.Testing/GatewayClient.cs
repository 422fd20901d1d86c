using System.Net;
using System.Security.Cryptography.X509Certificates;
using ChatSupport.Silo.Tls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace ChatSupport.Testing;

/// <summary>Who a test's Orleans client claims to be when it dials a gateway.</summary>
public enum ClientIdentity
{
    /// <summary>Plain TCP, no TLS: the client the attack in issue 20 used.</summary>
    NoTls,
    /// <summary>TLS with a self-signed certificate of its own, accepting whatever the server shows.</summary>
    ForeignCertificate,
    /// <summary>The cluster's certificate, as an Api node has it.</summary>
    ClusterCertificate,
}

/// <summary>An Orleans client dialling one gateway directly (static clustering), as an attacker on the network would.</summary>
public sealed class GatewayClient : IAsyncDisposable
{
    private readonly IHost _host;

    private GatewayClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <param name="clusterSettings">The cluster's TLS settings (TestClusterCertificate), used for <see cref="ClientIdentity.ClusterCertificate"/>.</param>
    /// <param name="serviceId">"chatsupport" for the shipped silos; the one-process host's localhost clustering uses "dev".</param>
    public static async Task<GatewayClient> ConnectAsync(int gatewayPort, string clusterId, ClientIdentity identity,
        IReadOnlyDictionary<string, string> clusterSettings, string serviceId = "chatsupport")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
            // An untrusted client gets one attempt: a refused connection is the answer, not something to wait out. A
            // trusted one retries, as an Api node does, while a silo that has just opened its gateway finishes starting.
            client.UseConnectionRetryFilter(async (_, cancellation) =>
            {
                if (identity != ClientIdentity.ClusterCertificate) return false;
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
                return true;
            });
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
            if (identity == ClientIdentity.ForeignCertificate)
                client.UseTls(DevelopmentCertificate.Create(), o => o.AllowAnyRemoteCertificate());
            else if (identity == ClientIdentity.ClusterCertificate)
                client.UseClusterTls(ClusterTls.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(clusterSettings!).Build()));
        });
        var host = builder.Build();
        try
        {
            // A refused client gives up on its own; the deadline only keeps a broken test from hanging.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await host.StartAsync(deadline.Token);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new GatewayClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(TimeSpan.FromSeconds(10)); }
        finally { _host.Dispose(); }
    }
}
