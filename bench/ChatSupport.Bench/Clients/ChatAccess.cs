using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Bench.Hosting;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace ChatSupport.Bench.Clients;

/// <summary>A visitor's signed token, as POST /api/visitor/token answers it.</summary>
public sealed record VisitorToken(string Token, string VisitorId);

/// <summary>
/// How bench clients prove who they are, the way the product's own clients do (docs/security.md): each operator
/// signs in once through the real routes (anti-forgery token, then the sign-in cookie), and its agent connections
/// carry that cookie; each visitor fetches a signed token and opens the visitor hub with it.
/// </summary>
public sealed class ChatAccess : IDisposable
{
    private readonly HttpClient _tokens;
    private readonly IReadOnlyList<CookieContainer> _operators;

    private ChatAccess(string tenant, HttpClient tokens, IReadOnlyList<CookieContainer> operators)
    {
        Tenant = tenant;
        _tokens = tokens;
        _operators = operators;
    }

    public string Tenant { get; }
    public int Operators => _operators.Count;

    public static async Task<ChatAccess> SignInAsync(Uri baseUrl, BenchTenant tenant, CancellationToken ct)
    {
        // A password check is deliberately slow (PBKDF2) and runs inside the operator grain: a storm of sign-ins starves
        // the silo's scheduler (a finding of this bench, docs/benchmarks.md). Dashboards sign in a few at a time.
        using var gate = new SemaphoreSlim(SignInsAtOnce);
        var cookies = await Task.WhenAll(tenant.Operators.Select(async op =>
        {
            await gate.WaitAsync(ct);
            try
            {
                return await SignInOperatorAsync(baseUrl, tenant.Id, op, ct);
            }
            finally
            {
                gate.Release();
            }
        }));
        return new ChatAccess(tenant.Id, new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) }, cookies);
    }

    private const int SignInsAtOnce = 4;

    /// <summary>The agent hub connection of chat <paramref name="index"/>: chats are shared out among the operators in turn.</summary>
    public Action<HttpConnectionOptions> Operator(int index) => o => o.Cookies = _operators[index % _operators.Count];

    /// <summary>HTTP calls as operator <paramref name="index"/> (its sign-in cookie), for the dashboard's routes.</summary>
    public HttpClient OperatorHttp(Uri baseUrl, int index) =>
        new(new HttpClientHandler { CookieContainer = _operators[index % _operators.Count] }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    public static Action<HttpConnectionOptions> Visitor(VisitorToken token) =>
        o => o.AccessTokenProvider = () => Task.FromResult<string?>(token.Token);

    public async Task<VisitorToken> NewVisitorAsync(CancellationToken ct)
    {
        using var response = await _tokens.PostAsJsonAsync($"api/visitor/token?tenant={Tenant}", new { previousToken = (string?)null }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<VisitorToken>(JsonOptions, ct))!;
    }

    public void Dispose() => _tokens.Dispose();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static async Task<CookieContainer> SignInOperatorAsync(Uri baseUrl, string tenant, BenchOperator op, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        var antiforgery = (await http.GetFromJsonAsync<JsonElement>("api/auth/antiforgery", ct)).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/sign-in")
        {
            Content = JsonContent.Create(new { tenant, username = op.Username, password = op.Password }),
        };
        request.Headers.Add("X-CSRF-TOKEN", antiforgery);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Operator {op.Username} of {tenant} could not sign in: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return cookies;
    }
}
