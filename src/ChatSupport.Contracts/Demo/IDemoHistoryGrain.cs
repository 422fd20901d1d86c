namespace ChatSupport.Contracts.Demo;

/// <summary>
/// The marker of a tenant's generated demo history (<c>./chat demo</c>), keyed by tenant id: which history was planned
/// and how far it got, so a restart finishes it instead of adding another one.
/// </summary>
public interface IDemoHistoryGrain : IGrainWithStringKey
{
    Task<DemoHistoryProgress?> GetProgress();

    Task SaveProgress(DemoHistoryProgress progress);
}

[GenerateSerializer, Immutable]
public sealed record DemoHistoryProgress
{
    /// <summary>The plan: its random seed, how many chats over how many days, ending at <see cref="EndsAt"/> (when it was first planned).</summary>
    [Id(0)] public required int Seed { get; init; }
    [Id(1)] public required int Chats { get; init; }
    [Id(2)] public required int Days { get; init; }
    [Id(3)] public required DateTimeOffset EndsAt { get; init; }
    [Id(4)] public required string TimeZone { get; init; }
    /// <summary>The chats 0 … Done − 1 (in start order) are complete.</summary>
    [Id(5)] public int Done { get; init; }
    [Id(6)] public bool Completed { get; init; }
    /// <summary>How long the generation took, summed over the runs that worked on it.</summary>
    [Id(7)] public double Seconds { get; init; }
}
