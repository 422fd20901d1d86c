using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSupport.Api.RestApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Api.Tests.RestApi;

/// <summary>
/// /openapi/v1.json is the contract of REST API v1: every route the host maps under /api/v1 is in it, and every example
/// in it reads into the route's own request or answer type and writes back the same, so the document cannot drift.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiHostFixture f)
{
    [Fact]
    public async Task The_document_lists_every_v1_route_with_the_key_scheme_and_the_idempotency_header()
    {
        var doc = await DocumentAsync();
        var paths = doc["paths"]!.AsObject();
        var routes = V1Endpoints().Select(e => (Verb: e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant(), Path: PathOf(e))).ToList();
        routes.Should().HaveCountGreaterThan(15);
        routes.Where(r => paths[r.Path]?[r.Verb] is null).Should().BeEmpty("every /api/v1 route is in the document");
        paths.Select(p => p.Key).Should().OnlyContain(p => p.StartsWith("/api/v1/", StringComparison.Ordinal), "the document is REST API v1 only");
        doc["components"]!["securitySchemes"]![RestApiDocument.SecurityScheme]!["scheme"]!.GetValue<string>().Should().Be("bearer");
        var send = paths["/api/v1/chats/{sessionId}/messages"]!["post"]!;
        send["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Contain("Idempotency-Key");
        send["responses"]!.AsObject().Select(r => r.Key).Should().Contain(["200", "400", "401", "403", "409", "413"]);
    }

    [Fact]
    public async Task Every_example_in_the_document_round_trips_through_the_routes_types()
    {
        var doc = await DocumentAsync();
        var json = RestApiClient.Json;
        var checkedExamples = 0;
        foreach (var endpoint in V1Endpoints())
        {
            var verb = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant();
            var operation = doc["paths"]![PathOf(endpoint)]![verb]!;
            if (operation["requestBody"]?["content"]?["application/json"]?["example"] is { } request)
            {
                var type = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()!.RequestType!;
                RoundTrip(request, type, json).Should().BeTrue($"the request example of {verb} {endpoint.RoutePattern.RawText} reads into {type.Name} and back");
                checkedExamples++;
            }
            if (operation["responses"]?["200"]?["content"]?["application/json"]?["example"] is { } answer)
            {
                var type = endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Last(p => p.StatusCode == 200).Type!;
                RoundTrip(answer, type, json).Should().BeTrue($"the answer example of {verb} {endpoint.RoutePattern.RawText} reads into {type.Name} and back");
                checkedExamples++;
            }
        }
        var written = V1Endpoints().Select(e => e.Metadata.GetMetadata<RestExample>()).Sum(x => (x?.Request is null ? 0 : 1) + (x?.Response is null ? 0 : 1));
        checkedExamples.Should().Be(written, "every example a route declares is in the document").And.BeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public async Task The_reference_page_is_served_with_its_own_script_and_no_cdn()
    {
        using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
        var page = await http.GetAsync("api/docs");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().NotContain("cdn.jsdelivr.net").And.NotContain("<script src=\"http");
        var script = System.Text.RegularExpressions.Regex.Match(html, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;
        script.Should().NotBeEmpty();
        var asset = await http.GetAsync(new Uri(page.RequestMessage!.RequestUri!, script));
        asset.StatusCode.Should().Be(HttpStatusCode.OK, $"the reference's script {script} is served by the host itself");
    }

    private static bool RoundTrip(JsonNode example, Type type, JsonSerializerOptions json)
    {
        var read = JsonSerializer.Deserialize(example.ToJsonString(), type, json);
        return JsonNode.DeepEquals(JsonSerializer.SerializeToNode(read, type, json), example);
    }

    private async Task<JsonNode> DocumentAsync()
    {
        using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
        var response = await http.GetAsync("openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The route as the document writes it: "/api/v1/chats", not the group's "/api/v1/chats/".</summary>
    private static string PathOf(RouteEndpoint e) => "/" + e.RoutePattern.RawText!.Trim('/');

    private List<RouteEndpoint> V1Endpoints() => f.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal)).ToList();
}
