using System.Text.RegularExpressions;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Labels;

/// <summary>A label of the tenant: a name and a colour ("#rrggbb"). Chats carry labels by id.</summary>
[GenerateSerializer, Immutable]
public sealed record ChatLabel([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string Color);

/// <summary>The tenant's labels, keyed by tenant id: any agent may add, rename, recolour or delete one.</summary>
public interface ILabelsGrain : IGrainWithStringKey
{
    /// <summary>By name.</summary>
    Task<IReadOnlyList<ChatLabel>> GetAll();

    /// <summary>Adds (id null) or edits a label; <c>invalid_input</c> for a bad name or colour, a taken name, an unknown id.</summary>
    Task<ChatResult<ChatLabel>> Save(string? id, string name, string color);

    Task<ChatResult<bool>> Delete(string id);
}

public static partial class LabelInput
{
    public const int NameMaxLength = 32;
    public const int MaxLabels = 100;
    /// <summary>A chat carries at most this many labels.</summary>
    public const int MaxPerChat = 10;

    public static ChatError? Check(string? name, string? color)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return ChatErrors.InvalidInput("A label needs a name.");
        if (trimmed.Length > NameMaxLength) return ChatErrors.InvalidInput($"A label's name can be at most {NameMaxLength} characters.");
        if (color is null || !ColorPattern().IsMatch(color))
            return ChatErrors.InvalidInput("A label's colour is written #rrggbb, for example #1d4ed8.");
        return null;
    }

    public static ChatError UnknownLabel(string id) => ChatErrors.InvalidInput($"No label of this workspace has the id '{id}'.");

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();
}
