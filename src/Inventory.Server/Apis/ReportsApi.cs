using System.Globalization;
using System.Text;
using Inventory.Domain;
using Inventory.Queries;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Server.Model;

namespace Inventory.Server.Apis;

/// <summary>/api/v1/reports: valuation of on-hand stock per position, warehouse, product and costing method, as JSON or CSV.</summary>
public static class ReportsApi
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Reports");
        api.MapGet("/valuation", Valuation).RequireAuthorization(Policies.Valuation)
            .Produces<ValuationResponse>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("Value of on-hand stock per position, warehouse, product and costing method (?format=csv or Accept: text/csv for CSV; groupBy=position|warehouse|product|method).");
        return app;
    }

    public static async Task<IResult> Valuation(HttpContext http, StockQueries queries, CancellationToken cancellationToken,
        string? warehouse = null, string? sku = null, string? format = null, string? groupBy = null)
    {
        if (groupBy is not null && !GroupBys.Contains(groupBy))
            return Problems.Validation("groupBy", "groupBy must be position, warehouse, product or method.");
        var snapshots = await queries.ListSnapshotsAsync(warehouse, sku, cancellationToken);
        // Valued from the committed snapshots, not the grains: no activation, and exactly what was acknowledged.
        var lines = snapshots
            .Select(s => StockPosition.FromSnapshot(s).Value())
            .Select(v => new ValuationLine(v.Position.Warehouse, v.Position.Sku, v.Method.ToString().ToUpperInvariant(), v.Quantity, v.UnitCost, v.Value))
            .ToList();

        var wantsCsv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || (format is null && http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));
        var byMethod = ByMethod(lines);
        var byWarehouse = lines.GroupBy(l => l.Warehouse, StringComparer.Ordinal)
            .Select(g => new ValuationByWarehouse(g.Key, g.Count(), g.Sum(l => l.Value), ByMethod(g)))
            .OrderBy(w => w.Warehouse, StringComparer.Ordinal)
            .ToList();
        // A product has one costing method; its quantity adds up across warehouses, its unit cost is value / quantity.
        var byProduct = lines.GroupBy(l => (l.Sku, l.CostingMethod))
            .Select(g =>
            {
                var quantity = g.Sum(l => l.Quantity);
                var value = g.Sum(l => l.Value);
                return new ValuationByProduct(g.Key.Sku, g.Key.CostingMethod, g.Count(), quantity, value, quantity == 0 ? 0m : value / quantity);
            })
            .OrderBy(p => p.Sku, StringComparer.Ordinal)
            .ToList();
        if (wantsCsv)
        {
            return Results.Text(groupBy switch
            {
                "warehouse" => WarehouseCsv(byWarehouse),
                "product" => ProductCsv(byProduct),
                "method" => MethodCsv(byMethod),
                _ => Csv(lines),
            }, CsvContentType);
        }

        return TypedResults.Ok(new ValuationResponse(DateTimeOffset.UtcNow, lines.Sum(l => l.Value), byMethod, lines, byWarehouse, byProduct));
    }

    private static readonly HashSet<string> GroupBys = ["position", "warehouse", "product", "method"];

    private static List<ValuationByMethod> ByMethod(IEnumerable<ValuationLine> lines) => lines.GroupBy(l => l.CostingMethod)
        .Select(g => new ValuationByMethod(g.Key, g.Count(), g.Sum(l => l.Quantity), g.Sum(l => l.Value)))
        .OrderBy(m => m.CostingMethod, StringComparer.Ordinal)
        .ToList();

    private static string WarehouseCsv(IEnumerable<ValuationByWarehouse> rows)
    {
        var csv = new StringBuilder("warehouse,costing_method,positions,value\n");
        foreach (var w in rows)
        {
            foreach (var m in w.ByMethod)
                csv.Append(CsvField(w.Warehouse)).Append(',').Append(m.CostingMethod).Append(',').Append(m.Positions).Append(',').Append(Number(m.Value)).Append('\n');
        }

        return csv.ToString();
    }

    private static string ProductCsv(IEnumerable<ValuationByProduct> rows)
    {
        var csv = new StringBuilder("sku,costing_method,positions,quantity,unit_cost,value\n");
        foreach (var p in rows)
        {
            csv.Append(CsvField(p.Sku)).Append(',').Append(p.CostingMethod).Append(',').Append(p.Positions).Append(',').Append(Number(p.Quantity))
               .Append(',').Append(Number(p.UnitCost)).Append(',').Append(Number(p.Value)).Append('\n');
        }

        return csv.ToString();
    }

    private static string MethodCsv(IEnumerable<ValuationByMethod> rows)
    {
        var csv = new StringBuilder("costing_method,positions,quantity,value\n");
        foreach (var m in rows)
            csv.Append(m.CostingMethod).Append(',').Append(m.Positions).Append(',').Append(Number(m.Quantity)).Append(',').Append(Number(m.Value)).Append('\n');
        return csv.ToString();
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Csv(IEnumerable<ValuationLine> lines)
    {
        var csv = new StringBuilder("warehouse,sku,costing_method,quantity,unit_cost,value\n");
        foreach (var l in lines)
        {
            csv.Append(CsvField(l.Warehouse)).Append(',').Append(CsvField(l.Sku)).Append(',').Append(l.CostingMethod).Append(',')
               .Append(l.Quantity.ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(l.UnitCost.ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(l.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }

    // Codes are plain by construction; quoting anyway keeps the CSV valid should that ever change.
    public static string CsvField(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
