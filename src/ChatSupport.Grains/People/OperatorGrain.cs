using System.Security.Cryptography;
using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.Identity;
using ChatSupport.Grains.Pushes;

namespace ChatSupport.Grains.People;

/// <summary>
/// An operator: who they are, their roles, and their live sign-ins. Passwords are checked here with
/// ASP.NET Core Identity's hasher (PBKDF2); the grain never returns or logs a password or a hash. Failed attempts
/// back off per account here, in the one place every Api node asks, so spreading guesses over nodes gains nothing.
/// </summary>
public sealed partial class OperatorGrain(OperatorStore store, PasswordChecks passwords, TimeProvider clock) : PushSourceGrain, IOperatorGrain
{
    /// <summary>The hasher's type parameter is not used by its algorithm; this marker keeps the record type out of it.</summary>
    public sealed class Account;

    private const int MaxLiveSignIns = 20;
    // Verified when the operator is unknown, so "no such user" takes as long as "wrong password".
    private static readonly string DecoyHash = new PasswordHasher<Account>().HashPassword(new Account(), RandomNumberGenerator.GetHexString(32));

    private string _tenantId = "";
    private string _username = "";
    private OperatorRecord? _record;
    // The back-off is kept in memory: an idle grain is deactivated and forgets its failures, as it should.
    private int _failures;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

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
        // Start-up and the Team page create operators one at a time: waiting for a slot is right here, never a refusal.
        var hashed = await passwords.HashAsync(account.Password);
        if (!hashed.Admitted) throw new InvalidOperationException(ChatErrors.Busy().Message);
        var record = new OperatorRecord
        {
            DisplayName = account.DisplayName,
            PasswordHash = hashed.Result,
            Roles = account.Roles,
        };
        _record = await store.SaveAsync(_tenantId, _username, record, isNew: true);
        return Profile(_record);
    }

    public async Task SetDisabled(bool disabled)
    {
        if (_record is null || _record.Disabled == disabled) return;
        // Disabling ends every live sign-in at once.
        var ended = disabled ? _record.SignIns : [];
        await SaveAsync(_record with { Disabled = disabled, SignIns = disabled ? [] : _record.SignIns });
        foreach (var signIn in ended) PushEnded(signIn.Id);
    }

    public async Task<SignInOutcome> SignIn(string password, SignInRules rules)
    {
        var now = clock.GetUtcNow();
        // While backing off no password is checked, so a guesser learns nothing from these attempts, and they do not
        // lengthen the wait: the account is free again at most BackOffMax after the last checked failure.
        if (now < _retryAt) return new SignInOutcome { RetryAfter = _retryAt - now };

        // Checked off the grain scheduler; with too many checks in flight nothing is checked and nothing counts as a failure.
        var check = await passwords.VerifyAsync(_record?.PasswordHash ?? DecoyHash, password ?? "");
        if (!check.Admitted) return new SignInOutcome { Busy = true };
        now = clock.GetUtcNow();
        if (!check.Result || _record is null || _record.Disabled)
        {
            _failures++;
            if (_failures >= rules.FreeFailures) _retryAt = now + BackOff(rules, _failures - rules.FreeFailures);
            return new SignInOutcome();
        }
        _failures = 0;
        _retryAt = DateTimeOffset.MinValue;

        var signIn = new SignInRecord(RandomNumberGenerator.GetHexString(32, lowercase: true), now + rules.Lifetime);
        var live = _record.SignIns.Where(s => s.ExpiresAt > now).TakeLast(MaxLiveSignIns - 1).Append(signIn).ToList();
        await SaveAsync(_record with { SignIns = live });
        return new SignInOutcome { SignIn = new OperatorSignIn { Operator = Profile(_record), SignInId = signIn.Id, ExpiresAt = signIn.ExpiresAt } };
    }

    /// <summary>BackOffBase doubled for each failure beyond the free ones, capped at BackOffMax.</summary>
    private static TimeSpan BackOff(SignInRules rules, int beyondFree)
    {
        var doubled = rules.BackOffBase.Ticks * Math.Pow(2, Math.Min(beyondFree, 40));
        return doubled >= rules.BackOffMax.Ticks ? rules.BackOffMax : TimeSpan.FromTicks((long)doubled);
    }

    public Task<bool> IsSignedIn(string signInId) => Task.FromResult(
        _record is { Disabled: false } && _record.SignIns.Any(s => s.Id == signInId && s.ExpiresAt > clock.GetUtcNow()));

    public async Task SignOut(string signInId)
    {
        if (_record is null || _record.SignIns.All(s => s.Id != signInId)) return;
        await SaveAsync(_record with { SignIns = _record.SignIns.Where(s => s.Id != signInId).ToList() });
        PushEnded(signInId);
    }

    /// <summary>
    /// Tells every Api node watching the operator (each node with a connection of theirs) to close the sign-in's
    /// connections. A node that misses it closes them all the same: every agent call re-checks the sign-in.
    /// </summary>
    private void PushEnded(string signInId) =>
        Watchers.Push(new SignInEnded { TenantId = _tenantId, Username = _username, SignInId = signInId });

    private async Task SaveAsync(OperatorRecord changed)
    {
        try
        {
            _record = await store.SaveAsync(_tenantId, _username, changed, isNew: false);
        }
        catch (Azure.RequestFailedException e) when (e.Status is 409 or 412)
        {
            _record = await store.LoadAsync(_tenantId, _username);
            // The storage client retries a write whose answer was lost; when the first attempt had landed, the retry
            // finds its own row and gets 412. That write succeeded: nothing to report.
            if (_record is not null && _record.HasSameContent(changed)) return;
            // Someone else changed the row (another activation during failover): take theirs, the caller retries.
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
