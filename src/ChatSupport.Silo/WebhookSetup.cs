using ChatSupport.Grains.Events;
using ChatSupport.Grains.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Silo;

/// <summary>The webhook part of the silo: the consumer that queues, the outbox, the sender and its target policy.</summary>
public static class WebhookSetup
{
    public static ISiloBuilder AddChatSupportWebhooks(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        silo.Services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        silo.Services.AddSingleton<WebhookOutbox>();
        silo.Services.AddSingleton<WebhookTargetPolicy>();
        silo.Services.AddSingleton<WebhookSender>();
        silo.Services.AddChatEventConsumer<WebhookEventConsumer>();
        // Tests sweep every few seconds; Orleans refuses reminder periods under its minimum unless told.
        silo.Configure<Orleans.Hosting.ReminderOptions>(o =>
        {
            if (options.SweepPeriod < o.MinimumReminderPeriod) o.MinimumReminderPeriod = options.SweepPeriod;
        });
        return silo;
    }
}
