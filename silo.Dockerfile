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
# The silo listens on every interface of its container and advertises ChatSupport__Silo__Address, which
# the deployment sets to the address other silos reach it on (in Kubernetes: the pod IP from the downward
# API). ChatSupport__Storage__ConnectionString names the storage account.
ENV ChatSupport__Silo__ListenOnAnyHostAddress=true \
    ChatSupport__Silo__SiloPort=11111 \
    ChatSupport__Silo__GatewayPort=30000
EXPOSE 11111 30000
ENTRYPOINT ["dotnet", "ChatSupport.Silo.dll"]
