using Inventory.Domain.Catalog;

namespace Inventory.Domain.Manufacturing;

/// <summary>
/// What one unit of a finished product is made of (single level: components are consumed, never built here).
/// A component names its warehouse, so materials may come from several places.
/// </summary>
[GenerateSerializer, Alias("inv.BillOfMaterials"), Immutable]
public sealed record BillOfMaterials(string Sku, IReadOnlyList<BomComponent> Components, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public const int MaxComponents = 100;

    /// <summary>Validates every component: codes, positive quantities, no component twice, not the product itself.</summary>
    public static Result<BillOfMaterials> Define(string sku, IReadOnlyList<BomComponent?>? components, string updatedBy, DateTimeOffset updatedAt)
    {
        var errors = new FieldErrors();
        errors.Require(CatalogRules.IsCode(sku), "sku", "A SKU is " + CatalogRules.CodeRule);
        if (components is null || components.Count == 0)
            errors.Add("components", "A bill of materials needs at least one component.");
        else if (components.Count > MaxComponents)
            errors.Add("components", $"At most {MaxComponents} components.");
        else
        {
            var seen = new HashSet<(string, string)>();
            for (var i = 0; i < components.Count; i++)
            {
                var c = components[i];
                var field = $"components[{i}]";
                if (c is null)
                {
                    errors.Add(field, "A component is required.");
                    continue;
                }

                errors.Require(CatalogRules.IsCode(c.Sku), field + ".sku", "A SKU is " + CatalogRules.CodeRule);
                errors.Require(CatalogRules.IsCode(c.Warehouse), field + ".warehouse", "A warehouse is " + CatalogRules.CodeRule);
                errors.Require(c.QuantityPerUnit > 0 && c.QuantityPerUnit <= StockPosition.MaxQuantity, field + ".quantityPerUnit",
                    "quantityPerUnit must be greater than zero.");
                if (c.Sku == sku)
                    errors.Add(field + ".sku", "A product cannot be a component of itself.");
                else if (c.Sku is not null && c.Warehouse is not null && !seen.Add((c.Sku, c.Warehouse)))
                    errors.Add(field, $"{c.Sku} from {c.Warehouse} is listed twice; give its total quantity once.");
            }
        }

        if (errors.Any)
            return errors.ToFailure($"The bill of materials of '{sku}' is not valid.");
        return new BillOfMaterials(sku, [.. components!.Select(c => c!)], updatedBy, updatedAt);
    }

    /// <summary>The materials for <paramref name="units"/> finished units: quantity per unit x units, exact or refused.</summary>
    public Result<IReadOnlyList<MaterialRequirement>> Requirements(decimal units)
    {
        if (units <= 0) return Failure.InvalidQuantity(units);
        var lines = new List<MaterialRequirement>(Components.Count);
        foreach (var c in Components)
        {
            if (!ExactDecimal.TryMultiply(c.QuantityPerUnit, units, out var quantity) || quantity > StockPosition.MaxQuantity)
                return Failure.QuantityTooLarge(units, StockPosition.MaxQuantity);
            lines.Add(new MaterialRequirement(c.Sku, c.Warehouse, quantity));
        }

        return lines;
    }
}
