using System.Globalization;
using System.Text;
using Inventory.Bench.Load;

namespace Inventory.Bench.Reports;

/// <summary>The results as Markdown tables: reservations, the HTTP ceiling, the oversell check, targets and the profile.</summary>
public static class MarkdownReport
{
    public static readonly IReadOnlyDictionary<string, string> ScenarioTitles = new Dictionary<string, string>
    {
        ["hot"] = "Hot SKU (flash sale)",
        ["zipf"] = "Zipf catalogue",
        ["carts"] = "Carts (3-5 lines, 2 warehouses)",
    };

    public static string Render(BenchResults results)
    {
        var md = new StringBuilder();
        md.AppendLine("# Checkout benchmark results").AppendLine();
        md.AppendLine(Invariant($"Run {results.StartedAt:yyyy-MM-dd HH:mm} UTC on {results.Machine}; PostgreSQL {results.PostgresVersion} ")
            + Invariant($"(fsync on, synchronous_commit on, one server for both systems). {results.Settings}. ")
            + Invariant($"A durable one-row commit on this disk, unloaded: p50 {results.CommitP50Milliseconds:0.00} ms, p99 {results.CommitP99Milliseconds:0.00} ms. ")
            + Invariant($"Whole run: {results.TotalSeconds / 60:0.0} min."));
        md.AppendLine();

        var runs = results.Runs.Select(r => r.Measurement).ToList();
        var scenarios = runs.Where(r => r.Scenario != BenchResults.Ceiling).Select(r => r.Scenario).Distinct().ToList();
        var concurrencies = runs.Select(r => r.Concurrency).Distinct().Order().ToList();

        md.AppendLine("## Reservations").AppendLine();
        md.AppendLine("Reservations/s counts successful reservations (201). For the hot SKU it is units sold over the time until "
            + "the stock ran out (the sell-out time is in brackets). Latencies are of all requests, refusals included. "
            + "Errors are non-2xx answers other than the expected 409 INSUFFICIENT_STOCK. \"vs row-lock\" is actors / row-lock; "
            + "\"of ceiling\" is reservations/s over the same server's authenticated GET throughput at the same concurrency.");
        md.AppendLine();
        md.AppendLine("| Scenario | Clients | System | Reservations/s | vs row-lock | p50 ms | p95 ms | p99 ms | Errors | 409s | of ceiling |");
        md.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in scenarios)
        {
            foreach (var c in concurrencies)
            {
                var ours = Find(runs, scenario, BenchResults.Actors, c);
                var base_ = Find(runs, scenario, BenchResults.RowLock, c);
                var ceiling = Find(runs, BenchResults.Ceiling, BenchResults.Actors, c);
                foreach (var run in new[] { ours, base_ })
                {
                    if (run is null) continue;
                    var ratio = run == ours && base_ is { SuccessesPerSecond: > 0 } ? Invariant($"**{ours.SuccessesPerSecond / base_.SuccessesPerSecond:0.00}x**") : "";
                    var ofCeiling = run == ours && ceiling is { SuccessesPerSecond: > 0 } ? Invariant($"{ours.SuccessesPerSecond / ceiling.SuccessesPerSecond:P0}") : "";
                    var rate = Invariant($"{run.SuccessesPerSecond:N0}") + (run.SellOutSeconds is { } s ? Invariant($" ({s:0.0} s)") : "");
                    md.AppendLine(Invariant($"| {Title(scenario)} | {c} | {run.System} | {rate} | {ratio} | {run.Latency.P50:0.0} | {run.Latency.P95:0.0} | {run.Latency.P99:0.0} | {run.ErrorRate:P2} | {run.Refused:N0} | {ofCeiling} |"));
                }
            }
        }
        md.AppendLine();

