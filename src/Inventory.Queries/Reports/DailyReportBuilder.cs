using Inventory.Domain;
using Inventory.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Queries.Reports;

/// <summary>
/// Builds the <see cref="DailyReport"/> of one UTC day from the ledger, the snapshots and the alerts table. The end-of-day
/// valuation folds only the positions that moved after the day ended; the others' snapshots are their end-of-day
/// state. Building the same past day twice gives the same figures.
/// </summary>
public sealed class DailyReportBuilder(NpgsqlDataSource dataSource, IStockPositionStore store, TimeProvider time)
{
    public async Task<DailyReport> BuildAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        var from = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = from.AddDays(1);
        var movements = new List<MovementSummary>();
        await using (var command = dataSource.CreateCommand("""
            SELECT type, count(*), coalesce(sum(quantity), 0), coalesce(sum(total_cost), 0)
            FROM stock_ledger WHERE at >= $1 AND at < $2 GROUP BY type ORDER BY type
            """))
        {
            AddRange(command, from, to);
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
                movements.Add(new MovementSummary(r.GetString(0), r.GetInt64(1), r.GetDecimal(2), r.GetDecimal(3)));
        }

        int positionsMoved;
        await using (var command = dataSource.CreateCommand(
            "SELECT count(*) FROM (SELECT DISTINCT warehouse, sku FROM stock_ledger WHERE at >= $1 AND at < $2) AS moved"))
        {
            AddRange(command, from, to);
            positionsMoved = (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        return new DailyReport(date, from, to, time.GetUtcNow(), positionsMoved, movements,
            await ValuationAtAsync(to, cancellationToken), await AlertsAsync(from, to, cancellationToken));
    }

    private async Task<ValuationSummary> ValuationAtAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var movedSince = new HashSet<PositionKey>();
        await using (var command = dataSource.CreateCommand("SELECT DISTINCT warehouse, sku FROM stock_ledger WHERE at >= $1"))
        {
            command.Parameters.Add(new() { Value = at.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
                movedSince.Add(new PositionKey(r.GetString(0), r.GetString(1)));
        }

        var values = new List<Valuation>();
        foreach (var key in await store.ListPositionsAsync(cancellationToken))
        {
            StockPosition position;
            try
            {
                if (await store.LoadAsync(key, cancellationToken) is not { } snapshot)
                    continue;
                if (movedSince.Contains(key))
                {
                    var ledger = await store.ReadLedgerAsync(key, cancellationToken);
                    position = StockPosition.Fold(key, ledger.TakeWhile(e => e.At < at), snapshot.CostingMethod, snapshot.Policy ?? StockPolicy.Default);
                }
                else
                {
                    position = StockPosition.FromSnapshot(snapshot);
                }
            }
            catch (InvalidOperationException)
            {
                continue; // a position whose state is corrupt: the consistency check reports it; the report goes on
            }
            if (position.Sequence > 0)
                values.Add(position.Value());
        }

        var byMethod = values
            .GroupBy(v => v.Method.ToString().ToUpperInvariant())
            .Select(g => new ValuationByMethodLine(g.Key, g.Count(), g.Sum(v => v.Quantity), g.Sum(v => v.Value)))
            .OrderBy(l => l.CostingMethod, StringComparer.Ordinal)
            .ToList();
        return new ValuationSummary(values.Sum(v => v.Value), values.Count, byMethod);
    }

    private async Task<AlertSummary> AlertsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT kind,
                   count(*) FILTER (WHERE raised_at >= $1 AND raised_at < $2),
                   count(*) FILTER (WHERE acknowledged_at >= $1 AND acknowledged_at < $2),
                   count(*) FILTER (WHERE resolved_at >= $1 AND resolved_at < $2),
                   count(*) FILTER (WHERE raised_at < $2 AND (resolved_at IS NULL OR resolved_at >= $2))
            FROM alerts WHERE raised_at < $2 AND (resolved_at IS NULL OR resolved_at >= $1)
            GROUP BY kind ORDER BY kind
            """);
        AddRange(command, from, to);
        var kinds = new List<AlertKindLine>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
            kinds.Add(new AlertKindLine(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)));
        return new AlertSummary(kinds.Sum(k => k.Opened), kinds.Sum(k => k.Acknowledged), kinds.Sum(k => k.Resolved),
            kinds.Sum(k => k.ActiveAtEnd), kinds);
    }

    private static void AddRange(NpgsqlCommand command, DateTimeOffset from, DateTimeOffset to)
    {
        command.Parameters.Add(new() { Value = from.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = to.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }
}
