using System.Globalization;
using System.Text;
using Inventory.Domain;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Model;
using Inventory.Storage.Postgres.Queries;

namespace Inventory.Server.Apis;

/// <summary>/api/v1/reports: valuation of on-hand stock by costing method, as JSON or CSV.</summary>
public static class ReportsApi
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Reports");
        api.MapGet("/valuation", Valuation).RequireAuthorization(Policies.Valuation)
            .Produces<ValuationResponse>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("Value of on-hand stock per position and per costing method (?format=csv or Accept: text/csv for CSV).");
        return app;
    }

    public static async Task<IResult> Valuation(HttpContext http, StockQueries queries, CancellationToken cancellationToken,
        string? warehouse = null, string? sku = null, string? format = null)
    {
        var snapshots = await queries.ListSnapshotsAsync(warehouse, sku, cancellationToken);
        // Valued from the committed snapshots, not the grains: no activation, and exactly what was acknowledged.
        var lines = snapshots
            .Select(s => StockPosition.FromSnapshot(s).Value())
            .Select(v => new ValuationLine(v.Position.Warehouse, v.Position.Sku, v.Method.ToString().ToUpperInvariant(), v.Quantity, v.UnitCost, v.Value))
            .ToList();

        var wantsCsv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || (format is null && http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));
        if (wantsCsv)
            return Results.Text(Csv(lines), CsvContentType);

        var byMethod = lines.GroupBy(l => l.CostingMethod)
            .Select(g => new ValuationByMethod(g.Key, g.Count(), g.Sum(l => l.Quantity), g.Sum(l => l.Value)))
            .OrderBy(m => m.CostingMethod, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new ValuationResponse(DateTimeOffset.UtcNow, lines.Sum(l => l.Value), byMethod, lines));
    }

    private static string Csv(IEnumerable<ValuationLine> lines)
    {
        var csv = new StringBuilder("warehouse,sku,costing_method,quantity,unit_cost,value\n");
        foreach (var l in lines)
        {
            csv.Append(Field(l.Warehouse)).Append(',').Append(Field(l.Sku)).Append(',').Append(l.CostingMethod).Append(',')
               .Append(l.Quantity.ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(l.UnitCost.ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(l.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }

    // Codes are plain by construction; quoting anyway keeps the CSV valid should that ever change.
    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
