using System.Globalization;
using Inventory.Domain;
using Inventory.Grains.Alerts;
using Inventory.Grains.Approvals;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Positions;
using Inventory.Grains.Reservations;
using Inventory.Grains.Serials;
using Inventory.Grains.Transfers;
using Inventory.Grains.WorkOrders;
using Inventory.Queries.Admin;
using Inventory.Queries.Checks;
using Inventory.Server.Application.Checks;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Server.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Inventory.Server.Apis;

/// <summary>
/// /api/v1/admin: what the admin CLI (src/Inventory.Admin) needs to see inside the grains and act on them —
/// activations, one position in full, deactivation, the ledger across positions, reservations, alerts of every kind,
/// the background checks and the daily report. Admin role only.
/// </summary>
public static class AdminInspectApi
{
    /// <summary>
    /// Names the CLI accepts for grain types: a short name, the interface or the class name as <c>grains</c> lists it
    /// (case-insensitive); anything else is taken as Orleans' grain type name (e.g. "stockposition").
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Func<IGrainFactory, string, IAddressable>> GrainTypeAliases =
        new Dictionary<string, Func<IGrainFactory, string, IAddressable>>(StringComparer.OrdinalIgnoreCase)
        {
            ["position"] = (g, key) => g.GetGrain<IStockPositionGrain>(key),
            ["stock-position"] = (g, key) => g.GetGrain<IStockPositionGrain>(key),
            [nameof(IStockPositionGrain)] = (g, key) => g.GetGrain<IStockPositionGrain>(key),
            [nameof(StockPositionGrain)] = (g, key) => g.GetGrain<IStockPositionGrain>(key),
            ["reservation"] = (g, key) => g.GetGrain<IReservationGrain>(key),
            [nameof(IReservationGrain)] = (g, key) => g.GetGrain<IReservationGrain>(key),
            [nameof(ReservationGrain)] = (g, key) => g.GetGrain<IReservationGrain>(key),
            ["alert"] = (g, key) => g.GetGrain<IStockAlertGrain>(key),
            [nameof(IStockAlertGrain)] = (g, key) => g.GetGrain<IStockAlertGrain>(key),
            [nameof(StockAlertGrain)] = (g, key) => g.GetGrain<IStockAlertGrain>(key),
            ["transfer"] = (g, key) => g.GetGrain<ITransferGrain>(key),
            [nameof(ITransferGrain)] = (g, key) => g.GetGrain<ITransferGrain>(key),
            [nameof(TransferGrain)] = (g, key) => g.GetGrain<ITransferGrain>(key),
            ["approval"] = (g, key) => g.GetGrain<IApprovalGrain>(key),
            [nameof(IApprovalGrain)] = (g, key) => g.GetGrain<IApprovalGrain>(key),
            [nameof(ApprovalGrain)] = (g, key) => g.GetGrain<IApprovalGrain>(key),
            ["serial"] = (g, key) => g.GetGrain<ISerialItemGrain>(key),
            [nameof(ISerialItemGrain)] = (g, key) => g.GetGrain<ISerialItemGrain>(key),
            [nameof(SerialItemGrain)] = (g, key) => g.GetGrain<ISerialItemGrain>(key),
            ["work-order"] = (g, key) => g.GetGrain<IWorkOrderGrain>(key),
            [nameof(IWorkOrderGrain)] = (g, key) => g.GetGrain<IWorkOrderGrain>(key),
            [nameof(WorkOrderGrain)] = (g, key) => g.GetGrain<IWorkOrderGrain>(key),
        };

