using System.Text.Json;
using System.Text.Json.Serialization;
using ChatSupport.Knowledge.Retrieval;

namespace ChatSupport.Knowledge.Calibration;

/// <summary>
/// The calibrated confidence: the probability that a candidate answers the question, as a logistic function of its
/// <see cref="ConfidenceFeatures"/> (Platt scaling over the fused retrieval's scores, with the margins and places as
/// further inputs). Fitted by <see cref="Fit"/> on the calibration half of the labelled evaluation set
/// (<c>./chat bench ai --fit</c> writes <c>confidence-model.json</c>, committed and embedded here).
/// </summary>
public sealed record ConfidenceModel
{
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public required RetrievalMode Mode { get; init; }
    public required double[] Weights { get; init; }
    public required double Bias { get; init; }

    public double Confidence(RetrievedCandidate c, IReadOnlyList<RetrievedCandidate> all) =>
        Sigmoid(Bias + Dot(Weights, ConfidenceFeatures.Of(c, all, Mode)));

    /// <summary>
    /// Maximum likelihood logistic regression by Newton's method, with a small ridge (λ) so separable data still gives
    /// finite weights. Deterministic: the same examples give the same model, so the committed one can be re-fitted and compared.
    /// </summary>
    public static ConfidenceModel Fit(RetrievalMode mode, IReadOnlyList<(double[] Features, bool Answers)> examples, double lambda = 1e-2)
    {
        var n = examples[0].Features.Length + 1; // the last weight is the bias
        var w = new double[n];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[n];
            var hessian = new double[n, n];
            foreach (var (features, answers) in examples)
            {
                var x = features.Append(1.0).ToArray();
                var p = Sigmoid(Dot(w, x));
                var weight = Math.Max(p * (1 - p), 1e-9);
                for (var i = 0; i < n; i++)
                {
                    gradient[i] += (p - (answers ? 1 : 0)) * x[i];
                    for (var j = 0; j < n; j++) hessian[i, j] += weight * x[i] * x[j];
                }
            }
            for (var i = 0; i < n - 1; i++)
            {
                gradient[i] += lambda * w[i];
                hessian[i, i] += lambda;
            }
            var step = Solve(hessian, gradient);
            for (var i = 0; i < n; i++) w[i] -= step[i];
            if (step.Max(Math.Abs) < 1e-9) break;
        }
        return new ConfidenceModel { Mode = mode, Weights = w[..^1].Select(v => Math.Round(v, 6)).ToArray(), Bias = Math.Round(w[^1], 6) };
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The committed models, one per mode (the product uses the hybrid one).</summary>
    public static IReadOnlyDictionary<RetrievalMode, ConfidenceModel> Committed { get; } = LoadCommitted();

    public static string ToJson(IEnumerable<ConfidenceModel> models) => JsonSerializer.Serialize(models.ToList(), Json);

    private static Dictionary<RetrievalMode, ConfidenceModel> LoadCommitted()
    {
        using var stream = typeof(ConfidenceModel).Assembly.GetManifestResourceStream("confidence-model.json")
            ?? throw new InvalidOperationException("confidence-model.json is not embedded.");
        var models = JsonSerializer.Deserialize<List<ConfidenceModel>>(stream, Json) ?? [];
        return models.ToDictionary(m => m.Mode);
    }

    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    private static double Dot(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Count; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>Gaussian elimination with partial pivoting (n is at most 6 here).</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r, col]));
            for (var k = 0; k < n; k++) (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                for (var k = col; k < n; k++) m[r, k] -= f * m[col, k];
                x[r] -= f * x[col];
            }
        }
        for (var r = n - 1; r >= 0; r--)
        {
            for (var k = r + 1; k < n; k++) x[r] -= m[r, k] * x[k];
            x[r] /= m[r, r];
        }
        return x;
    }
}
