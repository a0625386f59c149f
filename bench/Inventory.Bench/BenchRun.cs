using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Inventory.Bench.Load;
using Inventory.Bench.Orchestration;
using Inventory.Bench.Profiling;
using Inventory.Bench.Reports;
using Inventory.Bench.Scenarios;
using Inventory.Bench.Verification;
using Inventory.Postgres.Embedded;
using Inventory.Tokens;
using Npgsql;

namespace Inventory.Bench;

/// <summary>
/// The whole benchmark: build, one temporary PostgreSQL with a database per system, start the server and the baseline,
/// seed both identically, run every scenario x concurrency against each, verify the databases, write the reports.
/// </summary>
public sealed class BenchRun(BenchOptions options)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(750);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        var layout = RepositoryLayout.Find(options.RepositoryRoot);
        var output = string.IsNullOrEmpty(options.OutputDirectory) ? layout.DefaultResults : Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(output);
        var logs = Path.Combine(Path.GetTempPath(), "inventory-bench-logs");
        Log($"results -> {output}; child process logs -> {logs}");

        if (!options.NoBuild)
        {
            Log("building the server and the baseline (Release)");
            foreach (var project in new[] { layout.ServerProject, layout.BaselineProject })
            {
                await ChildProcess.RunAsync("build-" + Path.GetFileNameWithoutExtension(project), "dotnet",
                    ["build", project, "-c", "Release", "-nologo", "-v", "q"], layout.Root, logs, TimeSpan.FromMinutes(8));
            }
        }

        await WaitForQuietMachineAsync(options.WaitQuiet, cancellationToken);
        Log("starting a temporary PostgreSQL (fsync on, synchronous_commit on)");
        await using var postgres = await EmbeddedPostgres.StartTemporaryAsync(o =>
        {
            o.MaxConnections = 400;
            o.MaxPoolSize = 100;
            // Same settings for both systems. Larger WAL so no checkpoint lands in the middle of a short run.
            o.ServerSettings["max_wal_size"] = "4GB";
            o.ServerSettings["checkpoint_timeout"] = "30min";
            o.ServerSettings["track_wal_io_timing"] = "on";
            // What each system asks of the database, per run (a small, equal cost for both).
            o.ServerSettings["shared_preload_libraries"] = "pg_stat_statements";
            o.ServerSettings["pg_stat_statements.track"] = "top";
            o.ServerSettings["pg_stat_statements.max"] = "1000";
        }, cancellationToken: cancellationToken);
        var actorsDb = await postgres.EnsureDatabaseAsync("bench_actors", cancellationToken);
        var rowLockDb = await postgres.EnsureDatabaseAsync("bench_rowlock", cancellationToken);
        var probeDb = await postgres.EnsureDatabaseAsync("bench_probe", cancellationToken);
        var pgVersion = await ScalarAsync(probeDb, "show server_version", cancellationToken);
        var postmasterPid = PostmasterPid(postgres.DataDirectory);
        await ScalarAsync(probeDb, "create extension if not exists pg_stat_statements", cancellationToken);

        var (commitP50, commitP99) = await CommitLatencyProbe.MeasureAsync(probeDb, 300, cancellationToken);
        Log(Invariant($"durable commit, unloaded: p50 {commitP50:0.00} ms, p99 {commitP99:0.00} ms"));

        var signingKey = TokenService.NewKey();
        var token = new TokenService(Convert.FromBase64String(signingKey)).Issue("bench", ["admin"], TimeSpan.FromHours(2));
        var env = new Dictionary<string, string> { ["Auth__SigningKey"] = signingKey };

        Log("starting the actors server and the row-lock baseline");
        await using var actors = await SystemUnderTest.StartAsync(SystemKind.Actors, BenchResults.Actors, layout.ServerDll, actorsDb,
            new Dictionary<string, string>(env)
            {
                ["ConnectionStrings__Inventory"] = actorsDb,
                // The hourly consistency check scans every position; its first run (a minute after start) would land
                // in the middle of the measurements, a cost the baseline does not have. It runs after the benchmark.
                ["Inventory__Checks__ConsistencyFirstRunDelay"] = "01:00:00",
            }, token, logs, StartTimeout);
        await using var rowLock = await SystemUnderTest.StartAsync(SystemKind.RowLock, BenchResults.RowLock, layout.BaselineDll, rowLockDb,
            new Dictionary<string, string>(env) { ["ConnectionStrings__Baseline"] = rowLockDb }, token, logs, StartTimeout);

        var (catalogue, workloads, ceiling) = BuildCatalogue(options);
        foreach (var system in new[] { actors, rowLock })
        {
            var seeding = Stopwatch.StartNew();
            await Seeder.SeedAsync(system, catalogue, token, cancellationToken);
            Log(Invariant($"seeded {system.Name}: {catalogue.Positions.Count:N0} positions in {seeding.Elapsed.TotalSeconds:0.0} s"));
        }

        var runs = new List<RunRecord>();
        var acknowledged = new Dictionary<string, long[]>
        {
            [actors.Name] = new long[catalogue.Positions.Count],
            [rowLock.Name] = new long[catalogue.Positions.Count],
        };
        var acknowledgedRequests = new Dictionary<string, long> { [actors.Name] = 0, [rowLock.Name] = 0 };

        async Task RunAsync(SystemUnderTest system, IWorkload workload, int concurrency)
        {
            // How busy the machine is with nothing of ours running: other processes would distort the run.
            var quietFrom = CpuSample.Take(0, 0);
            await Task.Delay(Pause, cancellationToken);
            var busyBefore = CpuSample.Take(0, 0).Since(quietFrom, 1).MachineBusyShare;
            var windowFrom = DateTimeOffset.UtcNow + options.Warmup;
            var load = LoadRunner.RunAsync(system.BaseAddress, token, system.Name, workload, concurrency,
                options.Warmup, options.Duration, options.Seed, catalogue.Positions.Count);
            // The database's counters start when the measured window does (the warm-up is not counted).
            await Task.Delay(options.Warmup, cancellationToken);
            await StatementProfile.ResetAsync(probeDb, cancellationToken);
            var before = await DatabaseCounters.ReadAsync(system.ConnectionString, cancellationToken);
            var cpuBefore = CpuSample.Take(system.Process.Id, postmasterPid);
            var (measurement, acked) = await load;
            var cpu = CpuSample.Take(system.Process.Id, postmasterPid).Since(cpuBefore, measurement.Requests);
            var windowTo = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(1.1), cancellationToken); // statistics reach shared memory within a second
            var counters = (await DatabaseCounters.ReadAsync(system.ConnectionString, cancellationToken)).Minus(before);
            var statements = await StatementProfile.ReadAsync(probeDb, new NpgsqlConnectionStringBuilder(system.ConnectionString).Database!, 8, cancellationToken);
            GroupCommitStats? batches = null;
            if (system.Kind == SystemKind.Actors && workload is not CeilingWorkload)
                batches = await GroupCommitStats.ReadAsync(system.ConnectionString, windowFrom, windowTo, cancellationToken);

            var total = acknowledged[system.Name];
            for (var i = 0; i < total.Length; i++) total[i] += acked[i];
            runs.Add(new RunRecord(measurement, counters, batches, statements, cpu with { BusyBeforeRun = busyBefore }));
            Log(Invariant($"{MarkdownReport.Title(measurement.Scenario),-32} c={concurrency,-4} {system.Name,-9} ")
                + Invariant($"{measurement.SuccessesPerSecond,9:N0}/s ok  p50 {measurement.Latency.P50,7:0.0}  p99 {measurement.Latency.P99,7:0.0} ms  ")
                + Invariant($"409 {measurement.Refused,6:N0}  err {measurement.Errors,5:N0}")
                + (measurement.SellOutSeconds is { } s ? Invariant($"  sold out after {s:0.00} s") : "")
                + (batches is { Commits: > 0 } b ? Invariant($"  batches {b.MeanBatch:0.0} avg / {b.MaxBatch} max") : ""));
        }

        foreach (var concurrency in options.Concurrencies)
            await RunAsync(actors, ceiling, concurrency);
        foreach (var scenario in options.Scenarios)
        {
            foreach (var concurrency in options.Concurrencies)
            {
                var workload = workloads(scenario, concurrency);
                await RunAsync(actors, workload, concurrency);
                await RunAsync(rowLock, workload, concurrency);
            }
        }

        Log("verifying both databases");
        var checks = new List<PositionCheck>();
        var activeRows = new Dictionary<string, long>();
        foreach (var system in new[] { actors, rowLock })
        {
            var (systemChecks, rows) = await StockVerifier.VerifyAsync(system, catalogue, acknowledged[system.Name], cancellationToken);
            checks.AddRange(systemChecks);
            activeRows[system.Name] = rows;
        }
        foreach (var (name, _) in acknowledged)
            acknowledgedRequests[name] = runs.Where(r => r.Measurement.System == name && r.Measurement.Scenario != BenchResults.Ceiling).Sum(r => r.Measurement.Successes);

        IReadOnlyList<InProcessRecord> inProcess = [];
        if (options.InProcess && options.Scenarios.Contains("hot"))
        {
            Log("profiling the hot-SKU path in-process (no HTTP)");
            var inProcessDb = await postgres.EnsureDatabaseAsync("bench_inprocess", cancellationToken);
            inProcess = await InProcessProfile.RunAsync(inProcessDb, options.Concurrencies, options.Warmup, options.Duration, cancellationToken);
            foreach (var r in inProcess)
                Log(Invariant($"in-process hot c={r.Concurrency,-4} {r.ReservationsPerSecond,9:N0}/s  p50 {r.P50:0.0}  p99 {r.P99:0.0} ms  mean batch {r.MeanBatch:0.0}  commit {r.MeanCommitMilliseconds:0.00} ms"));
        }

        var results = new BenchResults(startedAt, Machine(), pgVersion, Settings(options), commitP50, commitP99, runs, checks,
            acknowledgedRequests, activeRows, inProcess, clock.Elapsed.TotalSeconds);
        var markdown = MarkdownReport.Render(results);
        await File.WriteAllTextAsync(Path.Combine(output, "results.md"), markdown, cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(output, "throughput.png"), ThroughputPlot.Render(results), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(output, "results.json"),
            JsonSerializer.Serialize(results, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }), cancellationToken);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Log(Invariant($"done in {clock.Elapsed.TotalMinutes:0.0} min; wrote results.md, results.json and throughput.png to {output}"));
        return checks.Sum(c => c.Oversells) == 0 ? 0 : 2;
    }

    /// <summary>
    /// Positions: a warm-up position, one flash-sale SKU per concurrency (each sells out in its own run), the Zipf
    /// catalogue in one warehouse, and the cart catalogue in both warehouses.
    /// </summary>
    internal static (Catalogue, Func<string, int, IWorkload>, IWorkload) BuildCatalogue(BenchOptions options)
    {
        const int Ample = 1_000_000;
        var catalogue = new Catalogue();
        var warmup = catalogue.Add(Catalogue.WarehouseA, "HOT-WARMUP", Ample, Catalogue.WarmupGroup);
        var hot = options.Concurrencies.ToDictionary(c => c, c => catalogue.Add(Catalogue.WarehouseA, $"HOT-C{c}", options.HotStock, $"hot-{c}"));
        var zipf = Enumerable.Range(1, options.ZipfSkus)
            .Select(i => catalogue.Add(Catalogue.WarehouseA, $"ZIPF-{i:00000}", Ample, "zipf")).ToList();
        var cartA = new List<Position>();
        var cartB = new List<Position>();
        for (var i = 1; i <= options.CartSkus; i++)
        {
            cartA.Add(catalogue.Add(Catalogue.WarehouseA, $"CART-{i:0000}", Ample, "carts"));
            cartB.Add(catalogue.Add(Catalogue.WarehouseB, $"CART-{i:0000}", Ample, "carts"));
        }
        var zipfSampler = new ZipfSampler(zipf.Count, options.ZipfExponent);
        var cartSampler = new ZipfSampler(options.CartSkus, options.ZipfExponent);
        IWorkload Workload(string scenario, int concurrency) => scenario switch
        {
            "hot" => new HotSkuWorkload(catalogue, hot[concurrency], warmup),
            "zipf" => new ZipfWorkload(catalogue, zipf, zipfSampler),
            _ => new CartWorkload(catalogue, cartA, cartB, cartSampler),
        };
        return (catalogue, Workload, new CeilingWorkload(warmup));
    }

    internal static string Settings(BenchOptions options) => Invariant(
        $"{options.Duration.TotalSeconds:0} s measured after {options.Warmup.TotalSeconds:0} s warm-up per run; hot SKU stock {options.HotStock:N0}; ")
        + Invariant($"Zipf {options.ZipfSkus:N0} SKUs, s = {options.ZipfExponent:0.0#}; carts over {options.CartSkus:N0} SKUs x 2 warehouses; seed {options.Seed}");

    internal static string Machine() => Invariant(
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version} ")
        + "(load generator, server, baseline and PostgreSQL share the cores)";

    /// <summary>
    /// Other processes on the machine (a build, a test run) would take cores from the systems under test: wait, within
    /// --wait-quiet, until the cores are mostly idle, then go on either way (each run reports how busy it found them).
    /// </summary>
    internal static async Task WaitForQuietMachineAsync(TimeSpan waitQuiet, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var from = CpuSample.Take(0, 0);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var busy = CpuSample.Take(0, 0).Since(from, 1).MachineBusyShare;
            if (busy <= QuietBusyShare)
                return;
            if (waited.Elapsed >= waitQuiet)
            {
                Log(Invariant($"the machine is still {busy:P0} busy with other processes after {waited.Elapsed.TotalSeconds:0} s; running anyway"));
                return;
            }
            Log(Invariant($"the machine is {busy:P0} busy with other processes; waiting for it to calm down"));
        }
    }

    private const double QuietBusyShare = 0.25;

    internal static int PostmasterPid(string dataDirectory)
    {
        try
        {
            return int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return 0; // CPU of PostgreSQL then shows as 0; everything else still works
        }
    }

    private static async Task<string> ScalarAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? "";
    }

    internal static void Log(string message) => Console.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {message}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
