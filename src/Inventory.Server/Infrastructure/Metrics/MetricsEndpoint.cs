using Inventory.Grains.Maintenance;
using Inventory.Grains.Positions;
using Inventory.Storage.Postgres.Queries;

namespace Inventory.Server.Infrastructure.Metrics;

/// <summary>GET /metrics: Prometheus text. Gauges that live in the database are read at scrape time.</summary>
public static class MetricsEndpoint
{
    public static async Task<IResult> RenderAsync(InventoryMetrics metrics, StockQueries queries, IGrainFactory grains, ActivePositions positions, CancellationToken cancellationToken)
    {
        var text = new PrometheusText();

        text.Family("inventory_http_requests_total", "counter", "HTTP requests by method, route template and status.");
        foreach (var (key, count) in metrics.Requests)
            text.Sample("inventory_http_requests_total", count, ("method", key.Method), ("route", key.Route), ("status", key.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        text.Family("inventory_http_request_duration_seconds", "histogram", "HTTP request latency by method and route template.");
        foreach (var (key, histogram) in metrics.Latencies)
        {
            var (cumulative, sum, count) = histogram.Read();
            for (var i = 0; i < LatencyHistogram.Bounds.Length; i++)
                text.Sample("inventory_http_request_duration_seconds_bucket", cumulative[i], ("method", key.Method), ("route", key.Route), ("le", LatencyHistogram.Bounds[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            text.Sample("inventory_http_request_duration_seconds_bucket", cumulative[^1], ("method", key.Method), ("route", key.Route), ("le", "+Inf"));
            text.Sample("inventory_http_request_duration_seconds_sum", sum, ("method", key.Method), ("route", key.Route));
            text.Sample("inventory_http_request_duration_seconds_count", count, ("method", key.Method), ("route", key.Route));
        }

        text.Family("inventory_reservations_total", "counter", "Reservation requests by outcome (created, refused, committed, released, extended, failed).");
        foreach (var (outcome, count) in metrics.Reservations)
            text.Sample("inventory_reservations_total", count, ("outcome", outcome));

        text.Family("inventory_stock_movements_total", "counter", "Committed ledger entries by movement type.");
        foreach (var (type, count) in metrics.Movements)
            text.Sample("inventory_stock_movements_total", count, ("type", type));

        text.Family("inventory_reservations_active", "gauge", "Reservations holding stock now (active, not expired).");
        text.Family("inventory_positions_low_stock", "gauge", "Positions whose available stock is at or below their reorder point.");
        text.Family("inventory_database_up", "gauge", "1 when the database answered this scrape, else 0.");
        try
        {
            text.Sample("inventory_reservations_active", await queries.CountActiveReservationsAsync(cancellationToken));
            text.Sample("inventory_positions_low_stock", await queries.CountLowStockAsync(cancellationToken));
            text.Sample("inventory_database_up", 1);
        }
        catch (Npgsql.NpgsqlException)
        {
            text.Sample("inventory_database_up", 0);
        }

        text.Family("inventory_grain_activations", "gauge", "Grain activations in the cluster (Orleans' management grain).");
        text.Sample("inventory_grain_activations", await grains.Management().GetTotalActivationCount());
        text.Family("inventory_positions_waiting", "gauge", "Calls of this silo's stock positions waiting for their group commit.");
        text.Sample("inventory_positions_waiting", positions.Waiting);

        string? family = null;
        foreach (var (key, value) in metrics.Runtime)
        {
            var name = key.Instrument.Replace('.', '_') + (key.Instrument.EndsWith(".sum", StringComparison.Ordinal) ? "" : "_total");
            if (name != family)
            {
                text.Family(name, "counter", $"Meter {CommitMetrics.MeterName}: {key.Instrument}.");
                family = name;
            }

            if (key.GrainType.Length == 0)
                text.Sample(name, value);
            else
                text.Sample(name, value, ("grain_type", key.GrainType));
        }

        return Results.Text(text.ToString(), PrometheusText.ContentType);
    }
}
