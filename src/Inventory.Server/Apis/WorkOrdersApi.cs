using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Domain.Manufacturing;
using Inventory.Grains.WorkOrders;
using Inventory.Server.Application.Catalog;
using Inventory.Server.Infrastructure;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Server.Infrastructure.Idempotency;
using Inventory.Server.Model;
using Inventory.Storage.Postgres.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Server.Apis;

/// <summary>
/// /api/v1/boms and /api/v1/work-orders: bills of materials, and work orders that reserve their materials all or
/// nothing, consume them at their layer cost on completion and receive the finished goods at that cost per unit.
/// </summary>
public static class WorkOrdersApi
{
    public static IEndpointRouteBuilder MapWorkOrdersApi(this IEndpointRouteBuilder app)
    {
        var boms = app.MapGroup("/api/v1/boms").WithTags("Work orders");
        boms.MapPut("/{sku}", PutBom).RequireAuthorization(Policies.ManageBoms)
            .WithSummary("Create (201) or replace (200) the bill of materials of a product: components [{sku, warehouse, quantityPerUnit}].");
        boms.MapGet("/{sku}", GetBom).RequireAuthorization(Policies.Read);
        boms.MapGet("/", ListBoms).RequireAuthorization(Policies.Read);

        var orders = app.MapGroup("/api/v1/work-orders").WithTags("Work orders");
        orders.MapPost("/", Create).RequireAuthorization(Policies.Manufacture)
            .WithSummary("Create a work order for quantity units: reserves every material of the bill of materials, all or nothing.");
        orders.MapPost("/{id}/complete", Complete).RequireAuthorization(Policies.Manufacture)
            .WithSummary("Consume the materials (cost from their layers) and receive the finished goods at material cost / quantity.");
        orders.MapPost("/{id}/cancel", Cancel).RequireAuthorization(Policies.Manufacture)
            .WithSummary("Release the materials.");
        orders.MapGet("/{id}", Get).RequireAuthorization(Policies.Read);
        orders.MapGet("/", List).RequireAuthorization(Policies.Read)
            .WithSummary("Work orders (filters: status, sku; paging: after, limit).");
        return app;
    }

