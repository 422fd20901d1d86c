namespace ChatSupport.Bench.Load;

/// <summary>A short name for a failure, for counting: the server's stable refusal code when there is one ("try_again").</summary>
public static class FailureKind
{
    private const string HubPrefix = "HubException: ";

    /// <summary>The server refused the call before doing anything: too busy (docs/operations.md, "Overload").</summary>
    public const string Busy = "hub error try_again";

    public static string Of(Exception e)
    {
        var message = e.Message;
        // A refused hub call reads "An unexpected error occurred invoking 'X' on the server. HubException: code: sentence".
        var last = message.LastIndexOf(HubPrefix, StringComparison.Ordinal);
        if (last >= 0)
        {
            var rest = message[(last + HubPrefix.Length)..];
            var colon = rest.IndexOf(':');
            if (colon > 0) return "hub error " + rest[..colon];
        }
        return e.GetType().Name + ": " + (message.Length > 80 ? message[..80] : message);
    }
}
