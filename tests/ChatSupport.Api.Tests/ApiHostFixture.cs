using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Tenants;
using ChatSupport.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Api.Tests;

/// <summary>
/// The real one-process host (Api + co-hosted silo) on a free loopback port, over a real Azurite, built by
/// the same ChatSupportHost.Build the run command uses. Tests talk to it through HTTP and real SignalR clients;
/// they provision tenants and operators through the grain interfaces, as an administrator would.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string OperatorPassword = "correct-horse-battery-staple";
    public const string AllowedOrigin = "https://shop.example";

    private AzuriteProcess _azurite = null!;
    private WebApplication _app = null!;

    public Uri BaseAddress { get; private set; } = null!;
    /// <summary>The key this host signs visitor tokens with (so tests can forge expired or foreign ones).</summary>
    public byte[] VisitorTokenKey { get; } = RandomNumberGenerator.GetBytes(32);
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();
    /// <summary>The host's services (e.g. its endpoints, to check that a documented route exists).</summary>
    public IServiceProvider Services => _app.Services;
    public string StorageConnectionString => _azurite.ConnectionString;

    /// <summary>Stops this host's Azurite (a storage outage) until <see cref="RestartStorageAsync"/>, same port and data.</summary>
    public Task StopStorageAsync() => _azurite.StopAsync();

    public Task RestartStorageAsync() => _azurite.RestartAsync();

    /// <summary>Freezes this host's Azurite (slow storage: requests wait unanswered) until <see cref="ResumeStorageAsync"/>.</summary>
    public Task SuspendStorageAsync() => _azurite.SuspendAsync();

    public Task ResumeStorageAsync() => _azurite.ResumeAsync();

    /// <param name="settings">Extra configuration ("Key=Value"), e.g. tighter rate limits.</param>
    public static async Task<ApiHost> StartAsync(IEnumerable<string>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var host = new ApiHost { _azurite = await AzuriteProcess.StartAsync() };
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Development",
            $"--ChatSupport:Storage:ConnectionString={host._azurite.ConnectionString}",
            $"--ChatSupport:Security:VisitorTokenKey={Convert.ToBase64String(host.VisitorTokenKey)}",
            // Every test client shares 127.0.0.1: per-address limits are tested by their own host.
            "--ChatSupport:Security:RateLimits:ChatStartsPerAddress=100000",
            "--ChatSupport:Security:RateLimits:MessagesPerAddress=100000",
            "--ChatSupport:Security:RateLimits:CallsPerAddress=100000",
            "--ChatSupport:Security:RateLimits:TokenRequestsPerAddress=100000",
            "--ChatSupport:Security:RateLimits:SignInsPerAddress=100000",
            "--ChatSupport:Security:RateLimits:TypingMinInterval=00:00:00",
            $"--ChatSupport:Silo:SiloPort={FreePorts.Next()}",
            $"--ChatSupport:Silo:GatewayPort={FreePorts.Next()}",
            "--Logging:LogLevel:Default=Warning",
            .. (settings ?? []).Select(s => "--" + s),
        ];
        host._app = ChatSupportHost.Build(args, configure);
        await host._app.StartAsync();
        host.BaseAddress = new Uri(host._app.Urls.Single());
        return host;
    }

    /// <summary>A new tenant (own id, so tests never see each other's chats).</summary>
    public async Task<string> NewTenantAsync(string plan = Plans.Scale, params string[] features)
    {
        var id = "t" + Guid.NewGuid().ToString("N")[..12];
        await Grains.GetGrain<ITenantGrain>(id).Configure(new TenantSettings
        {
            Name = id,
            Plan = plan,
            Features = features.Length > 0 ? features : [Features.PrioritySupport],
            AllowedOrigins = [AllowedOrigin],
        });
        return id;
    }

    public Task<OperatorProfile> EnsureOperatorAsync(string tenant, string username, string displayName, params string[] roles) =>
        Grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenant, username)).EnsureCreated(new NewOperator
        {
            DisplayName = displayName,
            Password = OperatorPassword,
            Roles = roles.Length > 0 ? roles : [Roles.SystemAdmin],
        });

    /// <summary>An operator's browser: a cookie jar, signed in through the real routes with anti-forgery.</summary>
    public async Task<OperatorBrowser> SignInAsync(string tenant, string username, string password = OperatorPassword)
    {
        var browser = new OperatorBrowser(BaseAddress);
        var response = await browser.SignInAsync(tenant, username, password);
        response.EnsureSuccessStatusCode();
        return browser;
    }

    public async Task<HubConnection> ConnectAgentAsync(OperatorBrowser browser) =>
        await StartAsync(new HubConnectionBuilder().WithUrl(new Uri(BaseAddress, "hubs/agent"), o => o.Cookies = browser.Cookies));

    public async Task<VisitorToken> VisitorTokenAsync(string tenant, string? previousToken = null)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var response = await http.PostAsJsonAsync($"api/visitor/token?tenant={tenant}", new { previousToken });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<VisitorToken>())!;
    }

    /// <summary>Connects as a browser would: WebSockets only, with an Origin header, the token in the URL's query string.</summary>
    public async Task<HubConnection> ConnectLikeBrowserAsync(string token, string origin) =>
        await StartAsync(new HubConnectionBuilder().WithUrl(new Uri(BaseAddress, "hubs/visitor?access_token=" + Uri.EscapeDataString(token)), o =>
        {
            o.SkipNegotiation = true;
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            o.Headers["Origin"] = origin;
        }));

    public async Task<HubConnection> ConnectVisitorAsync(string token) =>
        await StartAsync(new HubConnectionBuilder().WithUrl(new Uri(BaseAddress, "hubs/visitor"),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)));

    private static async Task<HubConnection> StartAsync(IHubConnectionBuilder builder)
    {
        var connection = builder.AddJsonProtocol(o => ChatSupportHost.ConfigureJson(o.PayloadSerializerOptions)).Build();
        connection.KeepAliveInterval = TimeSpan.FromSeconds(5);
        connection.ServerTimeout = TimeSpan.FromSeconds(15);
        await connection.StartAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}

