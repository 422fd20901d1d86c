using ChatSupport.Bench;
using ChatSupport.Bench.Relay;

// Two modes: the benchmark itself (default), and the bare SignalR relay baseline it starts as a separate process.
try
{
    if (args.Any(a => a is "--help" or "-h"))
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }
    if (args is ["relay-server", ..]) return await RelayServer.RunAsync(BenchArgs.Parse(args[1..]).Int("port", 0));

    var options = BenchOptions.From(BenchArgs.Parse(args is ["run", ..] ? args[1..] : args));
    return await BenchRun.RunAsync(options);
}
catch (BenchUsageException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
