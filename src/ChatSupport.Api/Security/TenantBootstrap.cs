using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Tenants;

namespace ChatSupport.Api.Security;

/// <summary>A tenant to create at start (section <c>ChatSupport:Bootstrap:Tenants</c>), with its first operators.</summary>
public sealed class TenantSeed
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Plan { get; set; } = Plans.Starter;
    public List<string> Features { get; set; } = [];
    public List<string> AllowedOrigins { get; set; } = [];
    public List<OperatorSeed> Operators { get; set; } = [];
}

public sealed class OperatorSeed
{
    public string Username { get; set; } = "";
    public string DisplayName { get; set; } = "";
    /// <summary>Only used when the operator does not exist yet: a restart never resets a password.</summary>
    public string Password { get; set; } = "";
    /// <summary>
    /// The roles exactly as configured; none configured means System Admin (the first admin). The list starts empty:
    /// the configuration binder adds configured items to a list's initial contents, so a default item here would make
    /// every operator a System Admin whatever was configured.
    /// </summary>
    public List<string> Roles { get; set; } = [];

    public IReadOnlyList<string> EffectiveRoles => Roles.Count > 0 ? Roles : [Contracts.People.Roles.SystemAdmin];
}

/// <summary>
/// Creates the configured tenants and their first operators on start. Passwords come from configuration or
/// the environment (the run command generates them); nothing ships a fixed password.
/// </summary>
public sealed class TenantBootstrap(IGrainFactory grains, IConfiguration configuration, ILogger<TenantBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seeds = configuration.GetSection("ChatSupport:Bootstrap:Tenants").Get<List<TenantSeed>>() ?? [];
        foreach (var seed in seeds)
        {
            await grains.GetGrain<ITenantGrain>(seed.Id).Configure(new TenantSettings
            {
                Name = seed.Name.Length > 0 ? seed.Name : seed.Id,
                Plan = seed.Plan,
                Features = seed.Features,
                AllowedOrigins = seed.AllowedOrigins,
            });
            foreach (var op in seed.Operators)
            {
                await grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(seed.Id, op.Username)).EnsureCreated(new NewOperator
                {
                    DisplayName = op.DisplayName.Length > 0 ? op.DisplayName : op.Username,
                    Password = op.Password,
                    Roles = op.EffectiveRoles,
                });
            }
            logger.LogInformation("Tenant {Tenant} ready ({Plan}; {Features}) with {Operators} operator(s)",
                seed.Id, seed.Plan, string.Join(", ", seed.Features), seed.Operators.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
