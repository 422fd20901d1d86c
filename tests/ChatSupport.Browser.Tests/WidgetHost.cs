using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ChatSupport.Api;
using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Tenants;
using ChatSupport.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// The real one-process host (ChatSupportHost.Build, as ./chat run) over a real Azurite, listening on two loopback
/// ports: the Api (serving /widget.js from the built wwwroot) and the demo customer site (another origin, which
/// the tenant allows). Plus Debian's Chromium driven by Playwright, and a real agent SignalR client.
/// </summary>
public sealed class WidgetHost : IAsyncLifetime
{
    public const string Tenant = "demo";
    public const string AgentName = "Alex Agent";
    public const string AgentUser = "alex";
    public const string SecondAgentName = "Sam Second";
    public const string SecondAgentUser = "sam";
    /// <summary>A tenant the demo generator fills (DemoAnalyticsTests): made by the bootstrap, as ./chat demo makes tenant demo.</summary>
    public const string DemoTenant = "demo-history";
    public const int DemoChats = 150;
    public const string Password = "correct-horse-battery-staple";

    private AzuriteProcess _azurite = null!;
    private WebApplication _app = null!;
    private IPlaywright _playwright = null!;

    public Uri ApiBase { get; private set; } = null!;
    public Uri DemoBase { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>
    /// The configured generative model, a local fake: it answers nothing (so no draft, the panel as without a model)
    /// unless a test tells it what to write. Retrieval and embeddings stay the real ones.
    /// </summary>
    public FakeChatClient Model { get; } = new();
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();
    public static string WebRoot => Path.Combine(RepoPaths.Root, "src", "ChatSupport.Api", "wwwroot");
    public static string Screenshots => Path.Combine(RepoPaths.Root, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        File.Exists(Path.Combine(WebRoot, "widget.js")).Should().BeTrue("the widget must be built first: npm ci && npm run build:web (./chat test does)");
        Directory.CreateDirectory(Screenshots);
        Assertions.SetDefaultExpectTimeout(20_000);

        _azurite = await AzuriteProcess.StartAsync();
        var demoPort = FreePorts.Next();
        string[] args =
        [
            $"--urls=http://127.0.0.1:0;http://127.0.0.1:{demoPort}",
            "--environment=Development",
            $"--ChatSupport:Storage:ConnectionString={_azurite.ConnectionString}",
            $"--ChatSupport:Security:VisitorTokenKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            $"--ChatSupport:DemoSite:Port={demoPort}",
            $"--ChatSupport:DemoSite:Tenant={Tenant}",
            $"--ChatSupport:Web:Root={WebRoot}",
            "--ChatSupport:Security:RateLimits:ChatStartsPerAddress=100000",
            "--ChatSupport:Security:RateLimits:MessagesPerAddress=100000",
            "--ChatSupport:Security:RateLimits:TokenRequestsPerAddress=100000",
            "--ChatSupport:Security:RateLimits:SignInsPerAddress=100000",
            "--ChatSupport:Security:RateLimits:CallsPerAddress=100000",
            $"--ChatSupport:Silo:SiloPort={FreePorts.Next()}",
            $"--ChatSupport:Silo:GatewayPort={FreePorts.Next()}",
            "--Logging:LogLevel:Default=Warning",
            // The map's tests start chats "from" public addresses through X-Forwarded-For, as a reverse proxy on loopback would.
            "--ChatSupport:Network:TrustedProxies:0=127.0.0.1",
            // The demo generator, small, on a tenant of its own and without live visitors (whose chats would move its numbers).
            "--ChatSupport:Demo:Enabled=true",
            $"--ChatSupport:Demo:Tenant={DemoTenant}",
            $"--ChatSupport:Demo:Chats={DemoChats}",
            "--ChatSupport:Demo:LiveVisitors=0",
            "--ChatSupport:Demo:TimeZone=Europe/London",
            $"--ChatSupport:Bootstrap:Tenants:0:Id={DemoTenant}",
            $"--ChatSupport:Bootstrap:Tenants:0:Plan={Plans.Scale}",
            $"--ChatSupport:Bootstrap:Tenants:0:Features:0={Features.PrioritySupport}",
            $"--ChatSupport:Bootstrap:Tenants:0:Operators:0:Username={AgentUser}",
            $"--ChatSupport:Bootstrap:Tenants:0:Operators:0:DisplayName={AgentName}",
            $"--ChatSupport:Bootstrap:Tenants:0:Operators:0:Password={Password}",
            $"--ChatSupport:Bootstrap:Tenants:0:Operators:1:Username={SecondAgentUser}",
            $"--ChatSupport:Bootstrap:Tenants:0:Operators:1:DisplayName={SecondAgentName}",
            $"--ChatSupport:Bootstrap:Tenants:0:Operators:1:Password={Password}",
        ];
        _app = ChatSupportHost.Build(args, b => b.Services.AddSingleton<Microsoft.Extensions.AI.IChatClient>(Model));
        await _app.StartAsync();
        ApiBase = new Uri(_app.Urls.Select(u => new Uri(u)).Single(u => u.Port != demoPort).GetLeftPart(UriPartial.Authority) + "/");
        DemoBase = new Uri($"http://127.0.0.1:{demoPort}/");

        var grains = _app.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<ITenantGrain>(Tenant).Configure(new TenantSettings
        {
            Name = "Demo Shop",
            Plan = Plans.Scale,
            Features = [Features.PrioritySupport],
            AllowedOrigins = [DemoBase.GetLeftPart(UriPartial.Authority)],
        });
        await grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(Tenant, AgentUser)).EnsureCreated(new NewOperator
        {
            DisplayName = AgentName,
            Password = Password,
            Roles = [Roles.SystemAdmin],
        });

        await grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(Tenant, SecondAgentUser)).EnsureCreated(new NewOperator
        {
            DisplayName = SecondAgentName,
            Password = Password,
            Roles = [Roles.SystemAdmin],
        });

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A visitor's browser: its own context (own localStorage), the demo site open at <paramref name="path"/>.</summary>
    /// <summary>A workspace of its own (Scale, Priority Support) with System Admins, for tests that change its routing: its id.</summary>
    public async Task<string> NewWorkspaceAsync(string prefix, params (string Username, string DisplayName)[] admins)
    {
        var tenant = prefix + Guid.NewGuid().ToString("N")[..8];
        await Grains.GetGrain<ITenantGrain>(tenant).Configure(new TenantSettings { Name = $"{prefix} shop", Plan = Plans.Scale, Features = [Features.PrioritySupport] });
        foreach (var (username, displayName) in admins)
            await Grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenant, username)).EnsureCreated(
                new NewOperator { DisplayName = displayName, Password = Password, Roles = [Roles.SystemAdmin] });
        return tenant;
    }

    public async Task<(IBrowserContext Context, IPage Page)> VisitorAsync(string path, int width = 1280, int height = 800, Func<IBrowserContext, Task>? setup = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/Berlin",
        });
        if (setup is not null) await setup(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(DemoBase, path).ToString());
        return (context, page);
    }

    /// <summary>
    /// An agent's browser on the dashboard (/app/ on the Api's origin), signed in through its sign-in form.
    /// <paramref name="setup"/> runs before the page opens (a FlakyLink, say). bypassCsp only for injecting axe-core.
    /// </summary>
    public async Task<(IBrowserContext Context, IPage Page)> DashboardAsync(string username, int width = 1280, int height = 720,
        Func<IBrowserContext, Task>? setup = null, bool bypassCsp = false, string tenant = Tenant, string password = Password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            BypassCSP = bypassCsp,
        });
        if (setup is not null) await setup(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(ApiBase, "app/").ToString());
        await SignInAsync(page, username, tenant, password);
        return (context, page);
    }

    /// <summary>Fills the dashboard's sign-in form (showing on <paramref name="page"/>) and waits for the connected workspace.</summary>
    public static async Task SignInAsync(IPage page, string username, string tenant = Tenant, string password = Password)
    {
        await page.GetByLabel("Workspace").FillAsync(tenant);
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".link-state")).ToHaveTextAsync("Connected");
    }

    /// <summary>A system admin (of the demo tenant unless told), signed in through the real routes, on the real agent hub.</summary>
    public async Task<HubConnection> AgentAsync(string tenant = Tenant, string username = AgentUser)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = ApiBase };
        var csrf = (await http.GetFromJsonAsync<JsonElement>("api/auth/antiforgery")).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/sign-in") { Content = JsonContent.Create(new { tenant, username, password = Password }) };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(ApiBase, "hubs/agent"), o => o.Cookies = cookies)
            .AddJsonProtocol(o => ChatSupportHost.ConfigureJson(o.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>A visitor on the real visitor hub with a real token, as the widget would be (started; the caller disposes it).</summary>
    public async Task<HubConnection> VisitorHubAsync()
    {
        using var http = new HttpClient { BaseAddress = ApiBase };
        var token = (await (await http.PostAsJsonAsync($"api/visitor/token?tenant={Tenant}", new { previousToken = (string?)null }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var visitor = new HubConnectionBuilder()
            .WithUrl(new Uri(ApiBase, "hubs/visitor"), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .AddJsonProtocol(o => ChatSupportHost.ConfigureJson(o.PayloadSerializerOptions))
            .Build();
        await visitor.StartAsync();
        return visitor;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WidgetCollection : ICollectionFixture<WidgetHost>
{
    public const string Name = "widget";
}
