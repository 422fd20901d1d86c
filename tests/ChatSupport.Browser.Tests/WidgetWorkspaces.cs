using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Tenants;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// A workspace of a test's own whose widget is embedded on the demo site (so the shared demo workspace keeps its
/// settings), and the demo site's home page showing that workspace's widget.
/// </summary>
public static class WidgetWorkspaces
{
    /// <param name="withAdmin">Also the System Admin <see cref="WidgetHost.AgentUser"/>, who can open its dashboard.</param>
    public static async Task<string> NewAsync(WidgetHost host, bool withAdmin = false)
    {
        var tenant = "w" + Guid.NewGuid().ToString("N")[..10];
        await host.Grains.GetGrain<ITenantGrain>(tenant).Configure(new TenantSettings
        {
            Name = tenant, Plan = Plans.Scale, Features = [Features.PrioritySupport],
            AllowedOrigins = [host.DemoBase.GetLeftPart(UriPartial.Authority)],
        });
        if (withAdmin)
            await host.Grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenant, WidgetHost.AgentUser)).EnsureCreated(
                new NewOperator { DisplayName = WidgetHost.AgentName, Password = WidgetHost.Password, Roles = [Roles.SystemAdmin] });
        return tenant;
    }

    /// <summary>
    /// The demo site's home page with the widget of <paramref name="tenant"/>: the script tag's data-tenant is changed as
    /// the parser inserts it, before the (async) script runs. The page must come from the demo site itself: a page
    /// fulfilled by the test is not on loopback, and Chromium's private network rules would then block widget.js.
    /// </summary>
    public static Task<(IBrowserContext Context, IPage Page)> VisitorOfAsync(WidgetHost host, string tenant) =>
        host.VisitorAsync("index.html", setup: context => context.AddInitScriptAsync(
            $"new MutationObserver(() => document.querySelectorAll('script[data-tenant]').forEach(s => s.dataset.tenant = '{tenant}')).observe(document, {{ childList: true, subtree: true }});"));
}
