namespace ChatSupport.Grains.Storage;

/// <summary>Where ChatSupport keeps its data: one Azure Storage account (Azurite on a developer machine).</summary>
public sealed class ChatStorageOptions
{
    public const string Section = "ChatSupport:Storage";

    /// <summary>An Azure Storage connection string with a table endpoint.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// A connection string with a blob endpoint for attachments' bytes; empty: <see cref="ConnectionString"/>, which then
    /// names both endpoints (<c>TableEndpoint=…;BlobEndpoint=…</c>), as <c>./chat</c> and the tests configure it.
    /// </summary>
    public string BlobConnectionString { get; set; } = "";

    /// <summary>Prefixed to every table name, so several deployments can share one account.</summary>
    public string TablePrefix { get; set; } = "Chat";

    /// <summary>
    /// How long one storage request may take before the caller is told to try again. Short on purpose:
    /// a visitor waiting on a send is better told "try again" in seconds than left hanging for the SDK's 100 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
