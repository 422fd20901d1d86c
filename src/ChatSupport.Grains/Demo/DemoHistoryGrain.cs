using ChatSupport.Contracts.Demo;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Demo;

[GenerateSerializer]
public sealed record DemoHistoryState
{
    [Id(0)] public DemoHistoryProgress? Progress { get; init; }
}

/// <summary>The marker of a tenant's demo history: stored with the rest of the data, so it goes where the data folder goes.</summary>
public sealed class DemoHistoryGrain(
    [PersistentState("demo-history", StorageNames.Chat)] IPersistentState<DemoHistoryState> state) : Grain, IDemoHistoryGrain
{
    public Task<DemoHistoryProgress?> GetProgress() => Task.FromResult(state.State.Progress);

    public async Task SaveProgress(DemoHistoryProgress progress)
    {
        state.State = new DemoHistoryState { Progress = progress };
        await state.WriteStateAsync();
    }
}
