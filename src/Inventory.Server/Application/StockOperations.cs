using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Grains.Approvals;
using Inventory.Grains.Positions;
using Inventory.Server.Apis;
using Inventory.Server.Application.Catalog;
using Inventory.Server.Model;

namespace Inventory.Server.Application;

/// <summary>
/// The stock-changing operations behind the single and the bulk endpoints: check the input, resolve the SKU and the
/// warehouse, convert units exactly, then call the position grain. Nothing reaches a grain unless every check passed.
/// </summary>
internal static class StockOperations
{
    public static async Task<Result<MovementResponse>> ReceiveAsync(InventoryCatalog catalog, IGrainFactory grains, Actor actor,
        string warehouse, string sku, ReceiptRequest body, string? requestId)
    {
        var errors = new FieldErrors();
        RequestChecks.Required(errors, "quantity", body.Quantity);
        RequestChecks.Required(errors, "unitCost", body.UnitCost);
        RequestChecks.Text(errors, "reference", body.Reference);
        RequestChecks.Text(errors, "lot", body.Lot, 100);
        RequestChecks.Text(errors, "supplier", body.Supplier, 100);
        RequestChecks.Text(errors, "purchaseOrder", body.PurchaseOrder, 100);
        var status = Status(errors, body.Status);
        if (errors.Any) return errors.ToFailure("The receipt is not valid.");
        var incoming = Incoming(catalog, warehouse, sku, body.Quantity!.Value, body.Unit);
        if (!incoming.IsSuccess) return incoming.Failure!;

        var (key, baseUnit, quantity) = incoming.Value;
        var receipt = new ReceiveStock(quantity, body.UnitCost!.Value, body.Lot, body.ExpiresOn, body.Reference, requestId, status,
            body.ManufacturedOn, body.Supplier, body.PurchaseOrder);
        var result = await Position(grains, key).ReceiveAsync(receipt, actor);
        return result.IsSuccess ? MovementResponse.Of(key, baseUnit, quantity, result.Value) : result.Failure!;
    }

    public static async Task<Result<CorrectionOutcome>> AdjustAsync(InventoryCatalog catalog, IGrainFactory grains, ApprovalOptions approvals,
        Actor actor, string warehouse, string sku, AdjustmentRequest body, string? requestId)
    {
        var errors = new FieldErrors();
        RequestChecks.Required(errors, "delta", body.Delta);
        RequestChecks.Required(errors, "reason", body.Reason);
        RequestChecks.Text(errors, "reference", body.Reference);
        if (errors.Any) return errors.ToFailure("The adjustment is not valid.");
        if (!RequestChecks.TryParseName<AdjustmentReason>(body.Reason, out var reason))
        {
            return new Failure(ErrorCodes.InvalidReason,
                $"'{body.Reason}' is not an adjustment reason; use one of: count, damage, theft, found, expired, correction.",
                new Dictionary<string, object?> { ["reason"] = body.Reason });
        }

        var resolved = catalog.Position(warehouse, sku);
        if (!resolved.IsSuccess) return resolved.Failure!;
        var (product, place) = resolved.Value;
        var delta = body.Delta!.Value;
        if (delta == 0) return Failure.InvalidQuantity(delta);
        // An adjustment corrects the record of what is on the shelf, so it is allowed in every kind of warehouse.
        var magnitude = RequestChecks.PositiveBaseQuantity(product, Math.Abs(delta), body.Unit);
        if (!magnitude.IsSuccess) return magnitude.Failure!;
        var baseDelta = delta > 0 ? magnitude.Value : -magnitude.Value;

        var key = new PositionKey(place.Code, product.Sku);
        var correction = new StockCorrection(CorrectionKind.Adjustment, baseDelta, reason, UnitCost: body.UnitCost, Reference: body.Reference);
        return await CorrectAsync(grains, approvals, actor, key, product.BaseUnit, baseDelta, correction, requestId);
    }

    public static async Task<Result<CorrectionOutcome>> CountAsync(InventoryCatalog catalog, IGrainFactory grains, ApprovalOptions approvals,
        Actor actor, string warehouse, string sku, CountRequest body, string? requestId)
    {
        var errors = new FieldErrors();
        RequestChecks.Required(errors, "counted", body.Counted);
        RequestChecks.Text(errors, "reference", body.Reference);
        if (errors.Any) return errors.ToFailure("The count is not valid.");
        if (RequestChecks.CheckQuantities(body.Counted, body.ExpectedOnHand) is { } invalid) return invalid;

        var resolved = catalog.Position(warehouse, sku);
        if (!resolved.IsSuccess) return resolved.Failure!;
        var (product, place) = resolved.Value;
        var counted = product.ToBaseUnits(body.Counted!.Value, body.Unit);
        if (!counted.IsSuccess) return counted.Failure!;
        decimal? expected = null;
        if (body.ExpectedOnHand is { } expectedInUnit)
        {
            var converted = product.ToBaseUnits(expectedInUnit, body.Unit);
            if (!converted.IsSuccess) return converted.Failure!;
            expected = converted.Value;
        }

        var status = StockStatus.Available;
        if (body.Status is not null && !StockFailures.TryParseStatus(body.Status, out status))
            return Failure.ValidationFailed("status", StatusMessage);

        var key = new PositionKey(place.Code, product.Sku);
        var correction = new StockCorrection(CorrectionKind.Count, counted.Value, AdjustmentReason.Count, status, ExpectedOnHand: expected,
            Reference: body.Reference);
        return await CorrectAsync(grains, approvals, actor, key, product.BaseUnit, counted.Value, correction, requestId);
    }

