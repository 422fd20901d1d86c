namespace ChatSupport.Bench.Hosting;

public static class RepoPaths
{
    /// <summary>The clone's top folder: the nearest parent (of the binaries, else of the working folder) holding ChatSupport.sln.</summary>
    public static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ChatSupport.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("ChatSupport.sln not found above " + AppContext.BaseDirectory);
    }
}
