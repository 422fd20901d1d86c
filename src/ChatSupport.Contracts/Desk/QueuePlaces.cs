namespace ChatSupport.Contracts.Desk;

/// <summary>
/// How exactly a waiting visitor is told their place (docs/architecture.md, "The desk off the critical path"): the
/// first <see cref="Exact"/> places are told exactly and on every change; a visitor further back is told that at
/// least that many are ahead, once, and their exact place when they enter the first places. So one chat leaving the
/// head of a long queue costs about <see cref="Exact"/> pushes, not one per waiting visitor.
/// </summary>
public static class QueuePlaces
{
    public const int Exact = 20;

    /// <summary>What a visitor at <paramref name="position"/> is told: the place within the first places, else how many are ahead at least.</summary>
    public static (int? Position, int? AheadAtLeast) ForVisitor(int? position) =>
        position > Exact ? (null, Exact) : (position, null);
}
