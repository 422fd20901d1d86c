using ChatSupport.Contracts.Sessions;
using MaxMind.Db;

namespace ChatSupport.Api.Geo;

/// <summary>
/// One record of the DB-IP City Lite MMDB as ip-location-db lays it out: <c>country_code, state1, state2, city,
/// postcode, latitude, longitude, timezone</c> (coordinates as 32-bit floats). Only what the session keeps is decoded.
/// </summary>
internal sealed class DbIpCityRecord
{
    [Constructor]
    public DbIpCityRecord(
        [MapKey("country_code")] string? countryCode,
        [MapKey("state1")] string? region,
        [MapKey("city")] string? city,
        [MapKey("latitude")] float? latitude,
        [MapKey("longitude")] float? longitude)
    {
        CountryCode = countryCode;
        Region = region;
        City = city;
        Latitude = latitude;
        Longitude = longitude;
    }

    public string? CountryCode { get; }
    public string? Region { get; }
    public string? City { get; }
    public float? Latitude { get; }
    public float? Longitude { get; }

    /// <summary>The session's location; null when the record names no country (nothing worth showing).</summary>
    public VisitorLocation? ToLocation()
    {
        if (CountryCode is not { Length: 2 } code) return null;
        var located = Latitude is float lat and >= -90 and <= 90 && Longitude is float lon and >= -180 and <= 180;
        return new VisitorLocation
        {
            City = Bounded(City),
            Region = Bounded(Region),
            Country = CountryNames.Of(code),
            CountryCode = code.ToUpperInvariant(),
            // Four decimals (about 10 m) is finer than the database is anyway, and reads better than a float's tail.
            Latitude = located ? Math.Round((double)Latitude!.Value, 4) : null,
            Longitude = located ? Math.Round((double)Longitude!.Value, 4) : null,
        };
    }

    /// <summary>Empty fields are null, and nothing longer than the session's limit for a name.</summary>
    private static string? Bounded(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : value.Length <= ChatLimits.NameMaxLength ? value
        : value[..ChatLimits.NameMaxLength];
}
