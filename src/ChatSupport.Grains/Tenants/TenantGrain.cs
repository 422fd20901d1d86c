using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Tenants;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Tenants;

[GenerateSerializer]
public sealed record TenantState
{
    [Id(0)] public TenantSettings? Settings { get; init; }
}

/// <summary>A tenant (workspace): plan, features and the origins allowed to embed its widget.</summary>
public sealed class TenantGrain([PersistentState("tenant", StorageNames.Chat)] IPersistentState<TenantState> state) : Grain, ITenantGrain
{
    public Task<TenantProfile> GetProfile() => Task.FromResult(Profile());

    public async Task<TenantProfile> Configure(TenantSettings settings)
    {
        if (ChatInput.CheckOptional(settings.Name, "name", ChatLimits.NameMaxLength) is { } bad) throw new ArgumentException(bad.Message);
        state.State = new TenantState
        {
            Settings = settings with { AllowedOrigins = settings.AllowedOrigins.Select(o => o.TrimEnd('/')).ToList() },
        };
        await state.WriteStateAsync();
        return Profile();
    }

    private TenantProfile Profile() => new()
    {
        TenantId = this.GetPrimaryKeyString(),
        Exists = state.State.Settings is not null,
        Settings = state.State.Settings,
    };
}
