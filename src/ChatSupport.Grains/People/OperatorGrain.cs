using System.Security.Cryptography;
using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using Microsoft.AspNetCore.Identity;

namespace ChatSupport.Grains.People;

/// <summary>
/// An operator: who they are, their roles, and their live sign-ins. Passwords are checked here with
/// ASP.NET Core Identity's hasher (PBKDF2); the grain never returns or logs a password or a hash.
/// </summary>
public sealed class OperatorGrain(OperatorStore store, TimeProvider clock) : Grain, IOperatorGrain
{
    /// <summary>The hasher's type parameter is not used by its algorithm; this marker keeps the record type out of it.</summary>
    public sealed class Account;

    private const int MaxLiveSignIns = 20;
    private static readonly PasswordHasher<Account> Hasher = new();
    // Verified when the operator is unknown, so "no such user" takes as long as "wrong password".
    private static readonly string DecoyHash = Hasher.HashPassword(new Account(), RandomNumberGenerator.GetHexString(32));

    private string _tenantId = "";
    private string _username = "";
    private OperatorRecord? _record;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        (_tenantId, _username) = GrainKeys.Split(this.GetPrimaryKeyString());
        _record = await store.LoadAsync(_tenantId, _username);
    }

    public Task<OperatorProfile?> GetProfile() => Task.FromResult(_record is null ? null : Profile(_record));

    public async Task<OperatorProfile> EnsureCreated(NewOperator account)
    {
        if (_record is not null) return Profile(_record);
        if (string.IsNullOrEmpty(account.Password) || account.Password.Length < 12)
            throw new ArgumentException("An operator's password must be at least 12 characters.");
        var record = new OperatorRecord
        {
            DisplayName = account.DisplayName,
            PasswordHash = Hasher.HashPassword(new Account(), account.Password),
            Roles = account.Roles,
        };
        _record = await store.SaveAsync(_tenantId, _username, record, isNew: true);
        return Profile(_record);
    }

    public async Task SetDisabled(bool disabled)
    {
        if (_record is null || _record.Disabled == disabled) return;
        // Disabling ends every live sign-in at once.
        await SaveAsync(_record with { Disabled = disabled, SignIns = disabled ? [] : _record.SignIns });
    }

    public async Task<OperatorSignIn?> SignIn(string password, TimeSpan lifetime)
    {
        var hash = _record?.PasswordHash ?? DecoyHash;
        var verified = Hasher.VerifyHashedPassword(new Account(), hash, password ?? "") != PasswordVerificationResult.Failed;
        if (!verified || _record is null || _record.Disabled) return null;

        var now = clock.GetUtcNow();
        var signIn = new SignInRecord(RandomNumberGenerator.GetHexString(32, lowercase: true), now + lifetime);
        var live = _record.SignIns.Where(s => s.ExpiresAt > now).TakeLast(MaxLiveSignIns - 1).Append(signIn).ToList();
        await SaveAsync(_record with { SignIns = live });
        return new OperatorSignIn { Operator = Profile(_record), SignInId = signIn.Id, ExpiresAt = signIn.ExpiresAt };
    }

    public Task<bool> IsSignedIn(string signInId) => Task.FromResult(
        _record is { Disabled: false } && _record.SignIns.Any(s => s.Id == signInId && s.ExpiresAt > clock.GetUtcNow()));

    public async Task SignOut(string signInId)
    {
        if (_record is null || _record.SignIns.All(s => s.Id != signInId)) return;
        await SaveAsync(_record with { SignIns = _record.SignIns.Where(s => s.Id != signInId).ToList() });
    }

    private async Task SaveAsync(OperatorRecord changed)
    {
        try
        {
            _record = await store.SaveAsync(_tenantId, _username, changed, isNew: false);
        }
        catch (Azure.RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Someone else changed the row (another activation during failover): take theirs, the caller retries.
            _record = await store.LoadAsync(_tenantId, _username);
            throw;
        }
    }

    private OperatorProfile Profile(OperatorRecord r) => new()
    {
        TenantId = _tenantId,
        Username = _username,
        DisplayName = r.DisplayName,
        Roles = r.Roles,
        Disabled = r.Disabled,
    };
}
