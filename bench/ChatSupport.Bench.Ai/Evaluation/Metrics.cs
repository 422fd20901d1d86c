namespace ChatSupport.Bench.Ai.Evaluation;

/// <summary>What one retrieval mode scored on the test half.</summary>
public sealed record Metrics(
    double Top1, double Top3, double AbstentionPrecision, double NoneAbstained, double AnsweredCorrect, double Ece,
    int Answerable, int None);

/// <summary>One question's outcome: its label, the entries suggested (best first) and the best one's confidence.</summary>
public sealed record Outcome(LabelledQuestion Question, IReadOnlyList<string> Suggested, double BestConfidence)
{
    public bool Top1 => Question.Answer is { } a && Suggested.Count > 0 && Suggested[0] == a;
    public bool Top3 => Question.Answer is { } a && Suggested.Contains(a);
}

public static class MetricsOf
{
    /// <summary>
    /// Top-1/top-3 over the questions that have an answer; abstention (best confidence under the threshold): its
    /// precision (of the abstentions, the share that were "none" questions) and the share of "none" questions it caught;
    /// ECE over all questions, 10 equal-width bins of the best suggestion's confidence against "it is the right article".
    /// </summary>
    public static Metrics Compute(IReadOnlyList<Outcome> outcomes, double threshold)
    {
        var answerable = outcomes.Where(o => o.Question.Answer is not null).ToList();
        var none = outcomes.Where(o => o.Question.Answer is null).ToList();
        var abstained = outcomes.Where(o => o.BestConfidence < threshold).ToList();
        var answered = outcomes.Where(o => o.BestConfidence >= threshold).ToList();
        return new Metrics(
            Share(answerable, o => o.Top1), Share(answerable, o => o.Top3),
            Share(abstained, o => o.Question.Answer is null), Share(none, o => o.BestConfidence < threshold),
            Share(answered, o => o.Top1),
            Ece(outcomes), answerable.Count, none.Count);
    }

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) =>
        items.Count == 0 ? double.NaN : items.Count(predicate) / (double)items.Count;

    private static double Ece(IReadOnlyList<Outcome> outcomes, int bins = 10)
    {
        var ece = 0.0;
        for (var b = 0; b < bins; b++)
        {
            var inBin = outcomes.Where(o => Math.Min((int)(o.BestConfidence * bins), bins - 1) == b).ToList();
            if (inBin.Count == 0) continue;
            var confidence = inBin.Average(o => o.BestConfidence);
            var accuracy = inBin.Average(o => o.Top1 ? 1.0 : 0.0);
            ece += inBin.Count / (double)outcomes.Count * Math.Abs(confidence - accuracy);
        }
        return ece;
    }
}
