using ChatSupport.Bench.Measure;

/// <summary>
/// The .NET startup hook entry point (the runtime looks for exactly this name, in no namespace). Only the
/// processes the bench starts with DOTNET_STARTUP_HOOKS pointing at this assembly run it.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(GcHeapProbe.FileVariable) is { Length: > 0 } file) GcHeapProbe.Start(file);
    }
}
