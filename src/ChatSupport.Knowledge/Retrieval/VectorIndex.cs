namespace ChatSupport.Knowledge.Retrieval;

/// <summary>
/// The entries' embeddings, searched exhaustively: at a tenant's scale (thousands of entries) a scan of unit vectors
/// is a few milliseconds and exact, so an approximate index would buy nothing. Vectors are unit length: dot = cosine.
/// An entry may have several vectors (an article's title alone, and its title with its text): its similarity is the
/// best of them, because a short question often reads like a title and is diluted by a long text.
/// </summary>
public sealed class VectorIndex
{
    private readonly List<string> _ids = [];
    private readonly List<float[][]> _vectors = [];
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);

    public int Count => _ids.Count;

    public void Upsert(string id, float[][] vector)
    {
        if (_slots.TryGetValue(id, out var slot))
        {
            _vectors[slot] = vector;
            return;
        }
        _slots[id] = _ids.Count;
        _ids.Add(id);
        _vectors.Add(vector);
    }

    /// <summary>Removes by moving the last entry into the freed slot: order carries no meaning here.</summary>
    public void Remove(string id)
    {
        if (!_slots.Remove(id, out var slot)) return;
        var last = _ids.Count - 1;
        if (slot != last)
        {
            _ids[slot] = _ids[last];
            _vectors[slot] = _vectors[last];
            _slots[_ids[slot]] = slot;
        }
        _ids.RemoveAt(last);
        _vectors.RemoveAt(last);
    }

    public float? Similarity(string id, ReadOnlySpan<float> query) =>
        _slots.TryGetValue(id, out var slot) ? Best(_vectors[slot], query) : null;

    private static float Best(float[][] vectors, ReadOnlySpan<float> query)
    {
        var best = float.MinValue;
        foreach (var v in vectors) best = Math.Max(best, Dot(v, query));
        return best;
    }

    /// <summary>The <paramref name="count"/> nearest entries, nearest first, with their cosine similarity.</summary>
    public IReadOnlyList<(string Id, float Cosine)> Search(ReadOnlySpan<float> query, int count)
    {
        var best = new PriorityQueue<int, float>(count + 1);
        for (var i = 0; i < _vectors.Count; i++)
        {
            var score = Best(_vectors[i], query);
            if (best.Count < count) best.Enqueue(i, score);
            else if (best.TryPeek(out _, out var worst) && score > worst) best.EnqueueDequeue(i, score);
        }
        var found = new List<(string, float)>(best.Count);
        while (best.TryDequeue(out var i, out var score)) found.Add((_ids[i], score));
        found.Reverse();
        return found;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var width = System.Numerics.Vector<float>.Count;
        var sum = System.Numerics.Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - width; i += width)
            sum += new System.Numerics.Vector<float>(a[i..]) * new System.Numerics.Vector<float>(b[i..]);
        var dot = System.Numerics.Vector.Sum(sum);
        for (; i < a.Length; i++) dot += a[i] * b[i];
        return dot;
    }
}