    public static async Task<Results<Created<BomResponse>, Ok<BomResponse>, ProblemHttpResult>> PutBom(
        string sku, BomRequest body, HttpContext http, InventoryCatalog catalog, BomRepository boms, CancellationToken cancellationToken)
    {
        var components = body.Components?.Select(c => c is null ? null : new BomComponent(c.Sku!, c.Warehouse!, c.QuantityPerUnit ?? 0m)).ToList();
        var defined = BillOfMaterials.Define(sku, components, UserActor.Of(http.User).User, Grains.Timestamps.ToMicroseconds(DateTimeOffset.UtcNow));
        if (!defined.IsSuccess) return Problems.From(defined.Failure!);
        var bom = defined.Value;
        if (catalog.Product(bom.Sku) is { IsSuccess: false } missing) return Problems.From(missing.Failure!);
        foreach (var c in bom.Components)
        {
            var resolved = catalog.Position(c.Warehouse, c.Sku);
            if (!resolved.IsSuccess) return Problems.From(resolved.Failure!);
            // A per-unit quantity that splits a whole base unit (half a screw) could never be issued.
            var whole = resolved.Value.Product.ToBaseUnits(c.QuantityPerUnit, null);
            if (!whole.IsSuccess) return Problems.From(whole.Failure!);
        }

        var created = await boms.UpsertAsync(bom, cancellationToken);
        var response = BomResponse.Of(bom);
        return created ? TypedResults.Created($"/api/v1/boms/{Uri.EscapeDataString(bom.Sku)}", response) : TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<BomResponse>, ProblemHttpResult>> GetBom(string sku, BomRepository boms, CancellationToken cancellationToken) =>
        await boms.GetAsync(sku, cancellationToken) is { } bom ? TypedResults.Ok(BomResponse.Of(bom)) : Problems.From(BomNotFound(sku));

    public static async Task<Ok<BomListResponse>> ListBoms(BomRepository boms, CancellationToken cancellationToken) =>
        TypedResults.Ok(new BomListResponse([.. (await boms.ListAsync(cancellationToken)).Select(BomResponse.Of)]));

    public static async Task<Results<Created<WorkOrderView>, ProblemHttpResult>> Create(
        WorkOrderRequestDto body, HttpContext http, InventoryCatalog catalog, BomRepository boms, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (body.WorkOrderId is not null && !RequestChecks.IsClientId(body.WorkOrderId))
            errors.Add("workOrderId", "A work order id is " + RequestChecks.ClientIdRule);
        RequestChecks.Required(errors, "sku", body.Sku);
        RequestChecks.Required(errors, "quantity", body.Quantity);
        RequestChecks.Required(errors, "warehouse", body.Warehouse);
        RequestChecks.Text(errors, "reference", body.Reference);
        if (errors.Any) return Problems.From(errors.ToFailure("The work order is not valid."));

        var resolved = catalog.Position(body.Warehouse!, body.Sku!);
        if (!resolved.IsSuccess) return Problems.From(resolved.Failure!);
        var (product, place) = resolved.Value;
        if (place.CheckCanReceive() is { } cannot) return Problems.From(cannot);
        var quantity = RequestChecks.PositiveBaseQuantity(product, body.Quantity!.Value, body.Unit);
        if (!quantity.IsSuccess) return Problems.From(quantity.Failure!);
        var bom = await boms.GetAsync(product.Sku, cancellationToken);
        if (bom is null) return Problems.From(BomNotFound(product.Sku));
        var materials = bom.Requirements(quantity.Value);
        if (!materials.IsSuccess) return Problems.From(materials.Failure!);
        foreach (var m in materials.Value)
        {
            var component = catalog.Position(m.Warehouse, m.Sku);
            if (!component.IsSuccess) return Problems.From(component.Failure!);
            if (component.Value.Warehouse.CheckCanShip() is { } cannotShip) return Problems.From(cannotShip);
            var whole = component.Value.Product.ToBaseUnits(m.Quantity, null);
            if (!whole.IsSuccess) return Problems.From(whole.Failure!);
        }

        var id = body.WorkOrderId ?? (RequestIds.For(http) is { } key ? "wo-" + key : "wo-" + Guid.NewGuid().ToString("N"));
        var request = new WorkOrderRequest(product.Sku, quantity.Value, place.Code, materials.Value, body.Reference);
        var result = await grains.GetGrain<IWorkOrderGrain>(id).CreateAsync(request, UserActor.Of(http.User));
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/work-orders/{Uri.EscapeDataString(id)}", result.Value)
            : Problems.From(result.Failure!);
    }

    public static async Task<Results<Ok<WorkOrderView>, ProblemHttpResult>> Complete(string id, HttpContext http, IGrainFactory grains) =>
        Answer(RequestChecks.IsClientId(id) ? await grains.GetGrain<IWorkOrderGrain>(id).CompleteAsync(UserActor.Of(http.User)) : NotFound(id));

    public static async Task<Results<Ok<WorkOrderView>, ProblemHttpResult>> Cancel(string id, HttpContext http, IGrainFactory grains) =>
        Answer(RequestChecks.IsClientId(id) ? await grains.GetGrain<IWorkOrderGrain>(id).CancelAsync(UserActor.Of(http.User)) : NotFound(id));

    public static async Task<Results<Ok<WorkOrderView>, ProblemHttpResult>> Get(string id, IGrainFactory grains)
    {
        var view = RequestChecks.IsClientId(id) ? await grains.GetGrain<IWorkOrderGrain>(id).GetAsync() : null;
        return view is null ? Problems.From(NotFound(id)) : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<WorkOrderListResponse>, ProblemHttpResult>> List(
        BomRepository boms, IGrainFactory grains, CancellationToken cancellationToken,
        string? status = null, string? sku = null, string? after = null, int limit = InventoryLimits.DefaultPageSize)
    {
        var errors = new FieldErrors();
        errors.Require(limit is >= 1 and <= InventoryLimits.MaxPageSize, "limit", $"limit must be between 1 and {InventoryLimits.MaxPageSize}.");
        if (status is not null && !RequestChecks.TryParseName<WorkOrderStatus>(status, out _))
            errors.Add("status", "status must be one of: pending, reserved, completing, completed, cancelled, failed.");
        if (errors.Any) return Problems.From(errors.ToFailure("The work order query is not valid."));

        var ids = await boms.ListWorkOrderIdsAsync(status?.ToLowerInvariant(), sku, after, limit, cancellationToken);
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IWorkOrderGrain>(id).GetAsync()));
        return TypedResults.Ok(new WorkOrderListResponse([.. views.OfType<WorkOrderView>()], ids.Count == limit ? ids[^1] : null));
    }

    private static Results<Ok<WorkOrderView>, ProblemHttpResult> Answer(Result<WorkOrderView> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Failure!);

    private static Failure NotFound(string id) =>
        new(ManufacturingErrorCodes.WorkOrderNotFound, $"Work order '{id}' does not exist.", new Dictionary<string, object?> { ["workOrderId"] = id });

    private static Failure BomNotFound(string sku) =>
        new(ManufacturingErrorCodes.BomNotFound, $"Product '{sku}' has no bill of materials.", new Dictionary<string, object?> { ["sku"] = sku });
}
