using System.Globalization;
using System.Text;

namespace ChatSupport.Contracts.Sessions;

/// <summary>
/// Visitor-supplied text that agents see as names and titles (name, email, page title, referrer, feedback…) is
/// cleaned of characters that can disguise it: control characters (a bell, an escape sequence, a NUL) and the
/// bidirectional controls (U+202A–U+202E overrides, U+2066–U+2069 isolates, LRM/RLM/ALM) that make
/// "Eve\u202Egnp.exe" read as "Eveexe.png", plus the zero-width space and BOM (the zero-width joiners that emoji and
/// some scripts need stay). Line breaks and tabs become a space, or stay line breaks where the field is multi-line
/// (feedback); everything else is kept exactly.
/// </summary>
public static class DisplayText
{
    public static string? Clean(string? text, bool multiline = false)
    {
        if (text is null || !text.Any(c => Disguises(c) || IsBreak(c))) return text;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue; // CRLF is one break
            if (IsBreak(c)) clean.Append(multiline && c != '\t' ? '\n' : ' ');
            else if (!Disguises(c)) clean.Append(c);
        }
        return clean.ToString();
    }

    /// <summary>The visitor's metadata with every text field cleaned (the location is the server's own).</summary>
    public static VisitorMetadata Clean(VisitorMetadata metadata) => metadata with
    {
        Name = Clean(metadata.Name),
        Email = Clean(metadata.Email),
        Browser = Clean(metadata.Browser),
        OperatingSystem = Clean(metadata.OperatingSystem),
        UserAgent = Clean(metadata.UserAgent),
        PageUrl = Clean(metadata.PageUrl),
        PageTitle = Clean(metadata.PageTitle),
        Referrer = Clean(metadata.Referrer),
        Language = Clean(metadata.Language),
        TimeZone = Clean(metadata.TimeZone),
    };

    private static bool IsBreak(char c) => c is '\t' or '\n' or '\r' or '\u2028' or '\u2029';

    private static bool Disguises(char c) =>
        (char.GetUnicodeCategory(c) == UnicodeCategory.Control && !IsBreak(c)) // C0, DEL, C1
        || c is '\u061c' or '\u200b' or '\u200e' or '\u200f' or '\ufeff'
        || c is >= '\u202a' and <= '\u202e'
        || c is >= '\u2066' and <= '\u2069';
}
