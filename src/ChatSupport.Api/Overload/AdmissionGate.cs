using ChatSupport.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Overload;

/// <summary>
/// Admission control for one Api node: at most <see cref="AdmissionOptions.Concurrency"/> hub calls in flight. A call
/// past the limit is refused before it does anything (nothing stored, nothing changed), so under any offered load the
/// calls that are let in finish in time and every refusal is fast, instead of every call queueing in the silo until
/// its response timeout. A refusal is counted (metric <c>chatsupport.overload.refused{what="hub_call"}</c>, and the
/// refusal summary line), never logged one by one.
/// </summary>
public sealed class AdmissionGate
{
    private readonly int _limit;
    private int _inFlight;

    /// <param name="options">Validated at start (at least 1).</param>
    public AdmissionGate(IOptions<AdmissionOptions> options) => _limit = options.Value.Concurrency;

    /// <summary>Calls admitted and not finished yet.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Takes a slot; false (and nothing taken) when every slot is in use. Every true is followed by one <see cref="Leave"/>.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= _limit) return true;
        Interlocked.Decrement(ref _inFlight);
        ChatMetrics.Overloaded("hub_call");
        return false;
    }

    public void Leave() => Interlocked.Decrement(ref _inFlight);
}
