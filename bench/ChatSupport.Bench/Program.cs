using ChatSupport.Bench;
using ChatSupport.Bench.Relay;

// Three modes: the benchmark itself (default), its analytics scenario, and the bare SignalR relay baseline it starts as a separate process.
try
{
    if (args.Any(a => a is "--help" or "-h"))
    {
        Console.WriteLine(args is ["analytics", ..] ? ChatSupport.Bench.Analytics.AnalyticsOptions.Usage : BenchOptions.Usage);
        return 0;
    }
    if (args is ["analytics", ..]) return await BenchRun.RunAnalyticsAsync(ChatSupport.Bench.Analytics.AnalyticsOptions.From(BenchArgs.Parse(args[1..])));
    if (args is ["routing", ..]) return await BenchRun.RunRoutingAsync(BenchArgs.Parse(args[1..]));
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
