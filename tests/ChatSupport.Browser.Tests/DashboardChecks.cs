using System.Text.Json;
using ChatSupport.Testing;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests;

/// <summary>The fixed status colors as Chromium reports a computed background (the dashboard's statusColors).</summary>
public static class StatusColors
{
    public const string Yellow = "rgb(245, 197, 24)";
    public const string Blue = "rgb(29, 78, 216)";
    public const string Green = "rgb(21, 128, 61)";
    public const string Grey = "rgb(229, 231, 235)";
}

/// <summary>axe-core (from the clone's node_modules) run on a page: its serious and critical violations.</summary>
public static class Axe
{
    /// <remarks>axe is injected as a script, which the dashboard's Content-Security-Policy blocks: open the page with bypassCsp.</remarks>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = Path.Combine(RepoPaths.Root, "node_modules", "axe-core", "axe.min.js") });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document)).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) }))");
        return violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => v.ToString())
            .ToList();
    }
}
