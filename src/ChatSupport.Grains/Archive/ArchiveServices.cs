using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Grains.Archive;

public static class ArchiveServices
{
    /// <summary>The archive's storage classes (the grain is found by Orleans).</summary>
    public static IServiceCollection AddChatArchive(this IServiceCollection services) => services
        .AddSingleton<ArchiveWriter>()
        .AddSingleton<ArchiveReader>()
        .AddSingleton<AgentRatingTotals>();
}
