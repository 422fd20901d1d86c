namespace ChatSupport.Api.Demo;

/// <summary>The draws the demo plan makes, from one seeded <see cref="Random"/> (the same seed gives the same history).</summary>
public sealed class DemoRandom(int seed)
{
    private readonly Random _random = new(seed);

    public double Next() => _random.NextDouble();

    public bool Chance(double p) => _random.NextDouble() < p;

    public int Int(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public T Pick<T>(IReadOnlyList<T> items, Func<T, double> weight)
    {
        var u = _random.NextDouble() * items.Sum(weight);
        foreach (var item in items)
            if ((u -= weight(item)) < 0) return item;
        return items[^1];
    }

    /// <summary>Seconds between <paramref name="min"/> and <paramref name="max"/>, evenly.</summary>
    public TimeSpan Seconds(double min, double max) => TimeSpan.FromSeconds(min + (max - min) * _random.NextDouble());

    /// <summary>
    /// A duration with this median, log-normally spread (most near the median, a long tail: how waits and replies are),
    /// kept within [min, max] seconds.
    /// </summary>
    public TimeSpan LogNormal(double medianSeconds, double sigma, double min, double max)
    {
        // Box–Muller: a standard normal draw.
        var normal = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return TimeSpan.FromSeconds(Math.Clamp(medianSeconds * Math.Exp(sigma * normal), min, max));
    }
}
