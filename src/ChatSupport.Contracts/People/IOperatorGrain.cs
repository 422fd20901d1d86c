namespace ChatSupport.Contracts.People;

public static class Roles
{
    /// <summary>Carries every chat support power: dashboard, assignment, resolving, history, analytics.</summary>
    public const string SystemAdmin = "system_admin";
    public const string Member = "member";

    /// <summary>Every role the product defines; anything else is refused with invalid_input.</summary>
    public static readonly IReadOnlyList<string> All = [SystemAdmin, Member];
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

/// <summary>
/// How sign-ins work for a deployment (ChatSupport:Security): their lifetime, and the back-off per account after
/// failed attempts. FreeFailures wrong passwords in a row are allowed; after that each attempt waits BackOffBase,
/// doubling with every further failure, never longer than BackOffMax, so a guesser is slowed down and the real
/// operator is locked out for at most BackOffMax.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SignInRules
{
    [Id(0)] public required TimeSpan Lifetime { get; init; }
    [Id(1)] public int FreeFailures { get; init; } = 5;
    [Id(2)] public TimeSpan BackOffBase { get; init; } = TimeSpan.FromSeconds(1);
    [Id(3)] public TimeSpan BackOffMax { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>A sign-in attempt's answer: the sign-in, or nothing (wrong password, unknown or disabled operator alike), or "wait".</summary>
[GenerateSerializer, Immutable]
public sealed record SignInOutcome
{
    [Id(0)] public OperatorSignIn? SignIn { get; init; }
    /// <summary>Set when the account is backing off: no password was checked; try again after this long.</summary>
    [Id(1)] public TimeSpan? RetryAfter { get; init; }
    /// <summary>Set when too many passwords were being checked on the silo: nothing was checked; the caller answers try_again.</summary>
    [Id(2)] public bool Busy { get; init; }
}

/// <summary>
/// Pushed to the Api nodes that watch the operator (<see cref="IOperatorGrain"/>: every node with a connection of theirs)
/// when a sign-in ends early (signed out, or the operator disabled): every Api node closes that sign-in's connections.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SignInEnded
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string Username { get; init; }
    [Id(2)] public required string SignInId { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record NewOperator
{
    [Id(0)] public required string DisplayName { get; init; }
    [Id(1)] public required string Password { get; init; }
    [Id(2)] public required IReadOnlyList<string> Roles { get; init; }
}

/// <summary>An operator (an account: a person who signs in to the dashboard), keyed "{tenantId}/{username}".</summary>
public interface IOperatorGrain : Pushes.IPushSource
{
    Task<OperatorProfile?> GetProfile();

    /// <summary>Creates the operator unless they exist (first start seeds the first admin; a restart never resets a password).</summary>
    Task<OperatorProfile> EnsureCreated(NewOperator account);

    Task SetDisabled(bool disabled);

    /// <summary>The Team page's "Add operator": refused with invalid_input when the username is taken (nothing changes).</summary>
    Task<ChatSupport.Contracts.Sessions.ChatResult<OperatorProfile>> Create(NewOperator account);

    /// <summary>Replaces the operator's roles (checked by the caller against <see cref="Roles.All"/>).</summary>
    Task<ChatSupport.Contracts.Sessions.ChatResult<OperatorProfile>> SetRoles(IReadOnlyList<string> roles);

    /// <summary>Sets a new password (a one-time one the admin hands over) and ends every live sign-in of the operator.</summary>
    Task<ChatSupport.Contracts.Sessions.ChatResult<OperatorProfile>> ResetPassword(string password);

    /// <summary>
    /// Checks the password, unless the account is backing off after failures (<see cref="SignInRules"/>). An unknown
    /// operator's key backs off exactly like a known one's, so the answers never tell which accounts exist.
    /// </summary>
    Task<SignInOutcome> SignIn(string password, SignInRules rules);

    Task<bool> IsSignedIn(string signInId);

    /// <summary>The operator's dashboard preferences (the defaults until they save some).</summary>
    Task<AgentPreferences> GetPreferences();

    /// <summary>Stores the preferences (checked: invalid_input changes nothing); unknown operator: unknown_agent.</summary>
    Task<ChatSupport.Contracts.Sessions.ChatResult<AgentPreferences>> SavePreferences(AgentPreferences preferences);

    /// <summary>Ends the sign-in and pushes <see cref="SignInEnded"/>, so every Api node closes its connections.</summary>
    Task SignOut(string signInId);
}
