using System.Text.RegularExpressions;

namespace ChatSupport.Knowledge.Privacy;

/// <summary>
/// Replaces what identifies a visitor or a purchase in a chat's text with placeholders, before a learned answer is
/// stored or anything is sent to a configured model: emails, card numbers (13–19 digits), phone numbers (7+ digits
/// with spaces, dashes, dots or brackets), and order numbers (a '#' or the word "order" before 4+ digits, or any run
/// of 6+ digits). Generic shapes on purpose: a missed shape leaks, an extra placeholder costs a word.
/// </summary>
public static partial class PersonalDataScrubber
{
    public const string Email = "[email]";
    public const string Card = "[card number]";
    public const string Phone = "[phone number]";
    public const string Order = "[order number]";

    public static string Scrub(string text)
    {
        text = EmailPattern().Replace(text, Email);
        text = CardPattern().Replace(text, Card);
        text = OrderPattern().Replace(text, m => m.Groups["word"].Value + Order);
        text = PhonePattern().Replace(text, Phone);
        text = LongNumberPattern().Replace(text, Order);
        return text;
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(?:\d[ -]?){12,18}\d\b", RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"(?<word>\border\s*(?:no\.?|number|nr\.?)?\s*:?\s*)#?\s*[A-Z]{0,3}-?\d{4,}\b|(?<word>)#\s*\d{4,}\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"(?<!\w)\+?\(?\d{1,4}\)?(?:[ .-]\(?\d{2,8}\)?){2,5}(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\b\d{6,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumberPattern();
}
