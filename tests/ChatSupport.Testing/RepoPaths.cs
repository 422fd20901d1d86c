namespace ChatSupport.Testing;

public static class RepoPaths
{
    /// <summary>The clone's top folder: the nearest parent of the test binaries holding ChatSupport.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatSupport.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ChatSupport.sln not found above " + AppContext.BaseDirectory);
    }
}
