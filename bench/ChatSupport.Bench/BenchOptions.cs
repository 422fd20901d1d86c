namespace ChatSupport.Bench;

/// <summary>What one benchmark run does. Every count and duration is bounded, so a run always ends by itself.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        usage: ./chat bench [--chats N] [--interval S] [--duration S] [--saturation-chats N] [--saturation-seconds S]
                            [--chats-per-operator N] [--ramp-parallelism N] [--desk-loads N] [--out DIR] [--azurite-in-memory]
                            [--url http://127.0.0.1:PORT --tenant T --operators U1,U2,… [--server-pid PID] [--storage CONNECTION_STRING]]
               ./chat bench analytics [options]   the analytics scenario (./chat bench analytics --help)
          --chats               concurrent chats, each a visitor and an agent connection (default 1000, at most 6000)
          --interval            seconds between two messages of one party in the steady phase (default 10)
          --duration            seconds of the steady phase (default 60, at most 300)
          --saturation-chats    chats whose parties send as fast as acks come back; also the baselines' concurrency (default 100)
          --saturation-seconds  seconds of each saturation phase (default 20, at most 120)
          --chats-per-operator  agent connections that share one operator sign-in (default 50)
          --ramp-parallelism    chats opened at the same time during the ramp-up (default 50)
          --desk-loads          GetDesk calls timed once every chat is open (default 5)
          --out                 where the report goes (default bench/results; git-ignored)
          --azurite-in-memory   diagnosis only: Azurite with --inMemoryPersistence, i.e. without the save of its whole
                                database to disk every 5 s (./chat run keeps that save; the standard figures do too)
          --url                 a host (or a local cluster's Api) that is already running on a loopback address,
                                instead of the one-process host the bench starts with its own Azurite. It needs a tenant
                                with Live Chat Support, its operators (System Admin, one password in the environment
                                variable CHATSUPPORT_BENCH_PASSWORD) and rate limits raised for 127.0.0.1;
                                --server-pid adds its memory and CPU, --storage its Azurite (raw-insert baseline)
        """;

    // Bounds that keep one run inside ~10 minutes and under the machine's file-descriptor limit (two per chat).
    private const int MaxChats = 6000;
    private const int MaxSteadySeconds = 300;
    private const int MaxSaturationSeconds = 120;

    public required int Chats { get; init; }
    public required TimeSpan Interval { get; init; }
    public required TimeSpan Duration { get; init; }
    public required int SaturationChats { get; init; }
    public required TimeSpan SaturationDuration { get; init; }
    public required int ChatsPerOperator { get; init; }
    public required int RampParallelism { get; init; }
    public required int DeskLoads { get; init; }
    public required string OutputFolder { get; init; }
    public required bool AzuriteInMemory { get; init; }
    public required string RepoRoot { get; init; }
    public Uri? ExternalUrl { get; init; }
    public int? ExternalServerPid { get; init; }
    public string? ExternalStorage { get; init; }

    /// <summary>With <see cref="ExternalUrl"/>: the tenant and operators to sign in as (the password comes from the environment).</summary>
    public Hosting.BenchTenant? ExternalTenant { get; init; }

    /// <summary>The command line as given, for the report (so a figure always comes with the command that made it).</summary>
    public required string CommandLine { get; init; }

    public static BenchOptions From(BenchArgs args)
    {
        var repo = Hosting.RepoPaths.FindRoot();
        var options = new BenchOptions
        {
            Chats = Bounded(args.Int("chats", 1000), "chats", 1, MaxChats),
            Interval = TimeSpan.FromSeconds(Bounded(args.Int("interval", 10), "interval", 1, 600)),
            Duration = TimeSpan.FromSeconds(Bounded(args.Int("duration", 60), "duration", 5, MaxSteadySeconds)),
            SaturationChats = Bounded(args.Int("saturation-chats", 100), "saturation-chats", 1, MaxChats),
            SaturationDuration = TimeSpan.FromSeconds(Bounded(args.Int("saturation-seconds", 20), "saturation-seconds", 5, MaxSaturationSeconds)),
            ChatsPerOperator = Bounded(args.Int("chats-per-operator", 50), "chats-per-operator", 1, MaxChats),
            RampParallelism = Bounded(args.Int("ramp-parallelism", 50), "ramp-parallelism", 1, 500),
            DeskLoads = Bounded(args.Int("desk-loads", 5), "desk-loads", 1, 100),
            AzuriteInMemory = args.Switch("azurite-in-memory"),
            OutputFolder = Path.GetFullPath(args.String("out") ?? Path.Combine(repo, "bench", "results")),
            RepoRoot = repo,
            ExternalUrl = args.String("url") is { } url ? LoopbackOnly(url) : null,
            ExternalServerPid = args.String("server-pid") is null ? null : args.Int("server-pid", 0),
            ExternalStorage = args.String("storage"),
            ExternalTenant = ExternalTenantFrom(args),
            CommandLine = string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
        };
        args.ThrowOnUnknown();
        if (options.ExternalUrl is not null && options.ExternalTenant is null)
            throw new BenchUsageException("--url needs --tenant and --operators (and CHATSUPPORT_BENCH_PASSWORD in the environment).");
        if (options.SaturationChats > options.Chats)
            throw new BenchUsageException("--saturation-chats cannot exceed --chats: the saturation phase reuses open chats.");
        return options;
    }

    private static Hosting.BenchTenant? ExternalTenantFrom(BenchArgs args)
    {
        if (args.String("tenant") is not { } tenant || args.String("operators") is not { } operators) return null;
        var password = Environment.GetEnvironmentVariable("CHATSUPPORT_BENCH_PASSWORD")
                       ?? throw new BenchUsageException("Set CHATSUPPORT_BENCH_PASSWORD to the operators' password (it is never taken from the command line).");
        return new Hosting.BenchTenant(tenant, operators.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => new Hosting.BenchOperator(u, password)).ToList());
    }

    internal static int Bounded(int value, string name, int min, int max) =>
        value < min || value > max ? throw new BenchUsageException($"--{name} must be between {min} and {max}.") : value;

    /// <summary>The bench sends traffic to this machine only.</summary>
    private static Uri LoopbackOnly(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new BenchUsageException($"--url needs an http URL, not '{url}'.");
        if (!uri.IsLoopback) throw new BenchUsageException($"--url must be a loopback address (127.0.0.1), not '{uri.Host}'.");
        return uri;
    }
}
