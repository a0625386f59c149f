using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Inventory.Domain;
using Inventory.Grains.Alerts;
using Inventory.Grains.Events;
using Inventory.Grains.Events.Live;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Storage;
using Inventory.Storage.Postgres.Alerts;
using Inventory.Storage.Postgres.Grains;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Queries.Checks;

/// <summary>
/// Looks for what must never happen, from committed data: reservation lines a position still holds although their
/// reservation (or transfer) record is missing or no longer active, and active reservation records whose lines a
/// position does not hold (<see cref="ReservationAgreement"/>); snapshots that differ from the fold of their
/// ledger (via <see cref="Reconciler"/>); available below zero where the policy does not allow it. Each finding is
/// logged; with alerts on, every position with findings gets one open alert of kind "consistency", and the check
/// resolves the consistency alerts of positions that are clean again. It repairs nothing.
/// </summary>
public sealed partial class ConsistencyCheck(
    NpgsqlDataSource dataSource,
    IStockPositionStore store,
    TimeProvider time,
    ILogger<ConsistencyCheck>? logger = null,
    ConsistencyCheckOptions? options = null,
    LiveEvents? live = null,
    IReservationStore? records = null)
{
    private const string TransferPrefix = ReservationAgreement.TransferPrefix;

    private readonly ILogger _logger = logger ?? NullLogger<ConsistencyCheck>.Instance;
    private readonly ConsistencyCheckOptions _options = options ?? new ConsistencyCheckOptions();

    public async Task<ConsistencyReport> RunAsync(bool raiseAlerts = true, CancellationToken cancellationToken = default)
    {
        var startedAt = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        // The full state of each position (with the reservations it holds), as the store loads it.
        var snapshots = new List<StockPositionSnapshot>();
        var problems = new List<ConsistencyProblem>();
        foreach (var key in await store.ListPositionsAsync(cancellationToken))
        {
            try
            {
                if (await store.LoadAsync(key, cancellationToken) is { } snapshot)
                    snapshots.Add(snapshot);
            }
            catch (Exception e) when (e is InvalidOperationException or JsonException)
            {
                // One position that cannot be loaded must not hide the others; reconcile below says more about it.
                problems.Add(new ConsistencyProblem(key.Warehouse, key.Sku, ConsistencyProblemKinds.Drift, "its state cannot be loaded: " + e.Message));
            }
        }

        foreach (var s in snapshots)
        {
            var available = s.OnHand - s.Reserved;
            if (available < 0 && !(s.Policy?.AllowNegative ?? false))
            {
                problems.Add(new ConsistencyProblem(s.Warehouse, s.Sku, ConsistencyProblemKinds.NegativeAvailable,
                    string.Create(CultureInfo.InvariantCulture, $"available {available} (on hand {s.OnHand}, reserved {s.Reserved}) but the policy does not allow negative stock")));
            }
        }

        var (orphans, linesChecked) = await FindOrphanedTransferLinesAsync(snapshots, startedAt, cancellationToken);
        problems.AddRange(orphans);
        problems.AddRange(await FindReservationDisagreementsAsync(snapshots, cancellationToken));

        var reconcile = await new Reconciler(store).RunAsync(cancellationToken: cancellationToken);
        foreach (var difference in reconcile.Differences)
        {
            var quoted = difference.Differences.Take(_options.DriftLinesQuoted);
            var more = difference.Differences.Count - _options.DriftLinesQuoted;
            problems.Add(new ConsistencyProblem(difference.Warehouse, difference.Sku, ConsistencyProblemKinds.Drift,
                "snapshot differs from its ledger: " + string.Join("; ", quoted) + (more > 0 ? $" (+{more} more)" : "")));
        }

        problems.Sort(static (a, b) =>
        {
            var byWarehouse = string.CompareOrdinal(a.Warehouse, b.Warehouse);
            if (byWarehouse != 0) return byWarehouse;
            var bySku = string.CompareOrdinal(a.Sku, b.Sku);
            return bySku != 0 ? bySku : string.CompareOrdinal(a.Kind, b.Kind);
        });
        foreach (var problem in problems)
            LogProblem(_logger, problem.Warehouse, problem.Sku, problem.Kind, problem.Detail, problem.ReservationId ?? "none");

        IReadOnlyList<long> raised = [], resolved = [];
        if (raiseAlerts)
        {
            var levels = snapshots.ToDictionary(s => new PositionKey(s.Warehouse, s.Sku));
            raised = await RaiseAlertsAsync(problems, levels, startedAt, cancellationToken);
            resolved = await ResolveClearedAlertsAsync(problems, startedAt, cancellationToken);
        }

        var report = new ConsistencyReport(startedAt, stopwatch.Elapsed.TotalMilliseconds, snapshots.Count, linesChecked, problems, raised, resolved);
        LogChecked(_logger, report.PositionsChecked, report.ReservationLinesChecked, problems.Count, raised.Count, resolved.Count,
            (long)report.DurationMs);
        return report;
    }

    private async Task<IEnumerable<ConsistencyProblem>> FindReservationDisagreementsAsync(IReadOnlyList<StockPositionSnapshot> snapshots,
        CancellationToken cancellationToken)
    {
        var own = records is null ? new PostgresReservationStore(dataSource) : null;
        try
        {
            var found = await new ReservationAgreement(records ?? own!, store, time, _options.OrphanTolerance).CheckAsync(snapshots, null, cancellationToken);
            return found.Select(d => new ConsistencyProblem(d.Warehouse, d.Sku,
                d.Kind == ReservationAgreement.Orphaned ? ConsistencyProblemKinds.OrphanedReservation : ConsistencyProblemKinds.UnheldReservation,
                d.Detail, d.ReservationId));
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    private async Task<(List<ConsistencyProblem> Orphans, int LinesChecked)> FindOrphanedTransferLinesAsync(
        IReadOnlyList<StockPositionSnapshot> snapshots, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lines = snapshots
            .SelectMany(s => s.Reservations.Where(r => r.Status == ReservationStatus.Active).Select(r => (Position: new PositionKey(s.Warehouse, s.Sku), Line: r)))
            .ToList();
        var linesChecked = lines.Count;
        lines.RemoveAll(l => !l.Line.Id.StartsWith(TransferPrefix, StringComparison.Ordinal));
        if (lines.Count == 0)
            return ([], linesChecked);

        // Records are read after the snapshots, and every writer ends a position's line before it makes the record
        // terminal; so a terminal record next to a line that is STILL active when the snapshot is read again below
        // is a real orphan, not a transfer step that was under way.
        var transfers = await TransferStatusesAsync(
            lines.Select(l => l.Line.Id[TransferPrefix.Length..]).Distinct(StringComparer.Ordinal).ToArray(), cancellationToken);
        var candidates = new List<(PositionKey Position, PositionReservation Line, string Why)>();
        foreach (var (position, line) in lines)
        {
            var why = transfers.TryGetValue(line.Id[TransferPrefix.Length..], out var status)
                ? status is "0" or "Pending" or "pending" ? null : $"its transfer is {TransferStatusName(status)}"
                : "its transfer record is missing";
            if (why is not null)
                candidates.Add((position, line, why));
        }

        var orphans = new List<ConsistencyProblem>();
        foreach (var group in candidates.GroupBy(c => c.Position))
        {
            var current = await store.LoadAsync(group.Key, cancellationToken);
            foreach (var (position, line, why) in group)
            {
                if (current?.Reservations.Any(r => r.Id == line.Id && r.Status == ReservationStatus.Active) != true)
                    continue; // ended meanwhile
                orphans.Add(new ConsistencyProblem(position.Warehouse, position.Sku, ConsistencyProblemKinds.OrphanedReservation,
                    string.Create(CultureInfo.InvariantCulture, $"holds {line.Quantity} for reservation '{line.Id}' but {why}"), line.Id));
            }
        }
        return (orphans, linesChecked);
    }

    private static string TransferStatusName(string status) => status switch
    {
        "1" => "shipped",
        "2" => "completed",
        "3" => "failed",
        _ => status.ToLowerInvariant(),
    };

    private async Task<Dictionary<string, string>> TransferStatusesAsync(string[] ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Length == 0) return result;
        await using var command = dataSource.CreateCommand(
            "SELECT key, coalesce(data->>'status', '') FROM grain_state WHERE state_name = 'transfer' AND key = ANY($1)");
        command.Parameters.Add(new() { Value = ids });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
            result[r.GetString(0)] = r.GetString(1);
        return result;
    }

    private async Task<IReadOnlyList<long>> RaiseAlertsAsync(List<ConsistencyProblem> problems,
        Dictionary<PositionKey, StockPositionSnapshot> levels, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var raised = new List<long>();
        foreach (var group in problems.GroupBy(p => new PositionKey(p.Warehouse, p.Sku)))
        {
            var snapshot = levels.GetValueOrDefault(group.Key);
            var found = group.ToList();
            var message = found.Count == 1
                ? $"Consistency check: {Describe(found[0])}"
                : $"Consistency check: {found.Count} problems: " + string.Join(" | ", found.Select(Describe));
            if (message.Length > 1000) message = message[..997] + "...";
            var details = new AlertDetails(snapshot?.OnHand ?? 0, snapshot?.Reserved ?? 0, (snapshot?.OnHand ?? 0) - (snapshot?.Reserved ?? 0),
                snapshot?.Policy?.ReorderPoint, snapshot?.Policy?.MaxStock, null, []);
            var data = JsonSerializer.SerializeToElement(details, StoredJson.Options);
            var dataWithProblems = new Dictionary<string, object?>();
            foreach (var property in data.EnumerateObject())
                dataWithProblems[property.Name] = property.Value;
            dataWithProblems["problems"] = found.Select(p => new { p.Kind, p.Detail, p.ReservationId }).ToArray();

            // raised_seq stays null: it is the ledger position the stock alert grains replay from, and this alert
            // comes from no ledger event. An alert still active is kept (its id, time and acknowledgement) and says
            // what is wrong now.
            await using var command = dataSource.CreateCommand($"""
                INSERT INTO alerts (warehouse, sku, kind, severity, status, message, data, raised_at)
                VALUES ($1, $2, '{ConsistencyProblemKinds.AlertKind}', '{AlertSeverities.Critical}', 'open', $3, $4, $5)
                ON CONFLICT (warehouse, sku, kind) WHERE status <> 'resolved'
                DO UPDATE SET message = excluded.message, data = excluded.data
                RETURNING id, xmax = 0
                """);
            command.Parameters.Add(new() { Value = group.Key.Warehouse });
            command.Parameters.Add(new() { Value = group.Key.Sku });
            command.Parameters.Add(new() { Value = message });
            command.Parameters.Add(new() { Value = JsonSerializer.Serialize(dataWithProblems, StoredJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new() { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            long id;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                id = reader.GetInt64(0);
                if (!reader.GetBoolean(1))
                    continue; // the position already had an active consistency alert: updated, not raised again
            }
            raised.Add(id);
            LogAlertRaised(_logger, id, group.Key.ToString(), found.Count);
            await PublishAsync(InventoryEventTypes.AlertRaised, id, cancellationToken);
        }
        return raised;
    }

    private async Task<IReadOnlyList<long>> ResolveClearedAlertsAsync(List<ConsistencyProblem> problems, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var failing = problems.Select(p => (p.Warehouse, p.Sku)).Distinct().ToArray();
        await using var command = dataSource.CreateCommand($"""
            UPDATE alerts SET status = 'resolved', resolved_at = $1
            WHERE kind = '{ConsistencyProblemKinds.AlertKind}' AND status <> 'resolved'
              AND (warehouse, sku) NOT IN (SELECT w, s FROM unnest($2::text[], $3::text[]) AS f(w, s))
            RETURNING id
            """);
        command.Parameters.Add(new() { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = failing.Select(f => f.Warehouse).ToArray() });
        command.Parameters.Add(new() { Value = failing.Select(f => f.Sku).ToArray() });
        var resolved = new List<long>();
        await using (var r = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
                resolved.Add(r.GetInt64(0));
        }
        foreach (var id in resolved)
        {
            LogAlertResolved(_logger, id);
            await PublishAsync(InventoryEventTypes.AlertResolved, id, cancellationToken);
        }
        return resolved;
    }

    private async Task PublishAsync(string type, long id, CancellationToken cancellationToken)
    {
        if (live is null) return;
        if (await new PostgresAlertStore(dataSource).GetAsync(id, cancellationToken) is { } alert)
            await live.PublishAsync([new AlertEvent(type, AlertEvent.CurrentVersion, alert, null)]);
    }

    private static string Describe(ConsistencyProblem problem) => problem.Kind.Replace('_', ' ') + ": " + problem.Detail;

    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning,
        Message = "Consistency check: {Warehouse}/{Sku} {ProblemKind}: {Detail} (reservation {ReservationId})")]
    private static partial void LogProblem(ILogger logger, string warehouse, string sku, string problemKind, string detail, string reservationId);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information,
        Message = "Consistency check: {Positions} positions, {Lines} reservation lines checked; {Problems} problems, {Raised} alerts raised, {Resolved} resolved in {DurationMs} ms")]
    private static partial void LogChecked(ILogger logger, int positions, int lines, int problems, int raised, int resolved, long durationMs);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Error, Message = "Consistency alert {AlertId} raised for {Position}: {Problems} problems")]
    private static partial void LogAlertRaised(ILogger logger, long alertId, string position, int problems);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Information, Message = "Consistency alert {AlertId} resolved: its position is consistent again")]
    private static partial void LogAlertResolved(ILogger logger, long alertId);
}
