using System.Text.Json;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Knowledge;

/// <summary>Articles of the evaluation set's shop (bench/ChatSupport.Bench.Ai/Evaluation), as a JSON import.</summary>
public static class HelpCentre
{
    private static readonly JsonElement[] All = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(RepoPaths.Root, "bench", "ChatSupport.Bench.Ai", "Evaluation", "articles.json"))).RootElement.EnumerateArray().ToArray();

    public static string Title(string id) => Article(id).GetProperty("title").GetString()!;

    /// <summary>The named articles as an import file: title, body and tags only, as a team would write it.</summary>
    public static string ImportJson(params string[] ids) => JsonSerializer.Serialize(ids.Select(Article).Select(a => new
    {
        title = a.GetProperty("title").GetString(),
        body = a.GetProperty("body").GetString(),
        tags = a.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray(),
    }));

    /// <summary>Six articles about returns, refunds, tracking, delivery, payments and passwords: a small help centre.</summary>
    public static readonly string[] Small = ["returns-policy", "refund-timing", "track-order", "delivery-times", "payment-methods", "password-reset"];

    /// <summary>An agent of the tenant who imported <see cref="Small"/> on the Knowledge page.</summary>
    public static async Task<AgentParticipant> AgentWithSmallHelpCentreAsync(ApiHost host, string tenant)
    {
        var alex = await ChatParticipant.AgentAsync(host, tenant, "alex", "Alex");
        var imported = await alex.Connection.InvokeAsync<int>("ImportArticles", "json", ImportJson(Small));
        imported.Should().Be(Small.Length);
        return alex;
    }

    private static JsonElement Article(string id) => All.Single(a => a.GetProperty("id").GetString() == id);
}
