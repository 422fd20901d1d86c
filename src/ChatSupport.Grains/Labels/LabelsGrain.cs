using ChatSupport.Contracts.Labels;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Labels;

[GenerateSerializer]
public sealed record LabelsState
{
    [Id(0)] public IReadOnlyList<ChatLabel> Labels { get; init; } = [];
}

/// <summary>The tenant's labels (the settings of "Labels" in the architecture: one grain per tenant, stored state).</summary>
public sealed class LabelsGrain([PersistentState("labels", StorageNames.Chat)] IPersistentState<LabelsState> state) : Grain, ILabelsGrain
{
    public Task<IReadOnlyList<ChatLabel>> GetAll() =>
        Task.FromResult<IReadOnlyList<ChatLabel>>(state.State.Labels.OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList());

    public async Task<ChatResult<ChatLabel>> Save(string? id, string name, string color)
    {
        if (LabelInput.Check(name, color) is { } bad) return bad;
        var trimmed = name.Trim();
        var labels = state.State.Labels;
        if (id is not null && labels.All(l => l.Id != id)) return LabelInput.UnknownLabel(id);
        if (labels.Any(l => l.Id != id && string.Equals(l.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
            return ChatErrors.InvalidInput($"There is a label called '{trimmed}' already.");
        if (id is null && labels.Count >= LabelInput.MaxLabels) return ChatErrors.InvalidInput($"A workspace can have at most {LabelInput.MaxLabels} labels.");
        // Ids are short and of the id alphabet: they go into archive property names (Label_{id}) and the URL's filter.
        var label = new ChatLabel(id ?? "l" + Guid.NewGuid().ToString("N")[..10], trimmed, color.ToLowerInvariant());
        state.State = state.State with { Labels = [.. labels.Where(l => l.Id != label.Id), label] };
        await state.WriteStateAsync();
        return label;
    }

    public async Task<ChatResult<bool>> Delete(string id)
    {
        if (state.State.Labels.All(l => l.Id != id)) return LabelInput.UnknownLabel(id);
        state.State = state.State with { Labels = state.State.Labels.Where(l => l.Id != id).ToList() };
        await state.WriteStateAsync();
        return true;
    }
}
