using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Server.Application.Catalog;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Server.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Server.Apis;

/// <summary>/api/v1/warehouses and /api/v1/products: the catalog. PUT creates (201) or replaces (200).</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var warehouses = app.MapGroup("/api/v1/warehouses").WithTags("Catalog");
        warehouses.MapGet("/", ListWarehouses).RequireAuthorization(Policies.Read);
        warehouses.MapGet("/{code}", GetWarehouse).RequireAuthorization(Policies.Read);
        warehouses.MapPut("/{code}", PutWarehouse).RequireAuthorization(Policies.ManageWarehouses)
            .WithSummary("Create or replace a warehouse (type: warehouse, showroom, supplier, transit).");

        var products = app.MapGroup("/api/v1/products").WithTags("Catalog");
        products.MapGet("/", ListProducts).RequireAuthorization(Policies.Read);
        products.MapGet("/{sku}", GetProduct).RequireAuthorization(Policies.Read);
        products.MapPut("/{sku}", PutProduct).RequireAuthorization(Policies.ManageProducts)
            .WithSummary("Create or replace a product (type RAW/SEMI/FINISHED, base unit, conversions, costing method FIFO/LIFO/AVERAGE).");
        return app;
    }

    public static Ok<WarehouseResponse[]> ListWarehouses(InventoryCatalog catalog) =>
        TypedResults.Ok(catalog.Warehouses.Select(WarehouseResponse.Of).ToArray());

    public static Results<Ok<WarehouseResponse>, ProblemHttpResult> GetWarehouse(string code, InventoryCatalog catalog) =>
        catalog.FindWarehouse(code) is { } warehouse
            ? TypedResults.Ok(WarehouseResponse.Of(warehouse))
            : Problems.From(CatalogFailures.WarehouseNotFound(code));

    public static async Task<Results<Ok<WarehouseResponse>, Created<WarehouseResponse>, ProblemHttpResult>> PutWarehouse(
        string code, WarehouseRequest body, InventoryCatalog catalog, CancellationToken cancellationToken)
    {
        var type = WarehouseType.Warehouse;
        if (body.Type is not null && !RequestChecks.TryParseName(body.Type, out type))
            return Problems.Validation("type", "type must be warehouse, showroom, supplier or transit.");
        var defined = Warehouse.Define(code, body.Name, type, body.CanShip ?? true, body.CanReceive ?? true, body.IsDefault ?? false);
        if (!defined.IsSuccess) return Problems.From(defined.Failure!);

        var created = await catalog.SaveWarehouseAsync(defined.Value, cancellationToken);
        var response = WarehouseResponse.Of(defined.Value);
        return created ? TypedResults.Created($"/api/v1/warehouses/{code}", response) : TypedResults.Ok(response);
    }

    public static Ok<ProductResponse[]> ListProducts(InventoryCatalog catalog) =>
        TypedResults.Ok(catalog.Products.Select(ProductResponse.Of).ToArray());

    public static Results<Ok<ProductResponse>, ProblemHttpResult> GetProduct(string sku, InventoryCatalog catalog) =>
        catalog.FindProduct(sku) is { } product
            ? TypedResults.Ok(ProductResponse.Of(product))
            : Problems.From(CatalogFailures.ProductNotFound(sku));

    public static async Task<Results<Ok<ProductResponse>, Created<ProductResponse>, ProblemHttpResult>> PutProduct(
        string sku, ProductRequest body, InventoryCatalog catalog, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var type = ProductType.Finished;
        if (!RequestChecks.TryParseName(body.Type, out type))
            errors.Add("type", "type must be RAW, SEMI or FINISHED.");
        var method = CostingMethod.Fifo;
        if (body.CostingMethod is not null && !RequestChecks.TryParseName(body.CostingMethod, out method))
            errors.Add("costingMethod", "costingMethod must be FIFO, LIFO or AVERAGE.");
        RemovalStrategy? removal = null;
        if (body.RemovalStrategy is not null)
        {
            if (RequestChecks.TryParseName<RemovalStrategy>(body.RemovalStrategy, out var strategy)) removal = strategy;
            else errors.Add("removalStrategy", "removalStrategy must be FIFO, LIFO or FEFO (absent: follow the costing method).");
        }
        var conversions = new List<UnitConversion>();
        for (var i = 0; i < (body.Conversions?.Count ?? 0); i++)
        {
            var c = body.Conversions![i];
            if (c?.Unit is null || c.Factor is null)
            {
                errors.Add($"conversions[{i}]", "A conversion needs a unit and a factor (base units per 1 of the unit).");
                continue;
            }

            conversions.Add(new UnitConversion(c.Unit, c.Factor.Value, c.Whole ?? false, c.Per ?? 1m));
        }

        if (errors.Any) return Problems.From(errors.ToFailure($"Product '{sku}' is not valid."));
        var defined = Product.Define(sku, body.Name, type, body.BaseUnit, body.WholeBaseUnit ?? false, conversions, method,
            body.LeadTimeDays ?? 0, body.Metadata, removal);
        if (!defined.IsSuccess) return Problems.From(defined.Failure!);

        var saved = await catalog.SaveProductAsync(defined.Value, cancellationToken);
        if (!saved.IsSuccess) return Problems.From(saved.Failure!);
        var response = ProductResponse.Of(defined.Value);
        return saved.Value ? TypedResults.Created($"/api/v1/products/{sku}", response) : TypedResults.Ok(response);
    }
}
