using ChatSupport.Grains.Events;
using ChatSupport.Silo;
using ChatSupport.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatSupport.Grains.Tests.Analytics;

/// <summary>
/// ChatSupport:Analytics:Enabled (docs/operations.md): on unless set to false, and then only analytics stops hearing
/// the session events; every other consumer still does. The analytics bench compares the message path with it on and off.
/// </summary>
public sealed class AnalyticsSwitchTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Analytics_hears_the_session_events_unless_the_operator_switches_it_off(string? enabled, bool counted)
    {
        var settings = new Dictionary<string, string?> { ["ChatSupport:Storage:ConnectionString"] = "UseDevelopmentStorage=true" };
        if (enabled is not null) settings["ChatSupport:Analytics:Enabled"] = enabled;
        foreach (var (key, value) in TestClusterCertificate.Settings()) settings[key] = value; // every silo has mutual TLS
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // The silo is configured, never started: what is asked is only which consumers it would deliver to.
        using var host = new HostBuilder().UseOrleans(silo => silo.UseLocalhostClustering().AddChatSupportSilo(configuration)).Build();

        var consumers = host.Services.GetServices<IChatEventConsumer>().Select(c => c.Name).ToList();

        consumers.Contains("analytics").Should().Be(counted);
        consumers.Should().Contain(["desk", "agents", "archive"], "switching analytics off leaves every other consumer in place");
    }
}
