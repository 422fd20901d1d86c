using ChatSupport.Api.Geo;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Demo;

/// <summary>
/// Who the demo visitors are: cities around the world (weighted towards the shop's European and American customers),
/// names, browsers and the shop's pages. The location is what <see cref="VisitorLocator"/> would have found for an
/// address in that city (the same fields, country names from <see cref="CountryNames"/>).
/// </summary>
public static class DemoWorld
{
    public sealed record City(string Name, string Region, string CountryCode, double Latitude, double Longitude, string TimeZone, string Language, double Weight)
    {
        public VisitorLocation Location => new()
        {
            City = Name, Region = Region, CountryCode = CountryCode, Country = CountryNames.Of(CountryCode), Latitude = Latitude, Longitude = Longitude,
        };
    }

    public static readonly City[] Cities =
    [
        new("London", "England", "GB", 51.5072, -0.1276, "Europe/London", "en-GB", 9),
        new("Manchester", "England", "GB", 53.4808, -2.2426, "Europe/London", "en-GB", 3),
        new("Edinburgh", "Scotland", "GB", 55.9533, -3.1883, "Europe/London", "en-GB", 1.5),
        new("Dublin", "Leinster", "IE", 53.3498, -6.2603, "Europe/Dublin", "en-IE", 2),
        new("Berlin", "Berlin", "DE", 52.5200, 13.4050, "Europe/Berlin", "de-DE", 6),
        new("Munich", "Bavaria", "DE", 48.1351, 11.5820, "Europe/Berlin", "de-DE", 3),
        new("Hamburg", "Hamburg", "DE", 53.5511, 9.9937, "Europe/Berlin", "de-DE", 2),
        new("Paris", "Île-de-France", "FR", 48.8566, 2.3522, "Europe/Paris", "fr-FR", 5),
        new("Lyon", "Auvergne-Rhône-Alpes", "FR", 45.7640, 4.8357, "Europe/Paris", "fr-FR", 1.5),
        new("Madrid", "Madrid", "ES", 40.4168, -3.7038, "Europe/Madrid", "es-ES", 3),
        new("Barcelona", "Catalonia", "ES", 41.3874, 2.1686, "Europe/Madrid", "es-ES", 2.5),
        new("Lisbon", "Lisbon", "PT", 38.7223, -9.1393, "Europe/Lisbon", "pt-PT", 1.5),
        new("Rome", "Lazio", "IT", 41.9028, 12.4964, "Europe/Rome", "it-IT", 2.5),
        new("Milan", "Lombardy", "IT", 45.4642, 9.1900, "Europe/Rome", "it-IT", 2),
        new("Amsterdam", "North Holland", "NL", 52.3676, 4.9041, "Europe/Amsterdam", "nl-NL", 3),
        new("Brussels", "Brussels Capital", "BE", 50.8503, 4.3517, "Europe/Brussels", "fr-BE", 1.5),
        new("Zurich", "Zurich", "CH", 47.3769, 8.5417, "Europe/Zurich", "de-CH", 1.5),
        new("Vienna", "Vienna", "AT", 48.2082, 16.3738, "Europe/Vienna", "de-AT", 1.5),
        new("Copenhagen", "Capital Region", "DK", 55.6761, 12.5683, "Europe/Copenhagen", "da-DK", 1.5),
        new("Stockholm", "Stockholm", "SE", 59.3293, 18.0686, "Europe/Stockholm", "sv-SE", 2),
        new("Oslo", "Oslo", "NO", 59.9139, 10.7522, "Europe/Oslo", "nb-NO", 1),
        new("Helsinki", "Uusimaa", "FI", 60.1699, 24.9384, "Europe/Helsinki", "fi-FI", 1),
        new("Warsaw", "Mazovia", "PL", 52.2297, 21.0122, "Europe/Warsaw", "pl-PL", 2),
        new("Prague", "Prague", "CZ", 50.0755, 14.4378, "Europe/Prague", "cs-CZ", 1.5),
        new("Athens", "Attica", "GR", 37.9838, 23.7275, "Europe/Athens", "el-GR", 1),
        new("Istanbul", "Istanbul", "TR", 41.0082, 28.9784, "Europe/Istanbul", "tr-TR", 1.5),
        new("New York", "New York", "US", 40.7128, -74.0060, "America/New_York", "en-US", 6),
        new("Boston", "Massachusetts", "US", 42.3601, -71.0589, "America/New_York", "en-US", 1.5),
        new("Chicago", "Illinois", "US", 41.8781, -87.6298, "America/Chicago", "en-US", 2.5),
        new("Austin", "Texas", "US", 30.2672, -97.7431, "America/Chicago", "en-US", 1.5),
        new("Denver", "Colorado", "US", 39.7392, -104.9903, "America/Denver", "en-US", 1),
        new("San Francisco", "California", "US", 37.7749, -122.4194, "America/Los_Angeles", "en-US", 3),
        new("Los Angeles", "California", "US", 34.0522, -118.2437, "America/Los_Angeles", "en-US", 2.5),
        new("Seattle", "Washington", "US", 47.6062, -122.3321, "America/Los_Angeles", "en-US", 1.5),
        new("Toronto", "Ontario", "CA", 43.6532, -79.3832, "America/Toronto", "en-CA", 2.5),
        new("Vancouver", "British Columbia", "CA", 49.2827, -123.1207, "America/Vancouver", "en-CA", 1),
        new("Montreal", "Quebec", "CA", 45.5019, -73.5674, "America/Toronto", "fr-CA", 1),
        new("Mexico City", "Mexico City", "MX", 19.4326, -99.1332, "America/Mexico_City", "es-MX", 1.5),
        new("São Paulo", "São Paulo", "BR", -23.5558, -46.6396, "America/Sao_Paulo", "pt-BR", 2),
        new("Buenos Aires", "Buenos Aires", "AR", -34.6037, -58.3816, "America/Argentina/Buenos_Aires", "es-AR", 1),
        new("Bogotá", "Bogotá", "CO", 4.7110, -74.0721, "America/Bogota", "es-CO", 0.8),
        new("Santiago", "Santiago Metropolitan", "CL", -33.4489, -70.6693, "America/Santiago", "es-CL", 0.6),
        new("Lagos", "Lagos", "NG", 6.5244, 3.3792, "Africa/Lagos", "en-NG", 0.8),
        new("Nairobi", "Nairobi", "KE", -1.2921, 36.8219, "Africa/Nairobi", "en-KE", 0.6),
        new("Cape Town", "Western Cape", "ZA", -33.9249, 18.4241, "Africa/Johannesburg", "en-ZA", 0.8),
        new("Cairo", "Cairo", "EG", 30.0444, 31.2357, "Africa/Cairo", "ar-EG", 0.6),
        new("Dubai", "Dubai", "AE", 25.2048, 55.2708, "Asia/Dubai", "en-AE", 1),
        new("Tel Aviv", "Tel Aviv", "IL", 32.0853, 34.7818, "Asia/Jerusalem", "he-IL", 0.6),
        new("Mumbai", "Maharashtra", "IN", 19.0760, 72.8777, "Asia/Kolkata", "en-IN", 1.5),
        new("Bengaluru", "Karnataka", "IN", 12.9716, 77.5946, "Asia/Kolkata", "en-IN", 1.5),
        new("Singapore", "Singapore", "SG", 1.3521, 103.8198, "Asia/Singapore", "en-SG", 1.5),
        new("Jakarta", "Jakarta", "ID", -6.2088, 106.8456, "Asia/Jakarta", "id-ID", 0.6),
        new("Manila", "Metro Manila", "PH", 14.5995, 120.9842, "Asia/Manila", "en-PH", 0.6),
        new("Hong Kong", "Hong Kong", "HK", 22.3193, 114.1694, "Asia/Hong_Kong", "zh-HK", 0.8),
        new("Seoul", "Seoul", "KR", 37.5665, 126.9780, "Asia/Seoul", "ko-KR", 0.8),
        new("Tokyo", "Tokyo", "JP", 35.6762, 139.6503, "Asia/Tokyo", "ja-JP", 1.5),
        new("Sydney", "New South Wales", "AU", -33.8688, 151.2093, "Australia/Sydney", "en-AU", 2),
        new("Melbourne", "Victoria", "AU", -37.8136, 144.9631, "Australia/Melbourne", "en-AU", 1.5),
        new("Auckland", "Auckland", "NZ", -36.8485, 174.7633, "Pacific/Auckland", "en-NZ", 0.8),
    ];

