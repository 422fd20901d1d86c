using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChatSupport.Grains.People;

/// <summary>Configuration section <c>ChatSupport:PasswordChecks</c>: how much of a silo a sign-in storm may use (docs/operations.md).</summary>
public sealed class PasswordCheckOptions
{
    public const string Section = "ChatSupport:PasswordChecks";

    /// <summary>Password hashes computed at once; the default leaves no core for chats only on a one-core machine.</summary>
    public int Concurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Checks allowed to wait for a free slot; any further one is refused at once (the sign-in answers try_again).</summary>
    public int Waiting { get; set; } = 32;
}

/// <summary>What a password check came to: <see cref="Admitted"/> false when too many were in flight and nothing was checked.</summary>
public readonly record struct PasswordCheck<T>(bool Admitted, T Result);

/// <summary>
/// Password hashing (PBKDF2: tens of milliseconds of CPU each, on purpose) on the thread pool, never on the grain
/// scheduler, where a storm of sign-ins would stall the chats of every grain sharing its threads. At most
/// <see cref="PasswordCheckOptions.Concurrency"/> run at once and <see cref="PasswordCheckOptions.Waiting"/> wait; any
/// further one is refused at once instead of queueing until the call times out, so a storm costs a bounded share of
/// the CPU and every refusal is fast.
/// </summary>
public sealed class PasswordChecks
{
    private static readonly PasswordHasher<OperatorGrain.Account> Hasher = new();
    private readonly SemaphoreSlim _running;
    private readonly int _admissible;
    private int _admitted;

    public PasswordChecks(IOptions<PasswordCheckOptions> options)
    {
        var o = options.Value;
        if (o.Concurrency < 1 || o.Waiting < 0)
            throw new ArgumentException($"{PasswordCheckOptions.Section}: Concurrency must be at least 1 and Waiting at least 0.");
        _running = new SemaphoreSlim(o.Concurrency);
        _admissible = o.Concurrency + o.Waiting;
    }

    public Task<PasswordCheck<bool>> VerifyAsync(string hash, string password) =>
        RunAsync(() => Hasher.VerifyHashedPassword(new OperatorGrain.Account(), hash, password) != PasswordVerificationResult.Failed);

    public Task<PasswordCheck<string>> HashAsync(string password) =>
        RunAsync(() => Hasher.HashPassword(new OperatorGrain.Account(), password));

    /// <summary>Runs <paramref name="work"/> on the thread pool when a slot is (or soon will be) free.</summary>
    public async Task<PasswordCheck<T>> RunAsync<T>(Func<T> work)
    {
        if (Interlocked.Increment(ref _admitted) > _admissible)
        {
            Interlocked.Decrement(ref _admitted);
            Telemetry.ChatMetrics.Overloaded("password_check");
            return new PasswordCheck<T>(false, default!);
        }
        try
        {
            await _running.WaitAsync().ConfigureAwait(false);
            try
            {
                return new PasswordCheck<T>(true, await Task.Run(work).ConfigureAwait(false));
            }
            finally
            {
                _running.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _admitted);
        }
    }
}
