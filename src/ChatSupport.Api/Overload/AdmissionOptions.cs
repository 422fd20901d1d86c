namespace ChatSupport.Api.Overload;

/// <summary>Configuration section <c>ChatSupport:Admission</c>: how much work one Api node lets into the cluster at once (docs/operations.md, "Overload").</summary>
public sealed class AdmissionOptions
{
    public const string Section = "ChatSupport:Admission";

    /// <summary>
    /// Hub calls one Api node lets run at once; the next one is refused at once with <c>try_again</c>. By Little's law
    /// this bounds a call's wait: at the node's saturation (about 1,500 stored messages a second on the development
    /// machine, docs/benchmarks.md) 512 calls in flight is a third of a second of queue, far inside the 10 s response
    /// timeout, while steady traffic (10,000 chats, 667 messages a second at ~15 ms) keeps about 10 in flight.
    /// </summary>
    public int Concurrency { get; set; } = 512;
}