    public static readonly string[] FirstNames =
    [
        "Olivia", "Noah", "Emma", "Liam", "Mia", "Lucas", "Sofia", "Leon", "Amelia", "Mateo", "Hannah", "Elias", "Chloé", "Hugo",
        "Giulia", "Marco", "Ingrid", "Lars", "Zofia", "Jakub", "Aisha", "Omar", "Priya", "Arjun", "Mei", "Kenji", "Ji-woo", "Min-jun",
        "Chidi", "Amara", "Wanjiru", "Thabo", "Camila", "Diego", "Isabela", "Tiago", "Grace", "Ethan", "Ava", "James", "Zoe", "Ruby",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Müller", "García", "Rossi", "Dubois", "Jansen", "Nowak", "Andersson", "Silva", "Kowalski", "Murphy", "Schmidt",
        "Martin", "Fernández", "Costa", "Novák", "Yilmaz", "Johnson", "Brown", "Nguyen", "Patel", "Sharma", "Tanaka", "Kim", "Okafor",
        "Mwangi", "Naidoo", "López", "Santos", "Chen", "Cohen", "Haddad", "Wilson", "Taylor",
    ];

    public sealed record Device(string Browser, string OperatingSystem, string UserAgent, double Weight);

    public static readonly Device[] Devices =
    [
        new("Chrome", "Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", 30),
        new("Safari", "iOS", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", 22),
        new("Chrome", "Android", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", 18),
        new("Safari", "macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", 12),
        new("Edge", "Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", 9),
        new("Firefox", "Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", 5),
        new("Firefox", "Linux", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", 2),
        new("Chrome", "ChromeOS", "Mozilla/5.0 (X11; CrOS x86_64 15917.71.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", 2),
    ];

    public sealed record Page(string Path, string Title, double Weight);

    public static readonly Page[] Pages =
    [
        new("/", "Demo Shop — Home", 18),
        new("/product.html", "Trail Runner 2 — Demo Shop", 22),
        new("/products/rain-jacket", "Packable Rain Jacket — Demo Shop", 10),
        new("/products/merino-hoodie", "Merino Hoodie — Demo Shop", 8),
        new("/cart", "Your basket — Demo Shop", 14),
        new("/checkout", "Checkout — Demo Shop", 12),
        new("/account/orders", "Your orders — Demo Shop", 10),
        new("/help/returns", "Returns and refunds — Demo Shop", 6),
    ];

    public static readonly (string? Referrer, double Weight)[] Referrers =
    [
        (null, 40), ("https://www.google.com/", 30), ("https://www.instagram.com/", 8), ("https://news.demo-shop.example/november", 8),
        ("https://www.bing.com/", 5), ("https://duckduckgo.com/", 4), ("https://www.facebook.com/", 5),
    ];
}
