using System.Globalization;
using System.Text;
using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Queries;
using Inventory.Server.Application;
using Inventory.Server.Infrastructure;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Server.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Server.Apis;

/// <summary>/api/v1/reports/movements and /api/v1/reports/analytics: the ledger across positions, and turnover, cover, dead stock and movers.</summary>
public static class AnalyticsApi
{
    public const int DefaultDeadStockDays = 90;
    public const int MaxDeadStockDays = 3650;
    public const int DefaultTop = 10;
    public const int MaxTop = 100;
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);

    private static readonly HashSet<string> TypeNames = [.. Enum.GetValues<LedgerEntryType>().Select(LedgerEntryTypes.Name)];

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Reports");
        api.MapGet("/movements", Movements).RequireAuthorization(Policies.Reports)
            .WithSummary("Ledger entries across positions (filters: warehouse, sku, type (comma-separated), from, to, reference; paging: afterSeq, limit; format=csv).");
        api.MapGet("/analytics", Analytics).RequireAuthorization(Policies.Reports)
            .WithSummary("Turnover, days of cover, dead stock and top movers over [from, to) (filters: warehouse, sku; deadStockDays, top).");
        return app;
    }

    public static async Task<IResult> Movements(ReportQueries queries, CancellationToken cancellationToken,
        string? warehouse = null, string? sku = null, string? type = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        string? reference = null, long afterSeq = 0, int limit = InventoryLimits.DefaultPageSize, string? format = null)
    {
        var errors = new FieldErrors();
        errors.Require(afterSeq >= 0, "afterSeq", "afterSeq must not be negative.");
        errors.Require(limit is >= 1 and <= InventoryLimits.MaxPageSize, "limit", $"limit must be between 1 and {InventoryLimits.MaxPageSize}.");
        errors.Require(from is null || to is null || from < to, "to", "to must be after from.");
        errors.Require(format is null or "json" or "csv", "format", "format must be json or csv.");
        var types = type?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        foreach (var t in types.Where(t => !TypeNames.Contains(t)))
            errors.Add("type", $"'{t}' is not a movement type; use: {string.Join(", ", TypeNames.Order(StringComparer.Ordinal))}.");
        if (errors.Any) return Problems.From(errors.ToFailure("The movement query is not valid."));

        var page = await queries.MovementsAsync(new MovementFilter(warehouse, sku, types, from, to, reference, afterSeq, limit), cancellationToken);
        var entries = page.Entries.Select(e => LedgerEntryResponse.Of(e.LedgerSeq, e.Entry)).ToList();
        var positions = page.Entries.Select(e => e.Entry.Position).ToList();
        if (format == "csv")
            return Results.Text(Csv(entries, positions), ReportsApi.CsvContentType);
        var next = page.HasMore ? entries[^1].LedgerSeq : (long?)null;
        return TypedResults.Ok(new MovementsResponse(
            [.. entries.Select((e, i) => new LedgerEntryResponseWithPosition(positions[i].Warehouse, positions[i].Sku, e))], next));
    }

    public static async Task<Results<Ok<AnalyticsResponse>, ProblemHttpResult>> Analytics(ReportQueries queries, CancellationToken cancellationToken,
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? warehouse = null, string? sku = null,
        int deadStockDays = DefaultDeadStockDays, int top = DefaultTop)
    {
        var end = to ?? DateTimeOffset.UtcNow;
        var start = from ?? end - DefaultPeriod;
        var errors = new FieldErrors();
        errors.Require(start < end, "to", "to must be after from.");
        errors.Require(deadStockDays is >= 1 and <= MaxDeadStockDays, "deadStockDays", $"deadStockDays must be between 1 and {MaxDeadStockDays}.");
        errors.Require(top is >= 1 and <= MaxTop, "top", $"top must be between 1 and {MaxTop}.");
        if (errors.Any) return Problems.From(errors.ToFailure("The analytics query is not valid."));

        var activity = await queries.ActivityAsync(start, end, InventoryAnalytics.IssueTypes, warehouse, sku, cancellationToken);
        return TypedResults.Ok(InventoryAnalytics.Compute(start, end, deadStockDays, top, activity));
    }

    private static string Csv(IReadOnlyList<LedgerEntryResponse> entries, IReadOnlyList<PositionKey> positions)
    {
        var csv = new StringBuilder("ledger_seq,warehouse,sku,sequence,type,quantity,unit_cost,total_cost,on_hand_after,reserved_after,reference,reason,user,role,at\n");
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            string?[] fields =
            [
                e.LedgerSeq.ToString(CultureInfo.InvariantCulture), positions[i].Warehouse, positions[i].Sku,
                e.Sequence.ToString(CultureInfo.InvariantCulture), e.Type, Number(e.Quantity), Number(e.UnitCost), Number(e.TotalCost),
                Number(e.OnHandAfter), Number(e.ReservedAfter), e.Reference, e.Reason, e.User, e.Role,
                e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            ];
            csv.AppendJoin(',', fields.Select(f => ReportsApi.CsvField(f ?? ""))).Append('\n');
        }

        return csv.ToString();
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
