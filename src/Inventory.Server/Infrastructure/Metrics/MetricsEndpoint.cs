using Inventory.Runtime;
using Inventory.Storage.Postgres.Queries;

namespace Inventory.Server.Infrastructure.Metrics;

/// <summary>GET /metrics: Prometheus text. Gauges that live in the database are read at scrape time.</summary>
public static class MetricsEndpoint
{
    public static async Task<IResult> RenderAsync(InventoryMetrics metrics, StockQueries queries, GrainRuntime runtime, CancellationToken cancellationToken)
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

        var activations = runtime.GetActivations();
        text.Family("inventory_runtime_activations", "gauge", "Grain activations in memory.");
        text.Sample("inventory_runtime_activations", activations.Count);
        text.Family("inventory_runtime_mailbox_depth", "gauge", "Calls queued across all activations.");
        text.Sample("inventory_runtime_mailbox_depth", activations.Sum(a => a.MailboxDepth));

        string? family = null;
        foreach (var (key, value) in metrics.Runtime)
        {
            var name = key.Instrument.Replace('.', '_') + (key.Instrument.EndsWith(".sum", StringComparison.Ordinal) ? "" : "_total");
            if (name != family)
            {
                text.Family(name, "counter", $"Grain runtime meter {key.Instrument}.");
                family = name;
            }

            text.Sample(name, value, ("grain_type", key.GrainType));
        }

        return Results.Text(text.ToString(), PrometheusText.ContentType);
    }
}
