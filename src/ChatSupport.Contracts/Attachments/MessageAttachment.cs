namespace ChatSupport.Contracts.Attachments;

/// <summary>
/// The file a message carries (docs/protocol.md, "Attachments"). Everything here is the server's: the type is the one
/// its bytes showed, the name is the uploader's cleaned for display only, and <see cref="FileKey"/> (part of the blob
/// name) is derived from the session, the sender and the client message id, never taken from the uploader.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MessageAttachment
{
    [Id(0)] public required string FileKey { get; init; }
    /// <summary>The uploader's file name, for display only (never a path, never a blob name).</summary>
    [Id(1)] public required string FileName { get; init; }
    /// <summary>The detected type: "image/png", "application/pdf", … (<see cref="AttachmentTypes"/>).</summary>
    [Id(2)] public required string ContentType { get; init; }
    [Id(3)] public required long Size { get; init; }
    /// <summary>An image with a server-made thumbnail (metadata stripped): shown inline; everything else is a card.</summary>
    [Id(4)] public bool HasThumbnail { get; init; }
    [Id(5)] public int? Width { get; init; }
    [Id(6)] public int? Height { get; init; }
}

/// <summary>A tenant's attachment settings, within the server's maxima (<see cref="AttachmentTypes"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record AttachmentSettings
{
    [Id(0)] public long MaxBytes { get; init; } = AttachmentTypes.DefaultMaxBytes;
    [Id(1)] public int MaxPerChat { get; init; } = AttachmentTypes.DefaultMaxPerChat;
    /// <summary>Type names of <see cref="AttachmentTypes.All"/>; empty means the default allow-list.</summary>
    [Id(2)] public IReadOnlyList<string> AllowedTypes { get; init; } = [];

    /// <summary>These settings held to the server's maxima: a size over 25 MB is 25 MB, unknown type names are dropped.</summary>
    public AttachmentSettings Clamped() => new()
    {
        MaxBytes = MaxBytes is > 0 and <= AttachmentTypes.MaxBytesLimit ? MaxBytes : MaxBytes <= 0 ? AttachmentTypes.DefaultMaxBytes : AttachmentTypes.MaxBytesLimit,
        MaxPerChat = MaxPerChat is > 0 and <= AttachmentTypes.MaxPerChatLimit ? MaxPerChat : MaxPerChat <= 0 ? AttachmentTypes.DefaultMaxPerChat : AttachmentTypes.MaxPerChatLimit,
        AllowedTypes = AllowedTypes.Count == 0
            ? AttachmentTypes.All.Select(t => t.Name).ToList()
            : AllowedTypes.Where(n => AttachmentTypes.All.Any(t => t.Name == n)).Distinct().ToList(),
    };

    public static readonly AttachmentSettings Default = new AttachmentSettings().Clamped();
}

/// <summary>One type of the allow-list: its name in settings, its MIME type, and the file name endings it may carry.</summary>
public sealed record AttachmentType(string Name, string ContentType, string Label, IReadOnlyList<string> Extensions)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}

/// <summary>The allow-list and the server's limits. SVG, HTML, XML, JavaScript and executables are in no list, by construction.</summary>
public static class AttachmentTypes
{
    public const long DefaultMaxBytes = 10L * 1024 * 1024;
    public const long MaxBytesLimit = 25L * 1024 * 1024;
    public const int DefaultMaxPerChat = 20;
    public const int MaxPerChatLimit = 100;

    public static readonly AttachmentType Png = new("png", "image/png", "PNG image", [".png"]);
    public static readonly AttachmentType Jpeg = new("jpeg", "image/jpeg", "JPEG image", [".jpg", ".jpeg", ".jfif"]);
    public static readonly AttachmentType Gif = new("gif", "image/gif", "GIF image", [".gif"]);
    public static readonly AttachmentType Webp = new("webp", "image/webp", "WebP image", [".webp"]);
    public static readonly AttachmentType Pdf = new("pdf", "application/pdf", "PDF document", [".pdf"]);
    public static readonly AttachmentType Text = new("text", "text/plain", "Text file", [".txt", ".log", ".text"]);
    public static readonly AttachmentType Csv = new("csv", "text/csv", "CSV file", [".csv"]);
    public static readonly AttachmentType Docx = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document", [".docx"]);
    public static readonly AttachmentType Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook", [".xlsx"]);
    public static readonly AttachmentType Zip = new("zip", "application/zip", "ZIP archive", [".zip"]);

    public static readonly IReadOnlyList<AttachmentType> All = [Png, Jpeg, Gif, Webp, Pdf, Text, Csv, Docx, Xlsx, Zip];

    public static AttachmentType? ByContentType(string contentType) => All.FirstOrDefault(t => t.ContentType == contentType);
}