    public static async Task<Result<MovementResponse>> ReturnAsync(InventoryCatalog catalog, IGrainFactory grains, Actor actor,
        string warehouse, string sku, ReturnRequest body, string? requestId)
    {
        var errors = new FieldErrors();
        RequestChecks.Required(errors, "quantity", body.Quantity);
        RequestChecks.Text(errors, "reference", body.Reference);
        RequestChecks.Text(errors, "lot", body.Lot, 100);
        var status = Status(errors, body.Status);
        if (errors.Any) return errors.ToFailure("The return is not valid.");
        var incoming = Incoming(catalog, warehouse, sku, body.Quantity!.Value, body.Unit);
        if (!incoming.IsSuccess) return incoming.Failure!;

        var (key, baseUnit, quantity) = incoming.Value;
        var goods = new ReturnStock(quantity, body.UnitCost, status, body.Lot, body.ExpiresOn, body.Reference, requestId);
        var result = await Position(grains, key).ReturnStockAsync(goods, actor);
        return result.IsSuccess ? MovementResponse.Of(key, baseUnit, quantity, result.Value) : result.Failure!;
    }

    /// <summary>Where goods come in (a receipt, a return): the position, a warehouse that can receive, the quantity in base units.</summary>
    private static Result<IncomingGoods> Incoming(InventoryCatalog catalog, string warehouse, string sku, decimal quantity, string? unit)
    {
        var resolved = catalog.Position(warehouse, sku);
        if (!resolved.IsSuccess) return resolved.Failure!;
        var (product, place) = resolved.Value;
        if (place.CheckCanReceive() is { } cannot) return cannot;
        var converted = RequestChecks.PositiveBaseQuantity(product, quantity, unit);
        if (!converted.IsSuccess) return converted.Failure!;
        return new IncomingGoods(new PositionKey(place.Code, product.Sku), product.BaseUnit, converted.Value);
    }

    private readonly record struct IncomingGoods(PositionKey Key, string BaseUnit, decimal Quantity);

    /// <summary>The stock status a request names (available when it names none); an unknown one is a field error.</summary>
    private static StockStatus Status(FieldErrors errors, string? value)
    {
        if (value is null) return StockStatus.Available;
        if (StockFailures.TryParseStatus(value, out var status)) return status;
        errors.Add("status", StatusMessage);
        return StockStatus.Available;
    }

    private const string StatusMessage = "status must be available, quality_control or damaged.";

    /// <summary>
    /// Runs a correction under the approval limit. Above it, the position refuses with APPROVAL_REQUIRED (changing
    /// nothing) and the correction is recorded as a pending approval instead; its id follows the request's
    /// Idempotency-Key, so a retried request finds the same approval.
    /// </summary>
    public static async Task<Result<CorrectionOutcome>> CorrectAsync(IGrainFactory grains, ApprovalOptions approvals, Actor actor,
        PositionKey key, string baseUnit, decimal quantity, StockCorrection correction, string? requestId,
        Func<Movement, decimal>? quantityOf = null)
    {
        var approval = new Approval(approvals.Enabled ? approvals.Limit : null);
        var result = await Position(grains, key).CorrectAsync(correction with { RequestId = requestId }, actor, approval);
        if (result.IsSuccess)
            return new CorrectionOutcome(MovementResponse.Of(key, baseUnit, quantityOf?.Invoke(result.Value) ?? quantity, result.Value), null);
        var failure = result.Failure!;
        if (failure.Code != ErrorCodes.ApprovalRequired)
            return failure;

        var details = failure.Details!;
        var submission = new ApprovalSubmission(key.Warehouse, key.Sku, correction, (decimal)details["value"]!, (decimal)details["limit"]!,
            (decimal)details["change"]!);
        var id = requestId is null ? "a-" + Guid.NewGuid().ToString("N") : "a-" + requestId;
        var pending = await grains.GetGrain<IApprovalGrain>(id).SubmitAsync(submission, actor);
        return pending.IsSuccess ? new CorrectionOutcome(null, pending.Value) : pending.Failure!;
    }

    public static IStockPositionGrain Position(IGrainFactory grains, PositionKey key) =>
        grains.GetGrain<IStockPositionGrain>(key.ToString());
}