public sealed record VisitorToken(string Token, string VisitorId, DateTimeOffset ExpiresAt);

/// <summary>An HTTP client with a cookie jar that plays the dashboard: anti-forgery token first, then the call.</summary>
public sealed class OperatorBrowser : IDisposable
{
    private readonly HttpClient _http;
    private string? _antiforgery;

    public OperatorBrowser(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    public async Task<HttpResponseMessage> SignInAsync(string tenant, string username, string password)
    {
        _antiforgery ??= (await _http.GetFromJsonAsync<JsonElement>("api/auth/antiforgery")).GetProperty("token").GetString();
        var response = await SendAsync(HttpMethod.Post, "api/auth/sign-in", new { tenant, username, password });
        if (response.IsSuccessStatusCode)
            _antiforgery = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString();
        return response;
    }

    public Task<HttpResponseMessage> SignOutAsync() => SendAsync(HttpMethod.Post, "api/auth/sign-out", new { });

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> GetAsync(string path, HttpCompletionOption completion) => _http.GetAsync(path, completion);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (_antiforgery is not null) request.Headers.Add("X-CSRF-TOKEN", _antiforgery);
        return _http.SendAsync(request);
    }

    /// <summary>A raw body (a file upload), with the anti-forgery header as the dashboard sends it.</summary>
    public Task<HttpResponseMessage> PostBytesAsync(string path, byte[] body, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (_antiforgery is not null) request.Headers.Add("X-CSRF-TOKEN", _antiforgery);
        return _http.SendAsync(request, ct);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>One host shared by the tests of the "api" collection.</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHostFixture>
{
    public const string Name = "api";
}
