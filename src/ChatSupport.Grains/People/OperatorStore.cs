using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.People;

/// <summary>A live sign-in of an operator: its id and when it ends.</summary>
public sealed record SignInRecord(string Id, DateTimeOffset ExpiresAt);

/// <summary>An operator as stored: the password only as an ASP.NET Core Identity hash, never in clear.</summary>
public sealed record OperatorRecord
{
    public required string DisplayName { get; init; }
    public required string PasswordHash { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }
    public bool Disabled { get; init; }
    public IReadOnlyList<SignInRecord> SignIns { get; init; } = [];
    /// <summary>The dashboard preferences as JSON (AgentPreferences); null until the operator saves some.</summary>
    public string? Preferences { get; init; }
    public ETag ETag { get; init; }

    /// <summary>The same stored fields (the ETag aside): lists compared item by item, not by reference.</summary>
    public bool HasSameContent(OperatorRecord other) =>
        DisplayName == other.DisplayName && PasswordHash == other.PasswordHash && Disabled == other.Disabled
        && Preferences == other.Preferences && Roles.SequenceEqual(other.Roles) && SignIns.SequenceEqual(other.SignIns);
}

/// <summary>The ChatOperators table: partition = tenant, row = username.</summary>
public sealed class OperatorStore(ChatTables tables)
{
    public async Task<OperatorRecord?> LoadAsync(string tenantId, string username)
    {
        var table = await tables.Operators;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(tenantId, username);
        if (!row.HasValue || row.Value is null) return null;
        var e = row.Value;
        return new OperatorRecord
        {
            DisplayName = e.GetString("DisplayName"),
            PasswordHash = e.GetString("PasswordHash"),
            Roles = e.GetString("Roles").Split(',', StringSplitOptions.RemoveEmptyEntries),
            Disabled = e.GetBoolean("Disabled") ?? false,
            SignIns = JsonSerializer.Deserialize<List<SignInRecord>>(e.GetString("SignIns") ?? "[]") ?? [],
            Preferences = e.GetString("Preferences"),
            ETag = e.ETag,
        };
    }

    /// <summary>Every operator of a tenant: one partition query (an operator list is tens of rows, not thousands).</summary>
    public async IAsyncEnumerable<(string Username, OperatorRecord Record)> ListAsync(string tenantId)
    {
        var table = await tables.Operators;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "DisplayName", "Roles", "Disabled"]))
            yield return (e.RowKey, new OperatorRecord
            {
                DisplayName = e.GetString("DisplayName"),
                PasswordHash = "",
                Roles = e.GetString("Roles").Split(',', StringSplitOptions.RemoveEmptyEntries),
                Disabled = e.GetBoolean("Disabled") ?? false,
            });
    }

    /// <summary>Inserts a new operator, or (with the ETag it was read with) replaces it; a concurrent change fails with 409/412.</summary>
    public async Task<OperatorRecord> SaveAsync(string tenantId, string username, OperatorRecord record, bool isNew)
    {
        var table = await tables.Operators;
        var entity = new TableEntity(tenantId, username)
        {
            ["DisplayName"] = record.DisplayName,
            ["PasswordHash"] = record.PasswordHash,
            ["Roles"] = string.Join(',', record.Roles),
            ["Disabled"] = record.Disabled,
            ["SignIns"] = JsonSerializer.Serialize(record.SignIns),
            ["Preferences"] = record.Preferences,
        };
        var response = isNew
            ? await table.AddEntityAsync(entity)
            : await table.UpdateEntityAsync(entity, record.ETag, TableUpdateMode.Replace);
        return record with { ETag = response.Headers.ETag ?? default };
    }
}
