using ChatSupport.Contracts.Knowledge;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Knowledge.Generation;
using Orleans.Concurrency;

namespace ChatSupport.Grains.Knowledge;

/// <summary>See <see cref="IReplyDraftGrain"/>: <see cref="GroundedReplyWriter"/> does the scrubbing, the timeout and the fallback.</summary>
[StatelessWorker]
public sealed class ReplyDraftGrain(GroundedReplyWriter writer) : Grain, IReplyDraftGrain
{
    public async Task<GeneratedReply?> Draft(string question, IReadOnlyList<Suggestion> suggestions)
    {
        if (!writer.Enabled || suggestions.Count == 0) return null;
        var text = await writer.WriteAsync(question, suggestions.Select(s => (s.Source, s.Text)).ToList());
        if (text is null) return null;
        if (text.Length > ChatLimits.MessageMaxLength) text = text[..(ChatLimits.MessageMaxLength - 1)] + "\u2026";
        return new GeneratedReply { Text = text, Sources = suggestions.Select(s => s.Source).Distinct(StringComparer.Ordinal).ToList() };
    }
}
