namespace ChatSupport.Contracts.Audit;

/// <summary>
/// One change an operator made to the workspace: who, when, what (area + action + the thing changed) and the values
/// before and after (short JSON or text; never a password, hash, secret or key).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Area,
    [property: Id(3)] string Action,
    [property: Id(4)] string Target,
    [property: Id(5)] string? Before,
    [property: Id(6)] string? After);

/// <summary>A page of the audit log, newest first; <see cref="Cursor"/> asks for the next (older) page.</summary>
[GenerateSerializer, Immutable]
public sealed record AuditPage([property: Id(0)] IReadOnlyList<AuditEntry> Entries, [property: Id(1)] string? Cursor);

/// <summary>
/// The tenant's audit log (keyed by tenant id), shared by every admin area: team changes, settings, routing, API keys,
/// webhooks. Entries are only appended; nothing edits or deletes one.
/// </summary>
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Stored before it returns: a change is written to its own storage first, then recorded here.</summary>
    Task Record(AuditEntry entry);

    /// <summary>Newest first; <paramref name="area"/> null for every area; at most <see cref="AuditLimits.PageSize"/> entries.</summary>
    Task<AuditPage> List(string? area, string? cursor);
}

public static class AuditLimits
{
    public const int PageSize = 100;
    /// <summary>Before/after values longer than this are cut (with "…"): the log says what changed, it is not a backup.</summary>
    public const int ValueMaxLength = 4_000;
}
