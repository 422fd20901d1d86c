namespace ChatSupport.Contracts.Sessions;

/// <summary>What the widget reports about the visitor when a chat starts. Every field is optional and bounded.</summary>
[GenerateSerializer, Immutable]
public sealed record VisitorMetadata
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public string? Email { get; init; }
    [Id(2)] public string? Browser { get; init; }
    [Id(3)] public string? OperatingSystem { get; init; }
    [Id(4)] public string? UserAgent { get; init; }
    [Id(5)] public string? PageUrl { get; init; }
    [Id(6)] public string? PageTitle { get; init; }
    [Id(7)] public string? Referrer { get; init; }
    [Id(8)] public string? Language { get; init; }
    [Id(9)] public string? TimeZone { get; init; }
    [Id(10)] public VisitorLocation? Location { get; init; }

    public static readonly VisitorMetadata Empty = new();

    public ChatError? Check() =>
        ChatInput.CheckOptional(Name, "name", ChatLimits.NameMaxLength)
        ?? ChatInput.CheckOptional(Email, "email", ChatLimits.EmailMaxLength)
        ?? ChatInput.CheckOptional(Browser, "browser", ChatLimits.ShortFieldMaxLength)
        ?? ChatInput.CheckOptional(OperatingSystem, "operatingSystem", ChatLimits.ShortFieldMaxLength)
        ?? ChatInput.CheckOptional(UserAgent, "userAgent", ChatLimits.UserAgentMaxLength)
        ?? ChatInput.CheckOptional(PageUrl, "pageUrl", ChatLimits.UrlMaxLength)
        ?? ChatInput.CheckOptional(PageTitle, "pageTitle", ChatLimits.TitleMaxLength)
        ?? ChatInput.CheckOptional(Referrer, "referrer", ChatLimits.UrlMaxLength)
        ?? ChatInput.CheckOptional(Language, "language", ChatLimits.ShortFieldMaxLength)
        ?? ChatInput.CheckOptional(TimeZone, "timeZone", ChatLimits.ShortFieldMaxLength)
        ?? Location?.Check();
}

/// <summary>Where the visitor is, resolved from their address by the server (never the raw address).</summary>
[GenerateSerializer, Immutable]
public sealed record VisitorLocation
{
    [Id(0)] public string? City { get; init; }
    [Id(1)] public string? Region { get; init; }
    [Id(2)] public string? Country { get; init; }
    [Id(3)] public string? CountryCode { get; init; }
    [Id(4)] public double? Latitude { get; init; }
    [Id(5)] public double? Longitude { get; init; }

    public ChatError? Check() =>
        ChatInput.CheckOptional(City, "city", ChatLimits.NameMaxLength)
        ?? ChatInput.CheckOptional(Region, "region", ChatLimits.NameMaxLength)
        ?? ChatInput.CheckOptional(Country, "country", ChatLimits.NameMaxLength)
        ?? ChatInput.CheckOptional(CountryCode, "countryCode", 2)
        ?? (Latitude is < -90 or > 90 || Longitude is < -180 or > 180
            ? ChatErrors.InvalidInput("Latitude is -90 to 90 and longitude -180 to 180.")
            : null);
}
