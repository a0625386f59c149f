using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Runtime;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Catalog;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Server.Infrastructure.Idempotency;
using Inventory.Server.Model;
using Inventory.Server.Transfers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Server.Apis;

/// <summary>/api/v1/transfers: move stock between warehouses exactly once per transfer id, at the source's cost.</summary>
public static class TransfersApi
{
    public static IEndpointRouteBuilder MapTransfersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/transfers").WithTags("Transfers");
        api.MapPost("/", Create).RequireAuthorization(Policies.MoveStock)
            .WithSummary("Issue at the source (by its costing method) and receive at the destination at the same unit cost.");
        api.MapGet("/{id}", Get).RequireAuthorization(Policies.Read);
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
        var request = new TransferRequest(from.Value.Code, to.Value.Code, product.Value.Sku, quantity.Value, body.Reference);
        var result = await grains.GetGrain<ITransferGrain>(id).ExecuteAsync(request, UserActor.Of(http.User));
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/transfers/{Uri.EscapeDataString(id)}", result.Value)
            : Problems.From(result.Failure!);
    }

    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> Get(string id, IGrainFactory grains)
    {
        var view = RequestChecks.IsClientId(id) ? await grains.GetGrain<ITransferGrain>(id).GetAsync() : null;
        return view is null
            ? Problems.Of(HttpErrorCodes.TransferNotFound, $"Transfer '{id}' does not exist.", new Dictionary<string, object?> { ["transferId"] = id })
            : TypedResults.Ok(view);
    }
}
