using Inventory.Domain.Catalog;
using Inventory.Grains.Storage;
using Inventory.Grains.Transfers;
using Inventory.Server.Application.Catalog;
using Inventory.Server.Infrastructure;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Server.Infrastructure.Idempotency;
using Inventory.Server.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Server.Apis;

/// <summary>
/// /api/v1/transfers: stock leaves one warehouse with its cost and lots, travels in transit and is received at the
/// other, in part or in full; what never arrives is recorded as lost when the transfer is closed. Exactly once per id.
/// </summary>
public static class TransfersApi
{
    public static IEndpointRouteBuilder MapTransfersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/transfers").WithTags("Transfers");
        api.MapPost("/", Create).RequireAuthorization(Policies.MoveStock)
            .WithSummary("Ship from the source (removal strategy, layer costs and lots travel); with autoReceive (default) receive at once.");
        api.MapGet("/", List).RequireAuthorization(Policies.Read)
            .WithSummary("Transfers, newest first (filters: status, warehouse; limit).");
        api.MapGet("/{id}", Get).RequireAuthorization(Policies.Read);
        api.MapPost("/{id}/receipts", Receive).RequireAuthorization(Policies.MoveStock)
            .WithSummary("Receive some or all of what is in transit; close: true records the rest as lost. Answers the short quantity.");
        api.MapPost("/{id}/close", Close).RequireAuthorization(Policies.MoveStock)
            .WithSummary("Record everything still in transit as lost at the destination (transit_loss) and complete the transfer.");
        return app;
    }

    public static async Task<Results<Created<TransferView>, ProblemHttpResult>> Create(
        TransferRequestDto body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (body.TransferId is not null && !RequestChecks.IsClientId(body.TransferId))
            errors.Add("transferId", "A transfer id is " + RequestChecks.ClientIdRule);
        RequestChecks.Required(errors, "from", body.From);
        RequestChecks.Required(errors, "to", body.To);
        RequestChecks.Required(errors, "sku", body.Sku);
        RequestChecks.Required(errors, "quantity", body.Quantity);
        RequestChecks.Text(errors, "reference", body.Reference);
        if (body.From is not null && body.From == body.To)
            errors.Add("to", "A transfer needs two different warehouses.");
        if (errors.Any) return Problems.From(errors.ToFailure("The transfer is not valid."));

        var product = catalog.Product(body.Sku!);
        if (!product.IsSuccess) return Problems.From(product.Failure!);
        var from = catalog.Warehouse(body.From!);
        if (!from.IsSuccess) return Problems.From(from.Failure!);
        var to = catalog.Warehouse(body.To!);
        if (!to.IsSuccess) return Problems.From(to.Failure!);
        if (from.Value.CheckCanShip() is { } cannotShip) return Problems.From(cannotShip);
        if (to.Value.CheckCanReceive() is { } cannotReceive) return Problems.From(cannotReceive);
        var quantity = RequestChecks.PositiveBaseQuantity(product.Value, body.Quantity!.Value, body.Unit);
        if (!quantity.IsSuccess) return Problems.From(quantity.Failure!);

        var id = body.TransferId ?? RequestIds.TransferId(http);
        var request = new TransferRequest(from.Value.Code, to.Value.Code, product.Value.Sku, quantity.Value, body.Reference, body.AutoReceive ?? true);
        var result = await grains.GetGrain<ITransferGrain>(id).CreateAsync(request, UserActor.Of(http.User));
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/transfers/{Uri.EscapeDataString(id)}", result.Value)
            : Problems.From(result.Failure!);
    }

    public static async Task<Results<Ok<TransferListResponse>, ProblemHttpResult>> List(
        ITransferStore store, CancellationToken cancellationToken, string? status = null, string? warehouse = null,
        int limit = InventoryLimits.DefaultPageSize)
    {
        var errors = new FieldErrors();
        TransferStatus parsed = default;
        errors.Require(status is null || TransferRecord.TryParseStatus(status, out parsed), "status",
            "status must be pending, in_transit, receiving, closing, completed or failed.");
        errors.Require(limit is >= 1 and <= InventoryLimits.MaxPageSize, "limit", $"limit must be between 1 and {InventoryLimits.MaxPageSize}.");
        if (errors.Any) return Problems.From(errors.ToFailure("The transfer query is not valid."));

        var records = await store.ListAsync(status is null ? [] : [parsed], warehouse, limit, cancellationToken);
        return TypedResults.Ok(new TransferListResponse([.. records.Select(TransferView.Of)]));
    }

    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> Get(string id, IGrainFactory grains)
    {
        var view = RequestChecks.IsClientId(id) ? await grains.GetGrain<ITransferGrain>(id).GetAsync() : null;
        return view is null ? NotFound(id) : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> Receive(
        string id, TransferReceiptDto body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var lots = body.Lots ?? [];
        if (body.Quantity is null && lots.Count == 0)
            errors.Add("quantity", "quantity (or lots) is required.");
        if (body.Quantity is not null && lots.Count > 0)
            errors.Add("lots", "Give either quantity or lots, not both.");
        for (var i = 0; i < lots.Count; i++)
        {
            if (lots[i] is null) errors.Add($"lots[{i}]", "A lot line is required.");
            else RequestChecks.Required(errors, $"lots[{i}].quantity", lots[i]!.Quantity);
        }

        RequestChecks.Text(errors, "reason", body.Reason);
        if (errors.Any) return Problems.From(errors.ToFailure("The receipt is not valid."));
        var transfer = await Existing(grains, id);
        if (transfer is null) return NotFound(id);
        var product = catalog.Product(transfer.Sku);
        if (!product.IsSuccess) return Problems.From(product.Failure!);

        decimal? quantity = null;
        var lotQuantities = new List<LotQuantity>();
        if (body.Quantity is { } given)
        {
            var converted = RequestChecks.PositiveBaseQuantity(product.Value, given, body.Unit);
            if (!converted.IsSuccess) return Problems.From(converted.Failure!);
            quantity = converted.Value;
        }

        foreach (var lot in lots)
        {
            var converted = RequestChecks.PositiveBaseQuantity(product.Value, lot!.Quantity!.Value, body.Unit);
            if (!converted.IsSuccess) return Problems.From(converted.Failure!);
            lotQuantities.Add(new LotQuantity(lot.Lot, converted.Value));
        }

        var receipt = new TransferReceiptRequest(quantity, lotQuantities, body.Close ?? false, body.Reason, RequestIds.For(http));
        var result = await grains.GetGrain<ITransferGrain>(id).ReceiveAsync(receipt, UserActor.Of(http.User));
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Failure!);
    }

    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> Close(string id, TransferCloseDto body, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        RequestChecks.Text(errors, "reason", body.Reason);
        if (errors.Any) return Problems.From(errors.ToFailure("The close is not valid."));
        if (await Existing(grains, id) is null) return NotFound(id);
        var result = await grains.GetGrain<ITransferGrain>(id).CloseAsync(body.Reason, UserActor.Of(http.User));
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Failure!);
    }

    private static async Task<TransferView?> Existing(IGrainFactory grains, string id) =>
        RequestChecks.IsClientId(id) ? await grains.GetGrain<ITransferGrain>(id).GetAsync() : null;

    private static ProblemHttpResult NotFound(string id) =>
        Problems.Of(TransferErrorCodes.TransferNotFound, $"Transfer '{id}' does not exist.", new Dictionary<string, object?> { ["transferId"] = id });
}
