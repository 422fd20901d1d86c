using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Demo;

/// <summary>A demo visitor as the widget would describe them: name (most give one), browser, page, referrer, language, place.</summary>
public static class DemoVisitors
{
    /// <summary>Some visitors' place is unknown (a private address, or none in the database): the map counts them apart.</summary>
    private const double UnknownPlace = 0.06;

    public static VisitorMetadata Make(DemoRandom random)
    {
        var city = random.Pick(DemoWorld.Cities, c => c.Weight);
        var device = random.Pick(DemoWorld.Devices, d => d.Weight);
        var page = random.Pick(DemoWorld.Pages, p => p.Weight);
        string? name = null, email = null;
        if (random.Chance(0.7))
        {
            var first = random.Pick(DemoWorld.FirstNames);
            var last = random.Pick(DemoWorld.LastNames);
            name = $"{first} {last}";
            if (random.Chance(0.45)) email = $"{Ascii(first)}.{Ascii(last)}@example.com".ToLowerInvariant();
        }
        return new VisitorMetadata
        {
            Name = name,
            Email = email,
            Browser = device.Browser,
            OperatingSystem = device.OperatingSystem,
            UserAgent = device.UserAgent,
            PageUrl = "https://demo-shop.example" + page.Path,
            PageTitle = page.Title,
            Referrer = random.Pick(DemoWorld.Referrers, r => r.Weight).Referrer,
            Language = city.Language,
            TimeZone = city.TimeZone,
            Location = random.Chance(UnknownPlace) ? null : city.Location,
        };
    }

    /// <summary>An email address's letters: "Chloé" → "chloe".</summary>
    private static string Ascii(string name) =>
        new(name.Normalize(System.Text.NormalizationForm.FormD).Where(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z').ToArray());
}
