namespace ChatSupport.Silo.Health;

/// <summary>
/// <c>--probe URL</c>: asks a health route and exits 0 on 200, 1 otherwise (within 5 s). The container image has no
/// curl, so the Dockerfiles' HEALTHCHECK runs the host itself in this mode (the Api and the silo alike).
/// </summary>
public static class HealthProbe
{
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args is not ["--probe", var url]) return false;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            exitCode = http.GetAsync(url).GetAwaiter().GetResult().IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"{url}: {e.Message}");
            exitCode = 1;
        }
        return true;
    }
}
