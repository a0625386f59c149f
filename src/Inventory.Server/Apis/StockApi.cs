using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Grains;
using Inventory.Grains.Alerts;
using Inventory.Grains.Approvals;
using Inventory.Grains.Positions;
using Inventory.Queries;
using Inventory.Server.Application;
using Inventory.Server.Application.Catalog;
using Inventory.Server.Infrastructure;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Server.Infrastructure.Idempotency;
using Inventory.Server.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Inventory.Server.Apis;

/// <summary>/api/v1/stock: levels, policy, receipts, adjustments, counts, returns, bulk operations, listing and ledger.</summary>
public static class StockApi
{
    public static IEndpointRouteBuilder MapStockApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/stock").WithTags("Stock");

        api.MapGet("/", ListStock).RequireAuthorization(Policies.Read)
            .WithSummary("List positions (filters: warehouse, skuPrefix, lowStockOnly; paging: after, limit).");
        api.MapGet("/{warehouse}/{sku}", GetPosition).RequireAuthorization(Policies.Read)
            .WithSummary("One position's levels and configuration.");
        api.MapGet("/{warehouse}/{sku}/ledger", GetLedger).RequireAuthorization(Policies.Read)
            .WithSummary("A position's ledger (paging: afterSeq, limit; date range: from, to).");
        api.MapPut("/{warehouse}/{sku}/policy", PutPolicy).RequireAuthorization(Policies.ManageWarehouses)
            .WithSummary("Replace a position's stock policy.");
        api.MapPost("/{warehouse}/{sku}/receipts", Receive).RequireAuthorization(Policies.Receive)
            .WithSummary("Receive stock (quantity in unit, converted exactly; unitCost per base unit).");
        api.MapPost("/{warehouse}/{sku}/adjustments", Adjust).RequireAuthorization(Policies.MoveStock)
            .WithSummary("Adjust on hand by a signed delta with a reason; above the approval limit 202 with a pending approval.");
        api.MapPost("/{warehouse}/{sku}/counts", Count).RequireAuthorization(Policies.MoveStock)
            .WithSummary("Record a count of one status (compare-and-set with expectedOnHand); the difference is posted or waits for approval (202).");
        api.MapPost("/{warehouse}/{sku}/returns", Return).RequireAuthorization(Policies.MoveStock)
            .WithSummary("Return goods into stock.");
        api.MapPost("/receipts/bulk", BulkReceive).RequireAuthorization(Policies.Receive)
            .WithSummary($"Up to {InventoryLimits.MaxBulkItems} receipts; each item has its own result.");
        api.MapPost("/adjustments/bulk", BulkAdjust).RequireAuthorization(Policies.MoveStock)
            .WithSummary($"Up to {InventoryLimits.MaxBulkItems} adjustments; each item has its own result.");
        return app;
    }

    public static async Task<Results<Ok<StockListResponse>, ProblemHttpResult>> ListStock(
        StockQueries queries, CancellationToken cancellationToken,
        string? warehouse = null, string? skuPrefix = null, bool lowStockOnly = false, string? after = null, int limit = InventoryLimits.DefaultPageSize)
    {
        if (limit is < 1 or > InventoryLimits.MaxPageSize)
            return Problems.Validation("limit", $"limit must be between 1 and {InventoryLimits.MaxPageSize}.");
        PositionKey? afterKey = null;
        if (after is not null)
        {
            try
            {
                afterKey = PositionKey.Parse(after);
            }
            catch (FormatException)
            {
                return Problems.Validation("after", "after must be WAREHOUSE/SKU, as returned in 'next'.");
            }
        }

        var rows = await queries.ListPositionsAsync(
            new StockFilter(warehouse, skuPrefix, lowStockOnly, afterKey?.Warehouse, afterKey?.Sku, limit), cancellationToken);
        var next = rows.Count == limit ? new PositionKey(rows[^1].Warehouse, rows[^1].Sku).ToString() : null;
        return TypedResults.Ok(new StockListResponse([.. rows.Select(StockRowResponse.Of)], next));
    }

    public static async Task<Results<Ok<PositionResponse>, ProblemHttpResult>> GetPosition(
        string warehouse, string sku, InventoryCatalog catalog, GrainRefs refs, ActivePositions active, TimeProvider time)
    {
        var resolved = catalog.Position(warehouse, sku);
        if (!resolved.IsSuccess) return Problems.From(resolved.Failure!);
        var key = new PositionKey(warehouse, sku).ToString();
        // Active in this silo and unchanged since its last read: the grain's own durable view, without a call.
        var view = active.TryGetView(key, time.GetUtcNow()) ?? await refs.Get<IStockPositionGrain>(key).GetAsync();
        return TypedResults.Ok(PositionResponse.Of(view, resolved.Value.Product.BaseUnit));
    }

    public static async Task<Results<Ok<LedgerResponse>, ProblemHttpResult>> GetLedger(
        string warehouse, string sku, InventoryCatalog catalog, StockQueries queries, CancellationToken cancellationToken,
        long afterSeq = 0, int limit = InventoryLimits.DefaultPageSize, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var errors = new FieldErrors();
        errors.Require(afterSeq >= 0, "afterSeq", "afterSeq must not be negative.");
        errors.Require(limit is >= 1 and <= InventoryLimits.MaxPageSize, "limit", $"limit must be between 1 and {InventoryLimits.MaxPageSize}.");
        errors.Require(from is null || to is null || from < to, "to", "to must be after from.");
        if (errors.Any) return Problems.From(errors.ToFailure("The ledger query is not valid."));
        var resolved = catalog.Position(warehouse, sku);
        if (!resolved.IsSuccess) return Problems.From(resolved.Failure!);

        var page = await queries.ReadLedgerAsync(new PositionKey(warehouse, sku), afterSeq, limit, from, to, cancellationToken);
        var entries = page.Entries.Select(e => LedgerEntryResponse.Of(e.LedgerSeq, e.Entry)).ToList();
        return TypedResults.Ok(new LedgerResponse(warehouse, sku, entries, page.HasMore ? entries[^1].Sequence : null));
    }

    public static async Task<Results<Ok<PositionResponse>, ProblemHttpResult>> PutPolicy(
        string warehouse, string sku, PolicyRequest body, InventoryCatalog catalog, IGrainFactory grains)
    {
        if (RequestChecks.CheckQuantities(body.ReorderPoint, body.ReorderQuantity, body.MaxStock, body.SafetyStock) is { } invalid)
            return Problems.From(invalid);
        var errors = new FieldErrors();
        errors.Require(body.MaxStock is null || body.ReorderPoint is null || body.MaxStock >= body.ReorderPoint, "maxStock",
            "maxStock must not be below reorderPoint.");
        if (errors.Any) return Problems.From(errors.ToFailure("The policy is not valid."));
        var resolved = catalog.Position(warehouse, sku);
        if (!resolved.IsSuccess) return Problems.From(resolved.Failure!);

        var policy = new StockPolicy(body.AllowNegative ?? false, body.ReorderPoint, body.ReorderQuantity, body.MaxStock, body.SafetyStock ?? 0m);
        var view = await StockOperations.Position(grains, new PositionKey(warehouse, sku)).ConfigureAsync(null, policy);
        // Alerts follow the new thresholds now, not at the next stock movement.
        await grains.GetGrain<IStockAlertGrain>(new PositionKey(warehouse, sku).ToString()).ReevaluateAsync();
        return TypedResults.Ok(PositionResponse.Of(view, resolved.Value.Product.BaseUnit));
    }

    public static async Task<Results<Ok<MovementResponse>, ProblemHttpResult>> Receive(
        string warehouse, string sku, ReceiptRequest body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains) =>
        Answer(await StockOperations.ReceiveAsync(catalog, grains, UserActor.Of(http.User), warehouse, sku, body, RequestIds.For(http)));

    public static async Task<Results<Ok<MovementResponse>, Accepted<ApprovalView>, ProblemHttpResult>> Adjust(
        string warehouse, string sku, AdjustmentRequest body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains,
        IOptions<ApprovalOptions> approvals) =>
        Answer(await StockOperations.AdjustAsync(catalog, grains, approvals.Value, UserActor.Of(http.User), warehouse, sku, body, RequestIds.For(http)));

    public static async Task<Results<Ok<MovementResponse>, Accepted<ApprovalView>, ProblemHttpResult>> Count(
        string warehouse, string sku, CountRequest body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains,
        IOptions<ApprovalOptions> approvals) =>
        Answer(await StockOperations.CountAsync(catalog, grains, approvals.Value, UserActor.Of(http.User), warehouse, sku, body, RequestIds.For(http)));

    public static async Task<Results<Ok<MovementResponse>, ProblemHttpResult>> Return(
        string warehouse, string sku, ReturnRequest body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains) =>
        Answer(await StockOperations.ReturnAsync(catalog, grains, UserActor.Of(http.User), warehouse, sku, body, RequestIds.For(http)));

    public static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> BulkReceive(
        BulkReceiptRequest body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains)
    {
        if (CheckBulk(body.Items) is { } refused) return refused;
        var actor = UserActor.Of(http.User);
        return TypedResults.Ok(await RunBulkAsync(body.Items!, (item, i) => item is null
            ? Task.FromResult<Result<MovementResponse>>(Failure.ValidationFailed($"items[{i}]", "An item is required."))
            : StockOperations.ReceiveAsync(catalog, grains, actor, item.Warehouse ?? "", item.Sku ?? "",
                new ReceiptRequest(item.Quantity, item.Unit, item.UnitCost, item.Lot, item.ExpiresOn, item.Reference, item.Status,
                    item.ManufacturedOn, item.Supplier, item.PurchaseOrder),
                RequestIds.For(http, ":" + i))));
    }

    public static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> BulkAdjust(
        BulkAdjustmentRequest body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains, IOptions<ApprovalOptions> approvals)
    {
        if (CheckBulk(body.Items) is { } refused) return refused;
        var actor = UserActor.Of(http.User);
        return TypedResults.Ok(await RunBulkAsync(body.Items!, (item, i) => item is null
            ? Task.FromResult<Result<MovementResponse>>(Failure.ValidationFailed($"items[{i}]", "An item is required."))
            : PendingAsFailure(StockOperations.AdjustAsync(catalog, grains, approvals.Value, actor, item.Warehouse ?? "", item.Sku ?? "",
                new AdjustmentRequest(item.Delta, item.Unit, item.Reason, item.UnitCost, item.Reference),
                RequestIds.For(http, ":" + i)))));
    }

    private static Results<Ok<MovementResponse>, ProblemHttpResult> Answer(Result<MovementResponse> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Failure!);

    /// <summary>200 with the movement, or 202 with the approval it waits for (Location: the approval).</summary>
    internal static Results<Ok<MovementResponse>, Accepted<ApprovalView>, ProblemHttpResult> Answer(Result<CorrectionOutcome> result)
    {
        if (!result.IsSuccess) return Problems.From(result.Failure!);
        return result.Value.Approval is { } pending
            ? TypedResults.Accepted($"/api/v1/approvals/{Uri.EscapeDataString(pending.ApprovalId)}", pending)
            : TypedResults.Ok(result.Value.Movement!);
    }

    // In a bulk answer an item waiting for approval is reported like a failure with status 202, code
    // APPROVAL_REQUIRED and the approval's id: it did not move stock (yet).
    private static async Task<Result<MovementResponse>> PendingAsFailure(Task<Result<CorrectionOutcome>> correction)
    {
        var result = await correction;
        if (!result.IsSuccess) return result.Failure!;
        if (result.Value.Approval is not { } pending) return result.Value.Movement!;
        return new Failure(ErrorCodes.ApprovalRequired, $"Worth {pending.Value}, more than the approval limit of {pending.Limit}: waits for approval '{pending.ApprovalId}'.",
            new Dictionary<string, object?> { ["approvalId"] = pending.ApprovalId, ["value"] = pending.Value, ["limit"] = pending.Limit });
    }

    private static ProblemHttpResult? CheckBulk<T>(IReadOnlyList<T>? items)
    {
        if (items is null || items.Count == 0)
            return Problems.Validation("items", "items must hold at least one item.");
        if (items.Count > InventoryLimits.MaxBulkItems)
        {
            return Problems.Of(HttpErrorCodes.PayloadTooLarge,
                $"A bulk request holds at most {InventoryLimits.MaxBulkItems} items, not {items.Count}; split it.",
                new Dictionary<string, object?> { ["maxItems"] = InventoryLimits.MaxBulkItems, ["items"] = items.Count });
        }

        return null;
    }

    // Items run concurrently: items of different positions proceed in parallel and items of one position are
    // group-committed together by its grain. A retryable fault fails only the item it hit.
    private static async Task<BulkResponse> RunBulkAsync<T>(IReadOnlyList<T> items, Func<T, int, Task<Result<MovementResponse>>> run)
    {
        var results = await Task.WhenAll(items.Select(async (item, i) =>
        {
            try
            {
                var result = await run(item, i);
                return result.IsSuccess
                    ? new BulkItemResult(i, StatusCodes.Status200OK, result.Value, null)
                    : Error(i, result.Failure!);
            }
            catch (Exception e) when (ExceptionProblemMiddleware.Classify(e) is { RetryAfterSeconds: not null } retryable)
            {
                return Error(i, retryable.Failure);
            }
        }));
        var succeeded = results.Count(r => r.Error is null);
        return new BulkResponse(succeeded, results.Length - succeeded, results);
    }

    private static BulkItemResult Error(int index, Failure failure) =>
        new(index, ProblemCatalog.StatusOf(failure.Code), null, new BulkError(failure.Code, failure.Message, failure.Details));
}
