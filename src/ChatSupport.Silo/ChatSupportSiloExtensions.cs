using Azure.Data.Tables;
using ChatSupport.Contracts;
using ChatSupport.Grains.People;
using ChatSupport.Grains.Analytics;
using ChatSupport.Grains.Archive;
using ChatSupport.Grains.Events;
using ChatSupport.Grains.Desk;
using ChatSupport.Grains.Messages;
using ChatSupport.Grains.Sessions;
using ChatSupport.Grains.Storage;
using ChatSupport.Silo.Tls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Storage;

namespace ChatSupport.Silo;

/// <summary>
/// The silo configuration of ChatSupport, shared by the silo host, the one-process Api host and the
/// test cluster, so tests run exactly what ships. Clustering is left to each host; mutual TLS on the silo and
/// gateway ports is not: every silo has it.
/// </summary>
public static class ChatSupportSiloExtensions
{
    /// <summary>With the certificate of <c>ChatSupport:Tls</c>, which must be configured.</summary>
    public static ISiloBuilder AddChatSupportSilo(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.AddChatSupportSilo(configuration, ClusterTls.FromConfiguration(configuration));

    public static ISiloBuilder AddChatSupportSilo(this ISiloBuilder silo, IConfiguration configuration, ClusterTls tls)
    {
        silo.UseClusterTls(tls);
        var storage = configuration.GetSection(ChatStorageOptions.Section).Get<ChatStorageOptions>() ?? new ChatStorageOptions();
        if (string.IsNullOrWhiteSpace(storage.ConnectionString))
            throw new InvalidOperationException($"Set {ChatStorageOptions.Section}:ConnectionString to an Azure Storage (or Azurite) connection string.");

        silo.Services.Configure<ChatStorageOptions>(configuration.GetSection(ChatStorageOptions.Section));
        var queue = configuration.GetSection(ChatQueueOptions.Section).Get<ChatQueueOptions>() ?? new ChatQueueOptions();
        silo.Services.Configure<ChatQueueOptions>(configuration.GetSection(ChatQueueOptions.Section));
        silo.Services.TryAddSingleton(TimeProvider.System);
        // The chats' clock: the real time, or with the demo on (ChatSupport:Demo) the clock that replays past chats at their own times.
        var demo = configuration.GetValue("ChatSupport:Demo:Enabled", false);
        silo.Services.AddKeyedSingleton<TimeProvider>(ChatSupport.Grains.Sessions.ChatClock.Key,
            (services, _) => demo ? new DemoClock() : services.GetRequiredService<TimeProvider>());
        silo.Services.AddSingleton<ChatTables>();
        silo.Services.AddSingleton<MessageLog>();
        silo.Services.AddSingleton<DeskIndexStore>();
        silo.Services.AddSingleton<ChatSupport.Grains.People.OperatorStore>();
        silo.Services.Configure<ChatSupport.Grains.People.PasswordCheckOptions>(configuration.GetSection(ChatSupport.Grains.People.PasswordCheckOptions.Section));
        silo.Services.AddSingleton<ChatSupport.Grains.People.PasswordChecks>();
        silo.Services.AddChatArchive();
        // The consumers of the sessions' events: adding one is one line here (docs/architecture.md, "Session events").
        silo.Services.AddSingleton<ChatEventFanOut>();
        silo.Services.AddChatEventConsumer<DeskEventConsumer>();
        silo.Services.AddChatEventConsumer<DeskRowEventConsumer>();
        silo.Services.AddChatEventConsumer<AgentEventConsumer>();
        silo.Services.AddChatEventConsumer<ArchiveEventConsumer>();
        // Auto-assignment (docs/architecture.md, "Routing"): nudges the tenant's router; presence grace and sweep period.
        silo.Services.AddChatEventConsumer<ChatSupport.Grains.Routing.RoutingEventConsumer>();
        silo.Services.Configure<ChatSupport.Grains.Routing.RoutingOptions>(configuration.GetSection(ChatSupport.Grains.Routing.RoutingOptions.Section));
        silo.Services.AddSingleton<AnalyticsStore>();
        // Off only to measure what analytics costs the message path (./chat bench analytics, docs/operations.md):
        // the reports still answer, from whatever was counted while it was on.
        if (configuration.GetValue("ChatSupport:Analytics:Enabled", true)) silo.Services.AddChatEventConsumer<AnalyticsEventConsumer>();
        // Notes, labels, follow-ups and low ratings (docs/architecture.md, "Private notes, labels, follow-ups").
        silo.Services.AddChatEventConsumer<ChatSupport.Grains.Inbox.InboxEventConsumer>();
        silo.Services.AddChatEventConsumer<ChatSupport.Grains.Reviews.LowRatingEventConsumer>();
        // Knowledge: chats rated 4–5 propose learned answers (docs/architecture.md, "Knowledge and AI suggestions").
        silo.Services.AddChatEventConsumer<ChatSupport.Grains.Knowledge.LearnedAnswerEventConsumer>();
        silo.Services.AddChatEventConsumer<ChatSupport.Grains.Knowledge.AutomaticAnswerEventConsumer>();
        // The optional generative model (ChatSupport:Ai:Model, off by default; docs/operations.md, "A generative model").
        silo.Services.AddGenerativeModel(configuration);
        // Webhooks (docs/architecture.md, "Webhooks"): queued from the events into a durable outbox, sent per endpoint.
        silo.AddChatSupportWebhooks(configuration);
        silo.Services.Configure<ChatSupport.Grains.Sessions.FollowUpOptions>(configuration.GetSection(ChatSupport.Grains.Sessions.FollowUpOptions.Section));

        // Grain state in Orleans' own binary format: compact, version-tolerant through the [Id] attributes, and it
        // builds fresh objects (the default JSON serializer fills existing ones, and shared defaults got overwritten).
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(StorageNames.Chat,
            (services, _) => new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>()));

        var tableService = new TableServiceClient(storage.ConnectionString, ChatTables.CreateClientOptions(storage.RequestTimeout));
        silo.AddAzureTableGrainStorage(StorageNames.Chat, o =>
        {
            o.TableServiceClient = tableService;
            o.TableName = storage.TablePrefix + "GrainState";
        });
        // Reminders wake a waiting session to check whether it is abandoned, even after its silo died (a grain timer
        // would die with it). Orleans refuses periods under a minute unless told otherwise; tests check more often.
        // Follow-up reminders are stored, so they fire after a silo restart (one row per pending follow-up).
        silo.UseAzureTableReminderService(o =>
        {
            o.TableServiceClient = tableService;
            o.TableName = storage.TablePrefix + "Reminders";
        });
        silo.Configure<Orleans.Hosting.ReminderOptions>(o =>
        {
            if (queue.AbandonCheckPeriod < o.MinimumReminderPeriod) o.MinimumReminderPeriod = queue.AbandonCheckPeriod;
            // The same for the response-time targets' check (tests run it every few seconds).
            var targetCheck = configuration.GetSection(ChatSupport.Grains.Routing.RoutingOptions.Section).Get<ChatSupport.Grains.Routing.RoutingOptions>()?.TargetCheckPeriod;
            if (targetCheck < o.MinimumReminderPeriod) o.MinimumReminderPeriod = targetCheck.Value;
        });
        // Failure detection: a silo that misses 2 probes of 2 s is voted dead, so its grains come back
        // elsewhere in about 5 s instead of Orleans' default of about 15 s (docs/operations.md says why).
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 2;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });
        // A call into a silo that died is answered (with an error the client retries) after at most 10 s, not 30.
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        if (configuration.GetValue("ChatSupport:OrleansDashboard", false)) silo.AddDashboard();
        return silo;
    }
}
