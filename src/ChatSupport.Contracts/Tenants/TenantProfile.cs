namespace ChatSupport.Contracts.Tenants;

/// <summary>Subscription plans. Live Chat Support needs <see cref="Scale"/>.</summary>
public static class Plans
{
    public const string Starter = "starter";
    public const string Growth = "growth";
    public const string Scale = "scale";
}

/// <summary>Features a subscription can carry. Live Chat Support needs <see cref="PrioritySupport"/>.</summary>
public static class Features
{
    public const string PrioritySupport = "priority_support";
    public const string Attachments = "attachments";
}

/// <summary>What the tenant's owner configures: plan, features, and the sites allowed to embed the widget.</summary>
[GenerateSerializer, Immutable]
public sealed record TenantSettings
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required string Plan { get; init; }
    [Id(2)] public IReadOnlyList<string> Features { get; init; } = [];
    /// <summary>Origins ("https://shop.example") whose pages may run the visitor widget.</summary>
    [Id(3)] public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
    /// <summary>Size, count and type limits of file attachments (when the plan has <see cref="Features.Attachments"/>); null = defaults.</summary>
    [Id(4)] public ChatSupport.Contracts.Attachments.AttachmentSettings? Attachments { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record TenantProfile
{
    [Id(0)] public required string TenantId { get; init; }
    /// <summary>False for a tenant id nobody configured: it has no plan and may use nothing.</summary>
    [Id(1)] public required bool Exists { get; init; }
    [Id(2)] public TenantSettings? Settings { get; init; }

    public bool HasFeature(string feature) => Settings?.Features.Contains(feature) == true;

    /// <summary>Why this tenant may not use Live Chat Support, or null when it may (Scale plan with Priority Support).</summary>
    public AccessRefusal? ChatSupportRefusal() =>
        !Exists ? AccessRefusals.UnknownTenant()
        : Settings!.Plan != Plans.Scale ? AccessRefusals.PlanRequired()
        : !HasFeature(Features.PrioritySupport) ? AccessRefusals.FeatureRequired()
        : null;

    /// <summary>
    /// The attachment limits when this tenant may send files (Live Chat Support plus the <see cref="Features.Attachments"/>
    /// feature), held to the server's maxima; null when it may not.
    /// </summary>
    public ChatSupport.Contracts.Attachments.AttachmentSettings? AttachmentLimits() =>
        ChatSupportRefusal() is null && HasFeature(Features.Attachments)
            ? (Settings!.Attachments ?? ChatSupport.Contracts.Attachments.AttachmentSettings.Default).Clamped()
            : null;

    public bool AllowsOrigin(string origin) =>
        Settings?.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)) == true;
}

/// <summary>A tenant: its plan, features and widget origins (grain storage).</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    Task<TenantProfile> GetProfile();
    Task<TenantProfile> Configure(TenantSettings settings);
}
