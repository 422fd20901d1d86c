using System.Collections.Concurrent;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace ChatSupport.Grains.Storage;

/// <summary>The archive's tables; each name is also the table's name after the prefix.</summary>
public enum ArchiveTable
{
    /// <summary>Partition tenant|month, row inverted time|session: the list, newest first, by date range.</summary>
    Archive,
    /// <summary>Partition tenant|agent: search by agent.</summary>
    ArchiveByAgent,
    /// <summary>Partitions tenant|id|visitor, tenant|name|hash, tenant|email|hash: search by visitor.</summary>
    ArchiveByVisitor,
    /// <summary>Partition tenant, row session id: one chat by id (transcripts, catch-up checks).</summary>
    ArchiveSessions,
    /// <summary>Months that hold chats, and rating totals per agent with a marker per counted rating.</summary>
    ArchiveStats,
}

/// <summary>The Azure tables the grains write directly (grain state goes through Orleans' provider).</summary>
public sealed class ChatTables
{
    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    public ChatTables(IOptions<ChatStorageOptions> options)
    {
        var o = options.Value;
        _service = new TableServiceClient(o.ConnectionString, CreateClientOptions(o.RequestTimeout));
        _prefix = o.TablePrefix;
    }

    public static TableClientOptions CreateClientOptions(TimeSpan requestTimeout)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.NetworkTimeout = requestTimeout;
        return clientOptions;
    }

    /// <summary>One partition per session, one row per message (older sessions also hold a marker row per client message id, unused).</summary>
    public Task<TableClient> Messages => Get("Messages");

    /// <summary>One partition per tenant, one row per open session: the desk's live index.</summary>
    public Task<TableClient> DeskIndex => Get("DeskIndex");

    /// <summary>One partition per tenant, one row per operator: display name, roles, password hash, live sign-ins.</summary>
    public Task<TableClient> Operators => Get("Operators");

    /// <summary>One partition per tenant: quarter-hour analytics buckets and each session's ledger (docs/analytics.md).</summary>
    public Task<TableClient> Analytics => Get("Analytics");

    /// <summary>One partition per tenant, newest first: who changed what in the workspace (<c>IAuditLogGrain</c>).</summary>
    public Task<TableClient> Audit => Get("Audit");

    /// <summary>One partition per tenant: articles (a|id) and learned answers (l|id) with their embeddings (<c>KnowledgeGrain</c>).</summary>
    public Task<TableClient> Knowledge => Get("Knowledge");

    /// <summary>Webhooks' durable outbox and delivery log: partition tenant|endpoint, row session|order (<c>WebhookOutbox</c>).</summary>
    public Task<TableClient> Webhooks => Get("Webhooks");

    /// <summary>The resolved-chats archive: a table per query shape (docs/architecture.md, "The archive").</summary>
    public Task<TableClient> Archive(ArchiveTable table) => Get(table.ToString());

    private Task<TableClient> Get(string name)
    {
        var lazy = _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(_prefix + n)));
        var task = lazy.Value;
        // A failed creation (storage down at first use) must not be cached forever.
        if (task.IsFaulted) _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, lazy));
        return task;
    }

    private async Task<TableClient> CreateAsync(string tableName)
    {
        var table = _service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
