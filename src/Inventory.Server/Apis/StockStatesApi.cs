using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Grains.Approvals;
using Inventory.Server.Application;
using Inventory.Server.Application.Catalog;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Server.Infrastructure.Idempotency;
using Inventory.Server.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Inventory.Server.Apis;

/// <summary>
/// /api/v1/stock/{warehouse}/{sku}/...: lots, stock states (quality control, damaged), write-offs (damage, theft,
/// expired lots) and stock on order. Quantities may name a unit; they are converted exactly to the base unit.
/// </summary>
public static class StockStatesApi
{
    public static IEndpointRouteBuilder MapStockStatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/stock/{warehouse}/{sku}").WithTags("Stock");
        api.MapGet("/lots", GetLots).RequireAuthorization(Policies.Read)
            .WithSummary("On hand by state and per lot today; available = on hand - reserved - quality control - damaged - expired - safety stock.");
        api.MapPost("/status-changes", ChangeStatus).RequireAuthorization(Policies.MoveStock)
            .WithSummary("Move stock between available, quality_control and damaged (QC release and reject, found damaged, repaired).");
        api.MapPost("/write-offs", WriteOff).RequireAuthorization(Policies.MoveStock)
            .WithSummary("Write stock of one status off with a reason (damage, theft, expired, correction); above the approval limit 202.");
        api.MapPost("/write-offs/expired", WriteOffExpired).RequireAuthorization(Policies.MoveStock)
            .WithSummary("Write every expired lot (or one) off with reason expired; above the approval limit 202.");
        api.MapPost("/orders", Order).RequireAuthorization(Policies.Receive)
            .WithSummary("Put stock on order under a purchase order: incoming, not on hand; receipts under it settle it.");
        api.MapPost("/orders/{purchaseOrder}/cancel", CancelOrder).RequireAuthorization(Policies.Receive)
            .WithSummary("Cancel what is still open on a purchase order (all, or quantity).");
        return app;
    }

    public static async Task<Results<Ok<LotsResponse>, ProblemHttpResult>> GetLots(
        string warehouse, string sku, InventoryCatalog catalog, IGrainFactory grains)
    {
        var resolved = catalog.Position(warehouse, sku);
        if (!resolved.IsSuccess) return Problems.From(resolved.Failure!);
        var view = await StockOperations.Position(grains, new PositionKey(warehouse, sku)).GetStockAsync();
        return TypedResults.Ok(LotsResponse.Of(view, resolved.Value.Product.BaseUnit));
    }

    public static async Task<Results<Ok<MovementResponse>, ProblemHttpResult>> ChangeStatus(
        string warehouse, string sku, StatusChangeRequest body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        RequestChecks.Required(errors, "quantity", body.Quantity);
        RequestChecks.Text(errors, "reason", body.Reason);
        RequestChecks.Text(errors, "reference", body.Reference);
        RequestChecks.Text(errors, "lot", body.Lot, 100);
        var from = Status(errors, "from", body.From, required: true);
        var to = Status(errors, "to", body.To, required: true);
        if (errors.Any) return Problems.From(errors.ToFailure("The status change is not valid."));

        var resolved = Resolve(catalog, warehouse, sku, body.Quantity!.Value, body.Unit, out var key);
        if (!resolved.IsSuccess) return Problems.From(resolved.Failure!);
        var change = new StatusChange(resolved.Value.Quantity, from, to, body.Lot, body.Reason, body.Reference, RequestIds.For(http));
        var result = await StockOperations.Position(grains, key).ChangeStatusAsync(change, UserActor.Of(http.User));
        return result.IsSuccess
            ? TypedResults.Ok(MovementResponse.Of(key, resolved.Value.BaseUnit, resolved.Value.Quantity, result.Value))
            : Problems.From(result.Failure!);
    }

    public static async Task<Results<Ok<MovementResponse>, Accepted<ApprovalView>, ProblemHttpResult>> WriteOff(
        string warehouse, string sku, WriteOffRequest body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains,
        IOptions<ApprovalOptions> approvals)
    {
        var errors = new FieldErrors();
        RequestChecks.Required(errors, "quantity", body.Quantity);
        RequestChecks.Required(errors, "reason", body.Reason);
        RequestChecks.Text(errors, "reference", body.Reference);
        RequestChecks.Text(errors, "lot", body.Lot, 100);
        var status = Status(errors, "status", body.Status, required: false);
        if (errors.Any) return Problems.From(errors.ToFailure("The write-off is not valid."));
        if (!RequestChecks.TryParseName<AdjustmentReason>(body.Reason, out var reason) || !StockPosition.WriteOffReasons.Contains(reason))
        {
            return Problems.Of(ErrorCodes.InvalidReason, $"'{body.Reason}' is not a write-off reason; use one of: damage, theft, expired, correction.",
                new Dictionary<string, object?> { ["reason"] = body.Reason });
        }

        var resolved = Resolve(catalog, warehouse, sku, body.Quantity!.Value, body.Unit, out var key);
        if (!resolved.IsSuccess) return Problems.From(resolved.Failure!);
        var correction = new StockCorrection(CorrectionKind.WriteOff, resolved.Value.Quantity, reason, status, body.Lot, Reference: body.Reference);
        return StockApi.Answer(await StockOperations.CorrectAsync(grains, approvals.Value, UserActor.Of(http.User), key,
            resolved.Value.BaseUnit, -resolved.Value.Quantity, correction, RequestIds.For(http)));
    }

    public static async Task<Results<Ok<MovementResponse>, Accepted<ApprovalView>, ProblemHttpResult>> WriteOffExpired(
        string warehouse, string sku, ExpiredWriteOffRequest body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains,
        IOptions<ApprovalOptions> approvals)
    {
        var errors = new FieldErrors();
        RequestChecks.Text(errors, "reference", body.Reference);
        RequestChecks.Text(errors, "lot", body.Lot, 100);
        if (errors.Any) return Problems.From(errors.ToFailure("The write-off is not valid."));
        var resolved = catalog.Position(warehouse, sku);
        if (!resolved.IsSuccess) return Problems.From(resolved.Failure!);

        var key = new PositionKey(resolved.Value.Warehouse.Code, resolved.Value.Product.Sku);
        var correction = new StockCorrection(CorrectionKind.ExpiredWriteOff, 0m, AdjustmentReason.Expired, Lot: body.Lot, Reference: body.Reference);
        // What an expired write-off takes is known only once it ran: the quantity answered is what its entries drew.
        var result = await StockOperations.CorrectAsync(grains, approvals.Value, UserActor.Of(http.User), key,
            resolved.Value.Product.BaseUnit, 0m, correction, RequestIds.For(http), m => -m.Draws.Sum(d => d.Quantity));
        return StockApi.Answer(result);
    }

    public static async Task<Results<Ok<MovementResponse>, ProblemHttpResult>> Order(
        string warehouse, string sku, OrderRequest body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        RequestChecks.Required(errors, "purchaseOrder", body.PurchaseOrder);
        RequestChecks.Required(errors, "quantity", body.Quantity);
        RequestChecks.Text(errors, "purchaseOrder", body.PurchaseOrder, 100);
        RequestChecks.Text(errors, "supplier", body.Supplier, 100);
        RequestChecks.Text(errors, "reference", body.Reference);
        if (errors.Any) return Problems.From(errors.ToFailure("The order is not valid."));

        var resolved = Resolve(catalog, warehouse, sku, body.Quantity!.Value, body.Unit, out var key);
        if (!resolved.IsSuccess) return Problems.From(resolved.Failure!);
        var result = await StockOperations.Position(grains, key).OrderAsync(body.PurchaseOrder!, resolved.Value.Quantity, body.Supplier,
            UserActor.Of(http.User), body.Reference, RequestIds.For(http));
        return result.IsSuccess
            ? TypedResults.Ok(MovementResponse.Of(key, resolved.Value.BaseUnit, resolved.Value.Quantity, result.Value))
            : Problems.From(result.Failure!);
    }

    public static async Task<Results<Ok<MovementResponse>, ProblemHttpResult>> CancelOrder(
        string warehouse, string sku, string purchaseOrder, CancelOrderRequest body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        RequestChecks.Text(errors, "reason", body.Reason);
        if (errors.Any) return Problems.From(errors.ToFailure("The cancellation is not valid."));
        var resolved = catalog.Position(warehouse, sku);
        if (!resolved.IsSuccess) return Problems.From(resolved.Failure!);
        var (product, place) = resolved.Value;
        decimal? quantity = null;
        if (body.Quantity is { } given)
        {
            var converted = RequestChecks.PositiveBaseQuantity(product, given, body.Unit);
            if (!converted.IsSuccess) return Problems.From(converted.Failure!);
            quantity = converted.Value;
        }

        var key = new PositionKey(place.Code, product.Sku);
        var result = await StockOperations.Position(grains, key).CancelOrderAsync(purchaseOrder, quantity, UserActor.Of(http.User),
            body.Reason, RequestIds.For(http));
        return result.IsSuccess
            ? TypedResults.Ok(MovementResponse.Of(key, product.BaseUnit, result.Value.Entries.Count > 0 ? result.Value.Entries[0].Quantity : quantity ?? 0m, result.Value))
            : Problems.From(result.Failure!);
    }

    private static StockStatus Status(FieldErrors errors, string field, string? text, bool required)
    {
        if (text is null)
        {
            if (required) errors.Add(field, $"{field} is required.");
            return StockStatus.Available;
        }

        if (!StockFailures.TryParseStatus(text, out var status))
            errors.Add(field, $"{field} must be available, quality_control or damaged.");
        return status;
    }

    private static Result<(decimal Quantity, string BaseUnit)> Resolve(InventoryCatalog catalog, string warehouse, string sku,
        decimal quantity, string? unit, out PositionKey key)
    {
        key = default;
        var resolved = catalog.Position(warehouse, sku);
        if (!resolved.IsSuccess) return resolved.Failure!;
        var (product, place) = resolved.Value;
        var converted = RequestChecks.PositiveBaseQuantity(product, quantity, unit);
        if (!converted.IsSuccess) return converted.Failure!;
        key = new PositionKey(place.Code, product.Sku);
        return (converted.Value, product.BaseUnit);
    }
}
