namespace ChatSupport.Contracts.People;

public static class Roles
{
    /// <summary>Carries every chat support power: dashboard, assignment, resolving, history, analytics.</summary>
    public const string SystemAdmin = "system_admin";
    public const string Member = "member";
}

[GenerateSerializer, Immutable]
public sealed record OperatorProfile
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string Username { get; init; }
    [Id(2)] public required string DisplayName { get; init; }
    [Id(3)] public required IReadOnlyList<string> Roles { get; init; }
    [Id(4)] public required bool Disabled { get; init; }

    /// <summary>
    /// Whether this operator is an agent: one who may take chats (be assigned, transferred to, listed in the pickers,
    /// open the dashboard). The one place that rule is written: a System Admin who is not disabled.
    /// </summary>
    public bool CanTakeChats => CanTakeChatsWith(Roles, Disabled);

    /// <summary>The rule of <see cref="CanTakeChats"/> for callers that hold roles but no profile (a sign-in's claims, a stored row).</summary>
    public static bool CanTakeChatsWith(IEnumerable<string> roles, bool disabled) => !disabled && roles.Contains(People.Roles.SystemAdmin);
}

/// <summary>One sign-in (a browser session): revocable, expiring.</summary>
[GenerateSerializer, Immutable]
public sealed record OperatorSignIn
{
    [Id(0)] public required OperatorProfile Operator { get; init; }
    [Id(1)] public required string SignInId { get; init; }
    [Id(2)] public required DateTimeOffset ExpiresAt { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record NewOperator
{
    [Id(0)] public required string DisplayName { get; init; }
    [Id(1)] public required string Password { get; init; }
    [Id(2)] public required IReadOnlyList<string> Roles { get; init; }
}

/// <summary>An operator (an account: a person who signs in to the dashboard), keyed "{tenantId}/{username}".</summary>
public interface IOperatorGrain : IGrainWithStringKey
{
    Task<OperatorProfile?> GetProfile();

    /// <summary>Creates the operator unless they exist (first start seeds the first admin; a restart never resets a password).</summary>
    Task<OperatorProfile> EnsureCreated(NewOperator account);

    Task SetDisabled(bool disabled);

    /// <summary>Checks the password; null for a wrong password, an unknown or a disabled operator alike.</summary>
    Task<OperatorSignIn?> SignIn(string password, TimeSpan lifetime);

    Task<bool> IsSignedIn(string signInId);

    Task SignOut(string signInId);
}
