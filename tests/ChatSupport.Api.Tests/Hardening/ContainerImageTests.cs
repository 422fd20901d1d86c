using ChatSupport.Testing;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// What the images are built from and run as (no container runtime here, so the files themselves are read): the build
/// context leaves out local data, build output and node_modules, and each image's last stage runs as the unprivileged
/// <c>app</c> user, not root.
/// </summary>
public sealed class ContainerImageTests
{
    [Fact]
    public void The_build_context_leaves_out_local_data_build_output_and_node_modules()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        ignored.Should().Contain([".azurite/", "**/bin/", "**/obj/", "artifacts/", "node_modules/"]);
    }

    [Theory]
    [InlineData("silo.Dockerfile")]
    [InlineData("api.Dockerfile")]
    public void The_image_runs_as_a_non_root_user(string dockerfile)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, dockerfile)).Select(l => l.Trim()).ToList();
        var finalStage = lines.Skip(lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal))).ToList();
        finalStage.Where(l => l.StartsWith("USER ", StringComparison.Ordinal)).Should().Equal("USER app");
        finalStage.FindIndex(l => l.StartsWith("USER ", StringComparison.Ordinal)).Should()
            .BeLessThan(finalStage.FindIndex(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
    }
}
