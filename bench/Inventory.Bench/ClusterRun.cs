using System.Diagnostics;
using System.Globalization;
using System.Text;
using Inventory.Bench.Load;
using Inventory.Bench.Orchestration;
using Inventory.Bench.Profiling;
using Inventory.Bench.Verification;
using Inventory.Postgres.Embedded;
using Inventory.Tokens;

namespace Inventory.Bench;

/// <summary>
/// The cluster scenario: the same load against one node (the default single-node server) and against N nodes of one
/// cluster on one PostgreSQL (ADO.NET membership), the clients spread over the nodes (worker w talks to node w mod N)
/// and the positions stocked through different nodes. Throughput, latency, CPU per reservation summed over every
/// node, and the oversell check of each database.
/// </summary>
public sealed class ClusterRun(BenchOptions options)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(750);

    public sealed record Row(int Nodes, RunMeasurement Measurement, CpuUse Cpu);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var layout = RepositoryLayout.Find(options.RepositoryRoot);
        var output = string.IsNullOrEmpty(options.OutputDirectory) ? layout.DefaultResults : Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(output);
        var logs = Path.Combine(Path.GetTempPath(), "inventory-bench-logs");
        BenchRun.Log($"cluster scenario: 1 node vs {options.ClusterNodes} nodes; results -> {output}; child process logs -> {logs}");
        if (!options.NoBuild)
        {
            await ChildProcess.RunAsync("build-server", "dotnet", ["build", layout.ServerProject, "-c", "Release", "-nologo", "-v", "q"],
                layout.Root, logs, TimeSpan.FromMinutes(8));
        }

        await BenchRun.WaitForQuietMachineAsync(options.WaitQuiet, cancellationToken);
        await using var postgres = await EmbeddedPostgres.StartTemporaryAsync(o =>
        {
            o.MaxConnections = 400;
            o.MaxPoolSize = 100;
            o.ServerSettings["max_wal_size"] = "4GB";
            o.ServerSettings["checkpoint_timeout"] = "30min";
        }, cancellationToken: cancellationToken);
        var postmasterPid = BenchRun.PostmasterPid(postgres.DataDirectory);

        var signingKey = TokenService.NewKey();
        var token = new TokenService(Convert.FromBase64String(signingKey)).Issue("bench", ["admin"], TimeSpan.FromHours(2));

        var rows = new List<Row>();
        var checks = new List<PositionCheck>();
        foreach (var count in new[] { 1, options.ClusterNodes })
        {
            var label = count == 1 ? "1 node" : $"{count} nodes";
            var database = await postgres.EnsureDatabaseAsync($"bench_cluster_{count}", cancellationToken);
            var nodes = new List<SystemUnderTest>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    // The first node migrates the database; the others start once it is there.
                    nodes.Add(await SystemUnderTest.StartAsync(SystemKind.Actors, count == 1 ? label : $"{label} #{i + 1}", layout.ServerDll, database,
                        NodeEnvironment(count, signingKey, database), token, logs, StartTimeout));
                }
                var (catalogue, workloads, _) = BenchRun.BuildCatalogue(options);
                var seeding = Stopwatch.StartNew();
                await Seeder.SeedAsync(nodes, catalogue, token, cancellationToken);
                BenchRun.Log(Invariant($"seeded {label}: {catalogue.Positions.Count:N0} positions in {seeding.Elapsed.TotalSeconds:0.0} s"));
                // The seed's events are still being evaluated (alert grains) for a while: measure after that.
                await BenchRun.WaitForQuietMachineAsync(options.WaitQuiet, cancellationToken);

                var acknowledged = new long[catalogue.Positions.Count];
                var pids = nodes.Select(n => n.Process.Id).ToArray();
                foreach (var scenario in options.Scenarios)
                {
                    foreach (var concurrency in options.Concurrencies)
                    {
                        var quietFrom = CpuSample.Take(0, 0);
                        await Task.Delay(Pause, cancellationToken);
                        var busyBefore = CpuSample.Take(0, 0).Since(quietFrom, 1).MachineBusyShare;
                        var load = LoadRunner.RunAsync([.. nodes.Select(n => n.BaseAddress)], token, label, workloads(scenario, concurrency), concurrency,
                            options.Warmup, options.Duration, options.Seed, catalogue.Positions.Count);
                        await Task.Delay(options.Warmup, cancellationToken);
                        var cpuBefore = CpuSample.Take(pids, postmasterPid);
                        var (measurement, acked) = await load;
                        var cpu = CpuSample.Take(pids, postmasterPid).Since(cpuBefore, measurement.Requests) with { BusyBeforeRun = busyBefore };
                        for (var i = 0; i < acked.Length; i++) acknowledged[i] += acked[i];
                        rows.Add(new Row(count, measurement, cpu));
                        BenchRun.Log(Invariant($"{Reports.MarkdownReport.Title(measurement.Scenario),-32} c={concurrency,-4} {label,-8} ")
                            + Invariant($"{measurement.SuccessesPerSecond,9:N0}/s ok  p50 {measurement.Latency.P50,7:0.0}  p99 {measurement.Latency.P99,7:0.0} ms  ")
                            + Invariant($"err {measurement.Errors,5:N0}  server CPU {cpu.SystemMs:0.00} ms/request"));
                    }
                }
                var (verified, _) = await StockVerifier.VerifyAsync(nodes[0], catalogue, acknowledged, cancellationToken);
                checks.AddRange(verified.Select(c => c with { System = label }));
            }
            finally
            {
                foreach (var node in nodes) await node.DisposeAsync();
            }
        }

        var markdown = Render(rows, checks);
        await File.WriteAllTextAsync(Path.Combine(output, "cluster.md"), markdown, cancellationToken);
        Console.WriteLine();
        Console.WriteLine(markdown);
        BenchRun.Log(Invariant($"done in {clock.Elapsed.TotalMinutes:0.0} min; wrote cluster.md to {output}"));
        return checks.Sum(c => c.Oversells) == 0 ? 0 : 2;
    }

    private static Dictionary<string, string> NodeEnvironment(int nodes, string signingKey, string database)
    {
        var env = new Dictionary<string, string>
        {
            ["Auth__SigningKey"] = signingKey,
            ["ConnectionStrings__Inventory"] = database,
            ["Inventory__Checks__ConsistencyFirstRunDelay"] = "01:00:00", // as in the main benchmark
        };
        if (nodes > 1)
        {
            env["Orleans__Clustering__ProviderType"] = "AdoNet";
            env["Orleans__ClusterId"] = "bench";
            env["Orleans__Endpoints__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        }
        return env;
    }

    private string Render(List<Row> rows, List<PositionCheck> checks)
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"## Cluster: 1 node vs {options.ClusterNodes} nodes on one machine"));
        md.AppendLine();
        md.AppendLine(Invariant($"{BenchRun.Machine()}. {BenchRun.Settings(options)}. Every node is a full server (silo, HTTP, hub); "))
            .AppendLine("the load generator spreads its workers over the nodes; CPU is summed over every node's process.");
        md.AppendLine();
        md.AppendLine("| Scenario | Clients | Nodes | Reservations/s | p50 ms | p99 ms | Errors | Server CPU ms (all nodes) | PostgreSQL ms | Machine ms | Busy before / during |");
        md.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows.OrderBy(r => r.Measurement.Scenario, StringComparer.Ordinal).ThenBy(r => r.Measurement.Concurrency).ThenBy(r => r.Nodes))
        {
            var m = row.Measurement;
            md.AppendLine(Invariant($"| {Reports.MarkdownReport.Title(m.Scenario)} | {m.Concurrency} | {m.System} | {m.SuccessesPerSecond:N0} | {m.Latency.P50:0.0} | {m.Latency.P99:0.0} | ")
                + Invariant($"{m.ErrorRate:P2} | {row.Cpu.SystemMs:0.00} | {row.Cpu.PostgresMs:0.00} | {row.Cpu.MachineMs:0.00} | {row.Cpu.BusyBeforeRun:P0} / {row.Cpu.MachineBusyShare:P0} |"));
        }
        md.AppendLine();
        md.AppendLine("| Nodes | Scenario | Positions | Acknowledged units | Reserved in DB | Oversold | Lost | Ledger mismatches |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var c in checks)
            md.AppendLine(Invariant($"| {c.System} | {c.Scenario} | {c.Positions:N0} | {c.AcknowledgedUnits:N0} | {c.ReservedUnits:N0} | {c.OversoldUnits} | {c.LostUnits} | {c.LedgerMismatches} |"));
        return md.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
