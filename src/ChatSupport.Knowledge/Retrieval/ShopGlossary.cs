using System.Globalization;
using System.Text;

namespace ChatSupport.Knowledge.Retrieval;

/// <summary>
/// Cross-language retrieval by a glossary (Glossary/shop-glossary.tsv): all-MiniLM-L6-v2 and the English analyzer read
/// English, and a visitor who asks "Comment annuler ma commande ?" shares no word with "Cancelling an order". The
/// glossary's words found in a question add their English after it ("… (cancel order)"), for the keywords and the
/// embedding alike; an English question is left as it is. A dictionary lookup, not a translation: it helps the short
/// support questions whose nouns and verbs are in the glossary, and nothing else.
/// </summary>
public static class ShopGlossary
{
    private static readonly IReadOnlyList<(string[] Words, string English)> Entries = Load();

    /// <summary>The question, followed by the English of its glossary words when it has any.</summary>
    public static string Expand(string question)
    {
        var words = Words(question);
        if (words.Length == 0) return question;
        var english = new List<string>();
        foreach (var (phrase, gloss) in Entries)
            if (Contains(words, phrase) && !english.Contains(gloss, StringComparer.Ordinal)) english.Add(gloss);
        return english.Count == 0 ? question : $"{question} ({string.Join(", ", english)})";
    }

    /// <summary>Whether the words hold the phrase in a row; a phrase word ending in "*" matches any word it starts.</summary>
    private static bool Contains(string[] words, string[] phrase)
    {
        for (var start = 0; start + phrase.Length <= words.Length; start++)
        {
            var all = true;
            for (var i = 0; i < phrase.Length && all; i++)
            {
                var p = phrase[i];
                all = p.EndsWith('*') ? words[start + i].StartsWith(p[..^1], StringComparison.Ordinal) : words[start + i] == p;
            }
            if (all) return true;
        }
        return false;
    }

    /// <summary>Lower case, accents removed ("ß" as "ss"), split on anything but letters, digits, hyphens (and the glossary's "*").</summary>
    private static string[] Words(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant().Replace("ß", "ss", StringComparison.Ordinal).Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(char.IsLetterOrDigit(c) || c is '-' or '*' ? c : ' ');
        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static List<(string[] Words, string English)> Load()
    {
        using var stream = typeof(ShopGlossary).Assembly.GetManifestResourceStream("shop-glossary.tsv")
            ?? throw new InvalidOperationException("shop-glossary.tsv is not embedded.");
        using var reader = new StreamReader(stream);
        var entries = new List<(string[], string)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var (english, words) = (line[..line.IndexOf('\t')], line[(line.IndexOf('\t') + 1)..]);
            var own = Words(english);
            foreach (var word in words.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var phrase = Words(word);
                // English words in the list ("contact", "email") would only repeat the question: skipped.
                if (phrase.Length > 0 && !(phrase.Length == 1 && own.Contains(phrase[0]))) entries.Add((phrase, english));
            }
        }
        return entries;
    }
}