    public static IEndpointRouteBuilder MapAdminInspectApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        api.MapGet("/grains", Grains).WithSummary("The cluster's silos, activations by grain type and silo (Orleans' management grain) and the hottest positions of the answering silo.");
        api.MapPost("/grains/deactivate", Deactivate).WithSummary("Drop one activation wherever it runs, once its running calls end; its next call reloads it from storage.");
        api.MapGet("/positions/{warehouse}/{sku}", Position)
            .WithSummary("One position in full: levels, layers, lots, active reservations, versions, whether it is active in memory.");
        api.MapGet("/ledger", Ledger).WithSummary("Ledger entries of every position by global sequence (afterSeq, limit, warehouse, sku, from, to).");
        api.MapGet("/reservations", Reservations).WithSummary("Reservation records, oldest first (status, olderThanSeconds, reference, limit).");
        api.MapPost("/reservations/{id}/expire-now", ExpireNow).WithSummary("End an active reservation as expired now; its stock is available at once.");
        api.MapGet("/alerts", Alerts).WithSummary("Alerts of every kind, consistency included, with their data (status, kind, warehouse, sku, limit).");
        api.MapGet("/checks", Checks).WithSummary("Background check settings and their last runs.");
        api.MapPost("/checks/consistency", RunConsistencyCheck).WithSummary("Run the consistency check now (raises and resolves consistency alerts).");
        api.MapGet("/reports/daily", DailyReport).WithSummary("The daily summary report of a UTC day (date=YYYY-MM-DD, default yesterday).");
        return app;
    }

    public static async Task<Ok<GrainsOverview>> Grains(IGrainFactory grains, ActivePositions positions, ILocalSiloDetails silo, TimeProvider time,
        int top = GrainsOverview.DefaultTop) =>
        TypedResults.Ok(await GrainsOverview.ReadAsync(grains, positions, silo.SiloAddress, time, Math.Clamp(top, 0, 1000)));

    public static async Task<Results<Ok<DeactivateResponse>, ProblemHttpResult>> Deactivate(
        DeactivateRequest body, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Type) || string.IsNullOrWhiteSpace(body.Key))
            return Problems.Validation(string.IsNullOrWhiteSpace(body.Type) ? "type" : "key", "Both type and key are required.");
        var grain = GrainTypeAliases.TryGetValue(body.Type, out var named)
            ? named(grains, body.Key)
            : grains.GetGrain(GrainId.Create(body.Type.ToLowerInvariant(), body.Key));
        var id = grain.GetGrainId();
        var type = id.Type.ToString()!;
        if (!await grains.DeactivateAsync(grain, cancellationToken))
        {
            return Problems.Of(HttpErrorCodes.GrainNotActive,
                $"{id} is not active in memory, so there is nothing to deactivate (its next call loads it from storage anyway).",
                new Dictionary<string, object?> { ["grainType"] = type, ["key"] = body.Key });
        }
        return TypedResults.Ok(new DeactivateResponse(type, body.Key, true));
    }

    public static async Task<Results<Ok<PositionDetail>, ProblemHttpResult>> Position(string warehouse, string sku,
        IGrainFactory grains, AdminQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = new PositionKey(warehouse, sku);
        var grain = grains.GetGrain<IStockPositionGrain>(key.ToString());
        var active = await grains.IsActiveAsync(grain);
        // Only an activation that exists is asked: showing a position must not activate it.
        var live = active ? await grain.GetSnapshotAsync() : null;
        var detail = await queries.PositionAsync(key, active, live, time.GetUtcNow(), cancellationToken);
        if (detail is not null && active)
            detail = detail with { Silo = (await grains.Management().GetActivationAddress(grain))?.ToString() };
        return detail is null
            ? Problems.Of(HttpErrorCodes.PositionNotFound,
                $"There is no stock position {key}: nothing was ever received, reserved or configured there. Codes are case-sensitive.",
                new Dictionary<string, object?> { ["warehouse"] = warehouse, ["sku"] = sku })
            : TypedResults.Ok(detail);
    }

    public static async Task<Results<Ok<LedgerRows>, ProblemHttpResult>> Ledger(AdminQueries queries, CancellationToken cancellationToken,
        long afterSeq = 0, int limit = 500, string? warehouse = null, string? sku = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        if (afterSeq < 0) return Problems.Validation("afterSeq", "afterSeq must not be negative.");
        if (RequestChecks.CodeFilters(warehouse, sku) is { } invalid) return invalid;
        if (limit is < 1 or > LedgerQuery.MaxLimit) return Problems.Validation("limit", $"limit must be between 1 and {LedgerQuery.MaxLimit}.");
        if (from is not null && to is not null && from >= to) return Problems.Validation("to", "to must be after from.");
        return TypedResults.Ok(await queries.LedgerAsync(new LedgerQuery(afterSeq, limit, warehouse, sku, from, to), cancellationToken));
    }

    public static async Task<Results<Ok<ReservationListResponse>, ProblemHttpResult>> Reservations(AdminQueries queries, TimeProvider time,
        CancellationToken cancellationToken, string? status = null, double? olderThanSeconds = null, string? reference = null, int limit = 100)
    {
        if (status is not null && !ReservationQuery.Statuses.Contains(status))
            return Problems.Validation("status", $"status must be one of: {string.Join(", ", ReservationQuery.Statuses)}.");
        if (olderThanSeconds is < 0) return Problems.Validation("olderThanSeconds", "olderThanSeconds must not be negative.");
        if (limit is < 1 or > ReservationQuery.MaxLimit) return Problems.Validation("limit", $"limit must be between 1 and {ReservationQuery.MaxLimit}.");
        var now = time.GetUtcNow();
        var before = olderThanSeconds is { } seconds ? now - TimeSpan.FromSeconds(seconds) : (DateTimeOffset?)null;
        return TypedResults.Ok(new ReservationListResponse(await queries.ReservationsAsync(new ReservationQuery(status, before, reference, limit), now, cancellationToken)));
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> ExpireNow(string id, HttpContext http, IGrainFactory grains)
    {
        if (!RequestChecks.IsClientId(id)) return Problems.From(Failure.ReservationNotFound(id));
        var result = await grains.GetGrain<IReservationGrain>(id).ExpireNowAsync(UserActor.Of(http.User));
        return result.IsSuccess ? TypedResults.Ok(ReservationResponse.Of(result.Value)) : Problems.From(result.Failure!);
    }

    public static async Task<Results<Ok<AdminAlertListResponse>, ProblemHttpResult>> Alerts(AdminQueries queries, CancellationToken cancellationToken,
        string? status = null, string? kind = null, string? warehouse = null, string? sku = null, int limit = 100)
    {
        if (status is not null && !AlertStatuses.IsFilter(status))
            return Problems.Validation("status", "status must be open, acknowledged, resolved or active.");
        if (limit is < 1 or > AlertQuery.MaxLimit) return Problems.Validation("limit", $"limit must be between 1 and {AlertQuery.MaxLimit}.");
        if (RequestChecks.CodeFilters(warehouse, sku) is { } invalid) return invalid;
        return TypedResults.Ok(new AdminAlertListResponse(await queries.AlertsAsync(new AlertQuery(status, kind, warehouse, sku, limit), cancellationToken)));
    }

    public static Ok<ChecksResponse> Checks(IOptions<ChecksOptions> options, CheckStatus status, DailyReports reports)
    {
        var o = options.Value;
        return TypedResults.Ok(new ChecksResponse(
            o.ExpirySweepInterval.TotalSeconds,
            o.ConsistencyCheckEnabled, o.ConsistencyInterval.TotalSeconds, status.LastConsistency,
            o.DailyReportEnabled, o.DailyReportTime.ToString(@"hh\:mm", CultureInfo.InvariantCulture), reports.Directory, status.LastDailyReport));
    }

    public static async Task<Ok<ConsistencyReport>> RunConsistencyCheck(ConsistencyCheckService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.RunOnceAsync(cancellationToken));

    public static async Task<Results<Ok<DailyReportResponse>, ProblemHttpResult>> DailyReport(DailyReports reports, CancellationToken cancellationToken,
        string? date = null)
    {
        var day = reports.Today.AddDays(-1);
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            return Problems.Validation("date", "date must be a day as YYYY-MM-DD.");
        if (day > reports.Today)
            return Problems.Of(HttpErrorCodes.ReportNotAvailable, $"{day:yyyy-MM-dd} has not begun yet (today is {reports.Today:yyyy-MM-dd} UTC).");
        var (report, path) = await reports.GetAsync(day, cancellationToken);
        return TypedResults.Ok(new DailyReportResponse(report, path));
    }
}