        md.AppendLine("## HTTP ceiling").AppendLine();
        md.AppendLine("The actors server's cheapest authenticated endpoint, GET /api/v1/stock/{warehouse}/{sku} (JWT check, routing, "
            + "one grain turn in memory, JSON; no database), in the same run and at the same concurrencies.");
        md.AppendLine();
        md.AppendLine("| Clients | Requests/s | p50 ms | p99 ms | Errors |");
        md.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var c in concurrencies)
        {
            if (Find(runs, BenchResults.Ceiling, BenchResults.Actors, c) is { } r)
                md.AppendLine(Invariant($"| {c} | {r.SuccessesPerSecond:N0} | {r.Latency.P50:0.0} | {r.Latency.P99:0.0} | {r.ErrorRate:P2} |"));
        }
        md.AppendLine();

        md.AppendLine("## Oversell check (read from the databases after all runs)").AppendLine();
        md.AppendLine("Per scenario and system, over every position: units reserved beyond on hand (oversold), units acknowledged "
            + "to a client but not reserved in the database (lost), units reserved that no client was told about (unacknowledged: "
            + "requests that failed or timed out on the client but committed), and positions whose last ledger row differs from "
            + "the stored level. Warm-up reservations are included.");
        md.AppendLine();
        md.AppendLine("| Scenario | System | Positions | Acknowledged units | Reserved in DB | Oversold | Lost | Unacknowledged | Ledger mismatches | Oversells |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var check in results.Checks.OrderBy(c => c.Scenario).ThenBy(c => c.System))
        {
            md.AppendLine(Invariant($"| {Title(check.Scenario)} | {check.System} | {check.Positions:N0} | {check.AcknowledgedUnits:N0} | {check.ReservedUnits:N0} | ")
                + Invariant($"{check.OversoldUnits} | {check.LostUnits} | {check.UnacknowledgedUnits} | {check.LedgerMismatches} | **{check.Oversells}** |"));
        }
        md.AppendLine();
        foreach (var (system, acked) in results.AcknowledgedRequests)
        {
            md.AppendLine(Invariant($"- {system}: {acked:N0} reservations acknowledged, {results.ActiveReservationRows.GetValueOrDefault(system):N0} active reservation rows in its database."));
        }
        md.AppendLine();

        md.AppendLine("## Targets").AppendLine();
        md.AppendLine("| Scenario | Clients | Target | Throughput ratio | p99 actors / row-lock (ms) | Met |");
        md.AppendLine("|---|---:|---|---:|---:|---|");
        foreach (var scenario in scenarios)
        {
            var needed = scenario == "hot" ? 10.0 : 1.0;
            foreach (var c in concurrencies)
            {
                var ours = Find(runs, scenario, BenchResults.Actors, c);
                var base_ = Find(runs, scenario, BenchResults.RowLock, c);
                if (ours is null || base_ is null) continue;
                var ratio = base_.SuccessesPerSecond > 0 ? ours.SuccessesPerSecond / base_.SuccessesPerSecond : double.PositiveInfinity;
                var met = ratio >= needed && ours.Latency.P99 < base_.Latency.P99;
                md.AppendLine(Invariant($"| {Title(scenario)} | {c} | >= {needed:0}x throughput, lower p99 | {ratio:0.00}x | {ours.Latency.P99:0.0} / {base_.Latency.P99:0.0} | {(met ? "yes" : "**no**")} |"));
            }
        }
        var oversells = results.Checks.Sum(c => c.Oversells);
        md.AppendLine(Invariant($"| All | all | 0 oversells | | | {(oversells == 0 ? "yes" : $"**no ({oversells})**")} |"));
        md.AppendLine();

        md.AppendLine("## Where the time goes").AppendLine();
        md.AppendLine("PostgreSQL's counters per run (one system runs at a time): transactions (read-only ones included) per second in that system's "
            + "database, WAL flushes per second, commits per WAL flush (the database's own group commit), and the mean flush time. "
            + "For the actors also the group commits read back from the ledger (rows sharing a transaction timestamp): how many "
            + "reservations one position commit carried, and the busiest position's commits per second.");
        md.AppendLine();
        md.AppendLine("| Scenario | Clients | System | DB transactions/s | WAL flushes/s | transactions/flush | flush ms | position commits | mean batch | p99 batch | max batch | busiest position: commits/s, mean batch |");
        md.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var record in results.Runs)
        {
            var m = record.Measurement;
            var d = record.Database;
            var seconds = m.DurationSeconds;
            var b = record.Batches;
            var batches = b is null ? "| | | | | " : Invariant($"| {b.Commits:N0} | {b.MeanBatch:0.0} | {b.P99Batch:0} | {b.MaxBatch} | {(b.HottestPosition is null ? "" : $"{b.HottestCommits / seconds:N0}/s, {b.HottestMeanBatch:0.0}")} ");
            md.AppendLine(Invariant($"| {Title(m.Scenario)} | {m.Concurrency} | {m.System} | {d.Commits / seconds:N0} | {d.WalSyncs / seconds:N0} | {d.CommitsPerWalSync:0.0} | {d.MeanWalSyncMilliseconds:0.00} {batches}|"));
        }
        md.AppendLine();

        md.AppendLine("### CPU per request").AppendLine();
        md.AppendLine("CPU milliseconds per request (all requests of the run) by process, from /proc: the system under test, "
            + "PostgreSQL (postmaster and backends), the load generator, the rest (kernel: loopback TCP, WAL writes and flushes; "
            + "and any other process), and the whole machine; how busy the cores were during the run, and in the pause before it "
            + "(when the benchmark ran nothing: anything above a few % there is another process competing). With every core busy, "
            + "throughput is about cores x 1000 / (machine ms per request).");
        md.AppendLine();
        md.AppendLine("| Scenario | Clients | System | Busy before | Busy during | System ms | PostgreSQL ms | Load generator ms | Rest ms | Machine ms |");
        md.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var record in results.Runs)
        {
            var m = record.Measurement;
            var cpu = record.Cpu;
            md.AppendLine(Invariant($"| {Title(m.Scenario)} | {m.Concurrency} | {m.System} | {cpu.BusyBeforeRun:P0} | {cpu.MachineBusyShare:P0} | {cpu.SystemMs:0.00} | {cpu.PostgresMs:0.00} | {cpu.LoadGeneratorMs:0.00} | {cpu.OtherMs:0.00} | {cpu.MachineMs:0.00} |"));
        }
        md.AppendLine();

        md.AppendLine("### Statements per reservation (pg_stat_statements, highest concurrency)").AppendLine();
        md.AppendLine("The statements each system sent in its run at the highest concurrency, most frequent first, with calls per "
            + "request (for the hot SKU, refused requests included) and mean execution time (server side, without network or waiting for a lock's holder to commit).");
        md.AppendLine();
        md.AppendLine("| Scenario | System | Statement | Calls per request | Mean ms |");
        md.AppendLine("|---|---|---|---:|---:|");
        var highest = concurrencies.Count == 0 ? 0 : concurrencies[^1];
        foreach (var record in results.Runs.Where(r => r.Measurement.Concurrency == highest && r.Measurement.Scenario != BenchResults.Ceiling))
        {
            var requests = Math.Max(1, record.Measurement.Requests);
            foreach (var statement in record.Statements.Top.Take(6))
            {
                var text = statement.Query.Length > 90 ? statement.Query[..90] + "..." : statement.Query;
                md.AppendLine(Invariant($"| {Title(record.Measurement.Scenario)} | {record.Measurement.System} | `{text.Replace("|", "\\|")}` | {(double)statement.Calls / requests:0.00} | {statement.MeanMilliseconds:0.000} |"));
            }
        }
        md.AppendLine();

        if (results.InProcess.Count > 0)
        {
            md.AppendLine("## The reservation path without HTTP").AppendLine();
            md.AppendLine("The same grains over the same PostgreSQL, called in-process by the benchmark (no HTTP, JSON or JWT), "
                + "with the position grains' own write-size and write-duration instruments (meter \"Inventory.Grains\").");
            md.AppendLine();
            md.AppendLine("| Scenario | Callers | Reservations/s | p50 ms | p99 ms | position commits | mean batch | mean commit ms | 409s | Errors |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in results.InProcess)
            {
                md.AppendLine(Invariant($"| {Title(r.Scenario)} | {r.Concurrency} | {r.ReservationsPerSecond:N0} | {r.P50:0.0} | {r.P99:0.0} | {r.Batches:N0} | {r.MeanBatch:0.0} | {r.MeanCommitMilliseconds:0.00} | {r.Refused:N0} | {r.Errors:N0} |"));
            }
            md.AppendLine();
        }

        var errors = runs.Where(r => r.ErrorKinds.Count > 0).ToList();
        if (errors.Count > 0)
        {
            md.AppendLine("## Errors seen").AppendLine();
            foreach (var r in errors)
                md.AppendLine(Invariant($"- {Title(r.Scenario)}, {r.Concurrency} clients, {r.System}: {string.Join(", ", r.ErrorKinds.Select(k => $"{k.Key} x{k.Value}"))}"));
            md.AppendLine();
        }
        return md.ToString();
    }

    public static string Title(string scenario) =>
        scenario == BenchResults.Ceiling ? "HTTP ceiling (GET)" : ScenarioTitles.GetValueOrDefault(scenario, scenario);

    private static RunMeasurement? Find(List<RunMeasurement> runs, string scenario, string system, int concurrency) =>
        runs.FirstOrDefault(r => r.Scenario == scenario && r.System == system && r.Concurrency == concurrency);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
