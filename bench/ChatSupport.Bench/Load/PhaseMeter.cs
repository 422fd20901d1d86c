using ChatSupport.Bench.Measure;

namespace ChatSupport.Bench.Load;

/// <summary>What one load phase measured: end-to-end delivery and ack latency, and every message's fate.</summary>
public sealed class PhaseMeter
{
    private static int _nextId;

    private long _sent, _acked, _failed, _delivered;

    public PhaseMeter(string name)
    {
        Name = name;
        Id = Interlocked.Increment(ref _nextId);
        Delivery = new LatencyRecorder(name + " delivery");
        Ack = new LatencyRecorder(name + " ack");
        Refusal = new LatencyRecorder(name + " try_again");
        MessageStamp.Register(this);
    }

    public int Id { get; }
    public string Name { get; }

    /// <summary>Sender's send → the partner's receipt of the message event.</summary>
    public LatencyRecorder Delivery { get; }

    /// <summary>Delivery latency second by second, to show stalls that come at a rhythm.</summary>
    public LatencyTimeline DeliveryTimeline { get; } = new();

    /// <summary>Sender's send → the server's acknowledgement (for the chat: the message is stored).</summary>
    public LatencyRecorder Ack { get; }

    public long Sent => Interlocked.Read(ref _sent);
    public long Acked => Interlocked.Read(ref _acked);
    public long Failed => Interlocked.Read(ref _failed);
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Sender's send → the server's <c>try_again</c> (busy: refused before anything was done).</summary>
    public LatencyRecorder Refusal { get; }

    /// <summary>Failures by their first words (a hub error code, a timeout…), for the report.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> FailureKinds { get; } = new();

    public void OnSent() => Interlocked.Increment(ref _sent);

    public void OnAcked(long sentTimestamp)
    {
        Ack.RecordSince(sentTimestamp);
        Interlocked.Increment(ref _acked);
    }

    public void OnFailed(Exception e, long sentTimestamp)
    {
        Interlocked.Increment(ref _failed);
        var kind = FailureKind.Of(e);
        if (kind == FailureKind.Busy) Refusal.RecordSince(sentTimestamp);
        FailureKinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    public void OnDelivered(long sentTimestamp, TimeSpan latency)
    {
        Delivery.Record(latency);
        DeliveryTimeline.Record(sentTimestamp, latency);
        Interlocked.Increment(ref _delivered);
    }
}
