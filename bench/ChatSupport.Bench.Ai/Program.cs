using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatSupport.Bench.Ai.Evaluation;
using ChatSupport.Knowledge.Calibration;
using ChatSupport.Knowledge.Embeddings;
using ChatSupport.Knowledge.Retrieval;

// ./chat bench ai [--fit] [--entries 10000] [--threshold 0.5]: see docs/benchmarks.md, "AI suggestions".
var fit = args.Contains("--fit");
var entries = Option("--entries", 10_000);
var threshold = Option("--threshold", 50) / 100.0;
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var report = new StringBuilder();
void Say(string line) { Console.WriteLine(line); report.AppendLine(line); }

var set = EvaluationSet.Load();
Say($"# AI suggestions: evaluation ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
Say($"Load before: {File.ReadAllText("/proc/loadavg").Trim()} on {Environment.ProcessorCount} cores");
Say($"Set: {set.Articles.Count} articles; calibration {set.Calibration.Count} questions, test {set.Test.Count} " +
    $"({set.Test.Count(q => q.Answer is null)} with no answer); abstention threshold {threshold:0.00}");

var clock = Stopwatch.StartNew();
var embedder = SentenceEmbedder.Shared;
embedder.WarmUp();
Say($"Model load: {clock.ElapsedMilliseconds} ms");

using var index = new KnowledgeIndex();
clock.Restart();
foreach (var a in set.Articles)
{
    var text = ArticleText.Plain(a.Body);
    index.Upsert(a.Id, a.Title, text, embedder.Embed(KnowledgeIndex.EmbeddingTexts(a.Title, text)).ToArray());
}
Say($"Articles embedded and indexed: {clock.ElapsedMilliseconds} ms");

var questionTexts = set.Calibration.Concat(set.Test).Select(q => q.Text).Distinct().ToList();
var questionVectors = questionTexts.Zip(embedder.Embed(questionTexts.Select(ShopGlossary.Expand).ToList())).ToDictionary(p => p.First, p => p.Second);

var modes = new[] { RetrievalMode.Hybrid, RetrievalMode.KeywordsOnly, RetrievalMode.EmbeddingsOnly };
var models = new Dictionary<RetrievalMode, ConfidenceModel>();
var metrics = new Dictionary<RetrievalMode, Metrics>();
var byKind = new Dictionary<RetrievalMode, string>();
var sameAsCommitted = true;
foreach (var mode in modes)
{
    var examples = new List<(double[], bool)>();
    foreach (var q in set.Calibration)
    {
        var candidates = index.Retrieve(q.Text, questionVectors[q.Text], 10, mode);
        examples.AddRange(candidates.Select(c => (ConfidenceFeatures.Of(c, candidates, mode), c.EntryId == q.Answer)));
    }
    var fitted = ConfidenceModel.Fit(mode, examples);
    var committed = ConfidenceModel.Committed.GetValueOrDefault(mode);
    sameAsCommitted &= committed is not null && committed.Bias == fitted.Bias && committed.Weights.SequenceEqual(fitted.Weights);
    models[mode] = fit || committed is null ? fitted : committed;
    var tested = Outcomes(set.Test, mode, q => questionVectors[q.Text]);
    var calibrated = MetricsOf.Compute(Outcomes(set.Calibration, mode, q => questionVectors[q.Text]), threshold);
    Say($"Calibration half, {Name(mode)}: top-1 {calibrated.Top1:P1}, top-3 {calibrated.Top3:P1}, ECE {calibrated.Ece:0.000} (what retrieval choices are tuned on)");
    metrics[mode] = MetricsOf.Compute(tested, threshold);
    byKind[mode] = string.Join(", ", tested.Where(o => o.Question.Answer is not null).GroupBy(o => o.Question.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key} {g.Count(o => o.Top3)}/{g.Count()}"));
    var english = tested.Where(o => o.Question.Kind != "language").ToList();
    byKind[mode] += $"; without the other languages: top-1 {MetricsOf.Compute(english, threshold).Top1:P1}, top-3 {MetricsOf.Compute(english, threshold).Top3:P1}";
    if (args.Contains("--misses"))
        foreach (var o in tested.Where(o => o.Question.Answer is not null ? !o.Top3 : o.BestConfidence >= threshold))
            Console.WriteLine($"  miss ({Name(mode)}): '{o.Question.Text}' [{o.Question.Answer ?? "none"}] got {string.Join(", ", o.Suggested)} at {o.BestConfidence:0.00}");
}

if (fit)
{
    var path = Path.Combine(RepoRoot(), "src", "ChatSupport.Knowledge", "Calibration", "confidence-model.json");
    File.WriteAllText(path, ConfidenceModel.ToJson(modes.Select(m => models[m])) + "\n");
    Say($"Fitted on the calibration half and written to {Path.GetRelativePath(RepoRoot(), path)} (rebuild to use it).");
}
else Say($"Committed confidence model equals a re-fit on the calibration half: {(sameAsCommitted ? "yes" : "NO (run ./chat bench ai --fit)")}");

// The same questions with the index filled to the measured size: latency (embedding included), memory, and accuracy among distractors.
clock.Restart();
var fillerVectors = embedder.Embed(Enumerable.Range(0, FillerEntries.Distinct).Select(FillerEntries.Text).ToList());
GC.Collect();
GC.WaitForPendingFinalizers();
var before = GC.GetTotalMemory(true);
var filler = Math.Max(0, entries - set.Articles.Count);
for (var i = 0; i < filler; i++)
{
    var text = FillerEntries.Text(i);
    index.Upsert($"filler-{i}", text, text, [(float[])fillerVectors[i % FillerEntries.Distinct].Clone()], refresh: false);
}
index.Refresh();
GC.Collect();
GC.WaitForPendingFinalizers();
var bytesPerEntry = filler == 0 ? 0 : (GC.GetTotalMemory(true) - before) / (double)filler;
Say($"Filled to {index.Count} entries in {clock.ElapsedMilliseconds} ms; managed memory per entry {bytesPerEntry / 1024:0.0} KiB " +
    $"(the 384-float vector is 1.5 KiB of it); process working set {Environment.WorkingSet / 1_048_576} MiB");

var latency = new Dictionary<RetrievalMode, (double P50, double P95)>();
var atScale = new Dictionary<RetrievalMode, Metrics>();
foreach (var mode in modes)
{
    Outcomes(set.Test.Take(10).ToList(), mode, _ => null); // warm-up, not timed
    var timings = new List<double>();
    var outcomes = Outcomes(set.Test, mode, _ => null, timings);
    timings.Sort();
    latency[mode] = (Percentile(timings, 0.50), Percentile(timings, 0.95));
    atScale[mode] = MetricsOf.Compute(outcomes, threshold);
}

Say("");
Say($"Test half ({metrics[RetrievalMode.Hybrid].Answerable} answerable, {metrics[RetrievalMode.Hybrid].None} none); latency = one suggestion request (embed the question, search, score) at {index.Count} entries:");
Say("");
Say("| retrieval | top-1 | top-3 | abstention precision | none abstained | answered correctly | ECE (10 bins) | p50 ms | p95 ms | top-3 at " + index.Count + " |");
Say("|---|---|---|---|---|---|---|---|---|---|");
foreach (var mode in modes)
{
    var m = metrics[mode];
    Say($"| {Name(mode)} | {m.Top1:P1} | {m.Top3:P1} | {m.AbstentionPrecision:P1} | {m.NoneAbstained:P1} | {m.AnsweredCorrect:P1} | {m.Ece:0.000} | " +
        $"{latency[mode].P50:0.0} | {latency[mode].P95:0.0} | {atScale[mode].Top3:P1} |");
}
Say("");
Say("Top-3 by kind of question (found / asked):");
foreach (var mode in modes) Say($"- {Name(mode)}: {byKind[mode]}");
Say("");
var h = metrics[RetrievalMode.Hybrid];
Say($"Targets (hybrid): top-3 ≥ 90 %: {Verdict(h.Top3 >= 0.9)}; ECE ≤ 0.10: {Verdict(h.Ece <= 0.10)}; p95 ≤ 150 ms: {Verdict(latency[RetrievalMode.Hybrid].P95 <= 150)}");
Say($"Load after: {File.ReadAllText("/proc/loadavg").Trim()}");

var results = Path.Combine(RepoRoot(), "bench", "results");
Directory.CreateDirectory(results);
var file = Path.Combine(results, $"ai-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
File.WriteAllText(file, report.ToString());
Console.WriteLine($"Report: {Path.GetRelativePath(RepoRoot(), file)}");
return 0;

List<Outcome> Outcomes(IReadOnlyList<LabelledQuestion> questions, RetrievalMode mode, Func<LabelledQuestion, float[]?> vector, List<double>? timings = null)
{
    var outcomes = new List<Outcome>(questions.Count);
    foreach (var q in questions)
    {
        var started = Stopwatch.GetTimestamp();
        var suggested = Suggester.Suggest(index, q.Text, 3, mode, models[mode], vector(q));
        timings?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        outcomes.Add(new Outcome(q, suggested.Select(s => s.Candidate.EntryId).ToList(), suggested.FirstOrDefault()?.Confidence ?? 0));
    }
    return outcomes;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var v) ? v : fallback;
}

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
static string Name(RetrievalMode mode) => mode switch
{
    RetrievalMode.Hybrid => "hybrid (BM25 + embeddings, RRF)",
    RetrievalMode.KeywordsOnly => "BM25 alone",
    _ => "embeddings alone",
};
static string Verdict(bool met) => met ? "met" : "NOT met";
static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "ChatSupport.sln"))) return dir.FullName;
    throw new InvalidOperationException("ChatSupport.sln not found.");
}
