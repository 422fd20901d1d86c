# A ChatSupport silo process (one member of a multi-silo cluster; Azure Table clustering).
# Build: docker build -f silo.Dockerfile -t chatsupport-silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/ChatSupport.Silo -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app .
# The .NET images' unprivileged "app" user (uid 1654); the ports are above 1024, so no privilege is needed.
USER app
# Addresses: the silo listens on and advertises 127.0.0.1 unless told otherwise, which in a container reaches nobody.
# The deployment sets ChatSupport__Silo__Address to the address other silos and the Api nodes reach this one on (in
# Kubernetes: the pod IP from the downward API, status.podIP); the silo then listens on that address only.
# ChatSupport__Silo__ListenAddress=0.0.0.0 listens on every interface of the container instead (behind NAT, say).
# Certificates: the silo and gateway ports speak only mutual TLS. Mount the cluster certificate (PFX) from a secret and
# set ChatSupport__Tls__CertificatePath and ChatSupport__Tls__CertificatePassword (from the secret too); optionally
# ChatSupport__Tls__TrustedIssuerPath (a private CA) or ChatSupport__Tls__AllowedThumbprints__0 (rotation). Without a
# certificate the silo does not start. docs/operations.md, "Cluster certificates".
# ChatSupport__Storage__ConnectionString names the storage account.
# Health: /healthz/live and /healthz/ready (joined the cluster, storage answers) on 127.0.0.1:8080 inside the container,
# asked by the HEALTHCHECK below through the host itself (`--probe`: the image has no curl). An orchestrator probing
# from outside sets ChatSupport__Silo__HealthAddress=0.0.0.0 (docs/operations.md, "Health").
ENV ChatSupport__Silo__SiloPort=11111 \
    ChatSupport__Silo__GatewayPort=30000 \
    ChatSupport__Silo__HealthPort=8080
EXPOSE 11111 30000
HEALTHCHECK --interval=15s --timeout=6s --start-period=30s --retries=3 \
    CMD ["dotnet", "ChatSupport.Silo.dll", "--probe", "http://127.0.0.1:8080/healthz/ready"]
ENTRYPOINT ["dotnet", "ChatSupport.Silo.dll"]
