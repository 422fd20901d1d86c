using System.Reflection;
using System.Text.RegularExpressions;
using ChatSupport.Api.Hubs;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Api.Tests;

/// <summary>
/// The access matrix is complete and names nothing imaginary: a hub method added without a row would be checked by
/// nobody, and a row for a method or route that was renamed would test a refusal that no longer means anything.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed partial class AccessMatrixCoverageTests(MatrixFixture f)
{
    private static readonly Dictionary<string, Type> Hubs = new() { ["agent"] = typeof(AgentHub), ["visitor"] = typeof(VisitorHub) };

    [Fact]
    public void Every_public_hub_method_has_a_row()
    {
        var documented = AccessMatrix.Operations.ToHashSet(StringComparer.Ordinal);
        var missing = Hubs.SelectMany(hub => MethodsOf(hub.Value).Select(m => $"{hub.Key}.{m}")).Where(op => !documented.Contains(op));
        missing.Should().BeEmpty("every hub method needs a row in docs/security.md's access matrix");
    }

    [Fact]
    public void Every_row_names_a_hub_method_or_a_route_the_host_maps()
    {
        var routes = f.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Verbs: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods, Path: Normalized(e.RoutePattern.RawText ?? "")))
            .ToList();
        var unknown = AccessMatrix.Operations.Where(operation =>
        {
            if (HubOperation().Match(operation) is { Success: true } hub)
                return !Hubs.TryGetValue(hub.Groups["hub"].Value, out var type) || !MethodsOf(type).Contains(hub.Groups["method"].Value);
            if (RouteOperation().Match(operation) is not { Success: true } route) return true;
            var verb = route.Groups["verb"].Value;
            var path = Normalized(route.Groups["path"].Value);
            return !routes.Any(r => r.Path == path && (r.Verbs is null || r.Verbs.Contains(verb)));
        });
        unknown.Should().BeEmpty("every row of the access matrix names a hub method or a mapped route");
    }

    /// <summary>What a client may invoke: the public instance methods the hub declares, less the connection lifecycle.</summary>
    private static HashSet<string> MethodsOf(Type hub) => hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
        .Select(m => m.Name)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Route parameters compared by position only: the matrix writes {session} where the route says {sessionId}.</summary>
    private static string Normalized(string path) => RouteParameter().Replace("/" + path.Trim('/'), "{}").ToLowerInvariant();

    [GeneratedRegex(@"^(?<hub>agent|visitor)\.(?<method>\w+)$")]
    private static partial Regex HubOperation();

    // "GET /api/archive/chats/{session}/export?format=csv", "GET /api/auth/me chatSupport": the path ends at '?' or ' '.
    [GeneratedRegex(@"^(?<verb>GET|POST|PUT|PATCH|DELETE) (?<path>/[^?\s]*)")]
    private static partial Regex RouteOperation();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();
}
