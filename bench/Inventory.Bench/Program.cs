using Inventory.Bench;

// Checkout benchmark: the actors server against the row-lock baseline. See docs/performance.md.
BenchOptions options;
try
{
    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }
    if (args.Length >= 1 && args[0] == "--grain-costs")
        return await Inventory.Bench.Profiling.GrainCosts.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000, CancellationToken.None);
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 1;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
try
{
    return options.ClusterNodes > 0
        ? await new ClusterRun(options).RunAsync(cancel.Token)
        : await new BenchRun(options).RunAsync(cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Canceled.");
    return 130;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or Npgsql.NpgsqlException)
{
    // A build that failed, a system that did not start, a database that went away: say which, without a stack dump.
    Console.Error.WriteLine($"The benchmark could not run: {e.Message}");
    return 1;
}
