using Azure.Data.Tables;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Archive;

/// <summary>
/// One archived chat as a table row. Every index row is a full copy, so a listing page is read from the
/// index it was found in, with no second lookup per row.
/// </summary>
internal static class ArchiveEntities
{
    public static TableEntity ToEntity(ArchivedChat c, string partitionKey, string rowKey)
    {
        var row = Core(c, partitionKey, rowKey);
        row["Labels"] = string.Join(",", c.Labels);
        // One boolean property per label: the label filter is then a property comparison inside the key range.
        foreach (var label in c.Labels) row[LabelProperty(label)] = true;
        if (c.NotesText is { } notes) row["NotesText"] = notes;
        return row;
    }

    public static string LabelProperty(string labelId) => "Label_" + labelId;

    private static TableEntity Core(ArchivedChat c, string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["SessionId"] = c.SessionId,
        ["VisitorId"] = c.VisitorId,
        ["VisitorName"] = c.VisitorName,
        ["VisitorEmail"] = c.VisitorEmail,
        ["AgentId"] = c.Agent?.AgentId,
        ["AgentName"] = c.Agent?.DisplayName,
        ["CreatedAt"] = c.CreatedAt,
        ["ResolvedAt"] = c.ResolvedAt,
        // Exact to the tick (the date property may be rounded by storage); the row key is built from it.
        ["ResolvedTicks"] = c.ResolvedAt.UtcTicks,
        ["ResolvedBy"] = c.ResolvedBy?.ToString(),
        // 0 = no rating: the rating filter is then one property comparison for every choice.
        ["Stars"] = c.Stars,
        ["Feedback"] = c.Rating?.Feedback,
        ["Anonymous"] = c.HidesVisitor,
        ["RatedAt"] = c.Rating?.RatedAt,
        ["MessageCount"] = c.MessageCount,
        ["Abandoned"] = c.Abandoned,
    };

    public static ArchivedChat FromEntity(string tenantId, TableEntity e)
    {
        var stars = e.GetInt32("Stars") ?? 0;
        var agentId = e.GetString("AgentId");
        return new ArchivedChat
        {
            TenantId = tenantId,
            SessionId = e.GetString("SessionId"),
            VisitorId = e.GetString("VisitorId"),
            VisitorName = e.GetString("VisitorName"),
            VisitorEmail = e.GetString("VisitorEmail"),
            Agent = agentId is null ? null : new AgentRef(agentId, e.GetString("AgentName") ?? agentId),
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
            ResolvedAt = new DateTimeOffset(e.GetInt64("ResolvedTicks") ?? 0, TimeSpan.Zero),
            ResolvedBy = e.GetString("ResolvedBy") is { } by ? Enum.Parse<ChatParty>(by) : null,
            Rating = stars == 0 ? null : new ChatRating
            {
                Stars = stars,
                Feedback = e.GetString("Feedback"),
                Anonymous = e.GetBoolean("Anonymous") ?? false,
                RatedAt = e.GetDateTimeOffset("RatedAt") ?? default,
            },
            MessageCount = e.GetInt64("MessageCount") ?? 0,
            Abandoned = e.GetBoolean("Abandoned") ?? false,
            Labels = e.GetString("Labels") is { Length: > 0 } labels ? labels.Split(',') : [],
            NotesText = e.GetString("NotesText"),
        };
    }
}
