namespace ChatSupport.Api.Attachments;

/// <summary>Where and how attachments are kept and served (docs/operations.md, "Attachments").</summary>
public sealed class AttachmentOptions
{
    public const string Section = "ChatSupport:Attachments";

    /// <summary>
    /// The blob container every tenant's files share, under the prefix "{tenant}/" (one container per deployment: a
    /// tenant's files are listed and deleted by prefix, and no container has to be made when a tenant is).
    /// </summary>
    public string Container { get; set; } = "chat-attachments";

    /// <summary>How long a file link works (at most 15 minutes).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The origin file links point to, e.g. "https://files.example-usercontent.net": a host that serves this Api but
    /// carries no cookie of the dashboard's. Empty: links are on this host's <c>/files/</c> path, which reads no cookie.
    /// </summary>
    public string FilesOrigin { get; set; } = "";

    /// <summary>"accept" (default: every file passes) or "clamd" (ClamAV's daemon over TCP, <see cref="ClamdHost"/>:<see cref="ClamdPort"/>).</summary>
    public string Scanner { get; set; } = "accept";
    public string ClamdHost { get; set; } = "127.0.0.1";
    public int ClamdPort { get; set; } = 3310;
    public TimeSpan ClamdTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxLinkLifetime = TimeSpan.FromMinutes(15);
}
