using ChatSupport.Knowledge.Privacy;
using Microsoft.Extensions.AI;

namespace ChatSupport.Knowledge.Generation;

/// <summary>How long the model may take before the retrieved suggestions are the answer (ChatSupport:Ai:Model).</summary>
public sealed class GenerativeModelOptions
{
    public const string Section = "ChatSupport:Ai:Model";

    /// <summary>"none" (the default: nothing leaves the server), "ollama" or "openai" (any OpenAI-compatible endpoint).</summary>
    public string Provider { get; set; } = "none";
    public string? Endpoint { get; set; }
    public string? Model { get; set; }
    /// <summary>For an OpenAI-compatible endpoint; from the environment or a secret store, never from a file in the repository.</summary>
    public string? ApiKey { get; set; }
    public double TimeoutSeconds { get; set; } = 3;
}

/// <summary>
/// Rewrites the confident retrieved answers into one reply grounded on them, with an <see cref="IChatClient"/> (a model
/// the operator configured; without one this writes nothing). What leaves the server is the visitor's question and the
/// retrieved texts, both scrubbed of emails, phone, order and card numbers first; never the conversation, names or ids.
/// Any failure, an empty answer, or a model slower than the timeout gives null: the agent sees the suggestions as they are.
/// </summary>
public sealed class GroundedReplyWriter(IChatClient? client, GenerativeModelOptions options)
{
    public const string Instructions =
        "You are a customer-support agent's assistant. Write one short, friendly reply to the customer's question using ONLY the " +
        "numbered sources. Do not add facts that are not in the sources. If the sources do not answer the question, reply with exactly: NO_ANSWER";

    public bool Enabled => client is not null;

    public async Task<string?> WriteAsync(string question, IReadOnlyList<(string Source, string Text)> sources, CancellationToken cancellationToken = default)
    {
        if (client is null || sources.Count == 0 || string.IsNullOrWhiteSpace(question)) return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(0.1, options.TimeoutSeconds)));
        var numbered = string.Join("\n\n", sources.Select((s, i) => $"[{i + 1}] {PersonalDataScrubber.Scrub(s.Source)}\n{PersonalDataScrubber.Scrub(s.Text)}"));
        ChatMessage[] messages =
        [
            new(ChatRole.System, Instructions),
            new(ChatRole.User, $"Sources:\n{numbered}\n\nCustomer's question: {PersonalDataScrubber.Scrub(question)}"),
        ];
        try
        {
            // WaitAsync as well: a client that ignores its token must not hold the agent's panel past the timeout.
            var response = await client.GetResponseAsync(messages, new ChatOptions { Temperature = 0.2f }, timeout.Token).WaitAsync(timeout.Token);
            var text = response.Text.Trim();
            return text.Length == 0 || text.Contains("NO_ANSWER", StringComparison.Ordinal) ? null : text;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A timeout, a refused connection, a model error: the retrieved suggestions are the answer.
            return null;
        }
    }
}
