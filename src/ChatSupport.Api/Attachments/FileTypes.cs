using System.IO.Compression;
using System.Text;
using ChatSupport.Contracts.Attachments;

namespace ChatSupport.Api.Attachments;

/// <summary>
/// What a file is, from its bytes only (never its name or the type the browser declared): the signature of each type
/// of the allow-list, and for text, valid UTF-8 without NULs that does not open like markup. Anything else (SVG, HTML,
/// XML, scripts, executables, unknown bytes) is no type of the list and so is refused.
/// </summary>
public static class FileTypes
{
    /// <summary>Endings refused whatever the bytes look like: a browser or the OS would run or render them.</summary>
    private static readonly string[] DangerousEndings =
    [
        ".svg", ".svgz", ".html", ".htm", ".xhtml", ".xml", ".xsl", ".js", ".mjs", ".cjs", ".exe", ".dll", ".com", ".bat",
        ".cmd", ".msi", ".ps1", ".sh", ".vbs", ".jar", ".scr", ".hta", ".lnk", ".apk", ".app", ".dmg",
    ];

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static AttachmentType? Detect(ReadOnlySpan<byte> b, string fileName)
    {
        if (b.StartsWith(PngSignature)) return AttachmentTypes.Png;
        if (b.StartsWith(JpegSignature)) return AttachmentTypes.Jpeg;
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)) return AttachmentTypes.Gif;
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return AttachmentTypes.Webp;
        if (b.StartsWith("%PDF-"u8)) return AttachmentTypes.Pdf;
        if (b.StartsWith("PK\x03\x04"u8)) return Archive(b);
        if (IsPlainText(b)) return fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? AttachmentTypes.Csv : AttachmentTypes.Text;
        return null;
    }

    public static bool HasDangerousEnding(string fileName) =>
        DangerousEndings.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>The name's ending is one of the type's (so a PNG called "invoice.pdf" is not sent as a PDF).</summary>
    public static bool NameFits(AttachmentType type, string fileName) =>
        type.Extensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>DOCX and XLSX are ZIPs with their part in a known place; another ZIP is a ZIP. An unreadable one is nothing.</summary>
    private static AttachmentType? Archive(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes.ToArray(), writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (names.Contains("word/document.xml")) return AttachmentTypes.Docx;
            if (names.Contains("xl/workbook.xml")) return AttachmentTypes.Xlsx;
            return AttachmentTypes.Zip;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>UTF-8 (a BOM allowed) with no control character but tab and line breaks, whose first characters are not markup ("&lt;").</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith(Utf8Bom)) b = b[3..];
        foreach (var c in b)
            if (c < 32 && c is not ((byte)'\t' or (byte)'\n' or (byte)'\r')) return false;
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(b);
            var start = text.TrimStart();
            // HTML, SVG and XML all open with '<' (a doctype, a tag, a processing instruction): a browser would sniff them.
            return !start.StartsWith('<');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
