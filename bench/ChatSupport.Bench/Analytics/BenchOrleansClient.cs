using ChatSupport.Bench.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatSupport.Bench.Analytics;

/// <summary>
/// An Orleans client of the one-process host the bench started (its co-hosted silo's gateway, localhost clustering,
/// loopback), so the bench can call grains through their Contracts interfaces, the way the Api does in cluster mode.
/// </summary>
public sealed class BenchOrleansClient : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchOrleansClient(IHost host) => _host = host;

    public IClusterClient Grains => _host.Services.GetRequiredService<IClusterClient>();

    /// <param name="certificate">The run's cluster certificate, which the host's gateway demands (mutual TLS).</param>
    public static async Task<BenchOrleansClient> ConnectAsync(int gatewayPort, BenchCertificate certificate, CancellationToken ct)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client => client
                .UseLocalhostClustering(gatewayPort)
                .UseTls(certificate.Certificate, certificate.Configure))
            .Build();
        await host.StartAsync(ct);
        return new BenchOrleansClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _host.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        _host.Dispose();
    }
}
