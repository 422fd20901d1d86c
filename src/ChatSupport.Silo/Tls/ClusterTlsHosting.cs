namespace ChatSupport.Silo.Tls;

/// <summary>Mutual TLS for a silo (its silo and gateway ports, and its links to other silos) or an Orleans client.</summary>
public static class ClusterTlsHosting
{
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterTls tls) => silo.UseTls(tls.Certificate, tls.Configure);

    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterTls tls) => client.UseTls(tls.Certificate, tls.Configure);
}
