using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.People;

/// <summary>The Team page's changes to an account: create, roles, password reset. Disabling is <see cref="SetDisabled"/>.</summary>
public sealed partial class OperatorGrain
{
    private const int ShortestPassword = 12;

    public async Task<ChatResult<OperatorProfile>> Create(NewOperator account)
    {
        if (_record is not null) return UsernameTaken();
        if (string.IsNullOrEmpty(account.Password) || account.Password.Length < ShortestPassword)
            return ChatErrors.InvalidInput($"An operator's password must be at least {ShortestPassword} characters.");
        try
        {
            return await EnsureCreated(account);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            // Created meanwhile by another activation (a failover): theirs stands.
            _record = await store.LoadAsync(_tenantId, _username);
            return UsernameTaken();
        }
    }

    public async Task<ChatResult<OperatorProfile>> SetRoles(IReadOnlyList<string> roles)
    {
        if (_record is null) return UnknownOperator();
        if (_record.Roles.SequenceEqual(roles)) return Profile(_record);
        // A sign-in carries the roles it began with: ending them makes the change hold at once on every Api node.
        var ended = _record.SignIns;
        await SaveAsync(_record with { Roles = roles, SignIns = [] });
        foreach (var signIn in ended) PushEnded(signIn.Id);
        return Profile(_record);
    }

    public async Task<ChatResult<OperatorProfile>> ResetPassword(string password)
    {
        if (_record is null) return UnknownOperator();
        if (string.IsNullOrEmpty(password) || password.Length < ShortestPassword)
            return ChatErrors.InvalidInput($"An operator's password must be at least {ShortestPassword} characters.");
        var hashed = await passwords.HashAsync(password);
        if (!hashed.Admitted) return ChatErrors.Busy();
        var ended = _record.SignIns;
        await SaveAsync(_record with { PasswordHash = hashed.Result, SignIns = [] });
        // Whoever knew the old password is signed out everywhere, as after disabling.
        foreach (var signIn in ended) PushEnded(signIn.Id);
        return Profile(_record);
    }

    private static ChatError UsernameTaken() => ChatErrors.InvalidInput("That username is taken: choose another.");

    public static ChatError UnknownOperator() => ChatErrors.InvalidInput("No operator of this workspace has that username.");
}
