using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatSupport.Contracts.ApiKeys;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.RestApi;

/// <summary>A server's client of REST API v1: an HttpClient holding one API key, made on the API keys page's hub call.</summary>
public sealed class RestApiClient : IDisposable
{
    private readonly HttpClient _http;

    private RestApiClient(Uri baseAddress, string? key)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseAddress, "api/v1/") };
        if (key is not null) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public string? Key { get; private init; }
    public ApiKeyInfo? Info { get; private init; }

    /// <summary>A new key of the admin's workspace with these scopes, made as the API keys page makes it.</summary>
    public static async Task<RestApiClient> CreateAsync(ApiHost host, HubConnection admin, params string[] scopes)
    {
        var created = await admin.InvokeAsync<CreatedApiKey>("CreateApiKey", $"test {string.Join("+", scopes)}", scopes);
        return new RestApiClient(host.BaseAddress, created.Secret) { Key = created.Secret, Info = created.Key };
    }

    /// <summary>A client sending this exact Authorization value (or none).</summary>
    public static RestApiClient WithKey(ApiHost host, string? key) => new(host.BaseAddress, key) { Key = key };

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync(string path, object? body, string? idempotencyKey = null) =>
        SendRawAsync(HttpMethod.Post, path, body is null ? "" : JsonSerializer.Serialize(body, Json), idempotencyKey);

    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return _http.SendAsync(request);
    }

    public async Task<T> GetJsonAsync<T>(string path)
    {
        var response = await GetAsync(path);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public async Task<T> PostJsonAsync<T>(string path, object? body, string? idempotencyKey = null)
    {
        var response = await PostAsync(path, body, idempotencyKey);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>The API's own JSON settings: camelCase, enums as snake_case names.</summary>
    public static JsonSerializerOptions Json { get; } = MakeJson();

    private static JsonSerializerOptions MakeJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ChatSupportHost.ConfigureJson(json);
        return json;
    }

    /// <summary>"STATUS code" of a refusal, "ok" of a success: the form docs/security.md writes.</summary>
    public static Task<string> OutcomeAsync(HttpResponseMessage response) => Outcome.OfAsync(response);

    public void Dispose() => _http.Dispose();
}
