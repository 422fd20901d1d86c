using ChatSupport.Contracts.Attachments;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Api.Attachments;

public static class AttachmentSetup
{
    /// <summary>The blob store, links, uploads and the scanner the configuration names (docs/operations.md, "Attachments").</summary>
    public static void AddChatSupportAttachments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AttachmentOptions.Section);
        services.Configure<AttachmentOptions>(section);
        // The Api reads the storage settings itself: in client mode no silo in this process configures them.
        services.Configure<ChatStorageOptions>(builder.Configuration.GetSection(ChatStorageOptions.Section));
        services.AddSingleton<AttachmentBlobs>();
        services.AddSingleton<AttachmentLinks>();
        services.AddSingleton<AttachmentUploads>();
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, TimeProvider.System);
        var scanner = section["Scanner"] ?? "accept";
        if (string.Equals(scanner, "clamd", StringComparison.OrdinalIgnoreCase)) services.AddSingleton<IAttachmentScanner, ClamdScanner>();
        else if (string.Equals(scanner, "accept", StringComparison.OrdinalIgnoreCase)) services.AddSingleton<IAttachmentScanner, AcceptingScanner>();
        else throw new InvalidOperationException($"{AttachmentOptions.Section}:Scanner is \"accept\" or \"clamd\", not \"{scanner}\".");
    }

    /// <summary>What a client is told about attachments: null when the plan has none, else the limits the widget and the mini chat show.</summary>
    public static object? ClientLimits(AttachmentSettings? limits) => limits is null ? null : new
    {
        maxBytes = limits.MaxBytes,
        maxPerChat = limits.MaxPerChat,
        accept = string.Join(",", AttachmentTypes.All.Where(t => limits.AllowedTypes.Contains(t.Name)).SelectMany(t => t.Extensions)),
    };
}
