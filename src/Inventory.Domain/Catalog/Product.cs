namespace Inventory.Domain.Catalog;

/// <summary>
/// A product (SKU): how it is counted and how its stock is costed. Stock is always kept in the
/// <see cref="BaseUnit"/>; <see cref="Conversions"/> let clients speak in other units, converted exactly.
/// </summary>
public sealed record Product
{
    private Product(string sku, string name, ProductType type, string baseUnit, bool wholeBaseUnit,
        IReadOnlyList<UnitConversion> conversions, CostingMethod costingMethod, int leadTimeDays,
        IReadOnlyDictionary<string, string> metadata, RemovalStrategy? removalStrategy)
    {
        RemovalStrategy = removalStrategy;
        Sku = sku;
        Name = name;
        Type = type;
        BaseUnit = baseUnit;
        WholeBaseUnit = wholeBaseUnit;
        Conversions = conversions;
        CostingMethod = costingMethod;
        LeadTimeDays = leadTimeDays;
        Metadata = metadata;
    }

    public string Sku { get; }
    public string Name { get; }
    public ProductType Type { get; }
    public string BaseUnit { get; }
    /// <summary>The base unit cannot be split (pieces): every stock quantity must be a whole number of it.</summary>
    public bool WholeBaseUnit { get; }
    public IReadOnlyList<UnitConversion> Conversions { get; }
    public CostingMethod CostingMethod { get; }
    public int LeadTimeDays { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }
    /// <summary>Which stock a pick takes first; null follows the costing method (FIFO and AVERAGE: FIFO, LIFO: LIFO).</summary>
    public RemovalStrategy? RemovalStrategy { get; }

    /// <summary>Validates every field and returns the product, or one VALIDATION_FAILED listing every problem.</summary>
    public static Result<Product> Define(string sku, string? name, ProductType type, string? baseUnit, bool wholeBaseUnit,
        IReadOnlyList<UnitConversion>? conversions, CostingMethod costingMethod, int leadTimeDays,
        IReadOnlyDictionary<string, string>? metadata, RemovalStrategy? removalStrategy = null)
    {
        var errors = new FieldErrors();
        errors.Require(removalStrategy is null || Enum.IsDefined(removalStrategy.Value), "removalStrategy",
            "Removal strategy must be FIFO, LIFO or FEFO (or absent to follow the costing method).");
        errors.Require(CatalogRules.IsCode(sku), "sku", "A SKU is " + CatalogRules.CodeRule);
        errors.Require(CatalogRules.IsText(name, CatalogRules.MaxNameLength), "name",
            $"A name is required (at most {CatalogRules.MaxNameLength} characters, no control characters).");
        errors.Require(Enum.IsDefined(type), "type", "Type must be RAW, SEMI or FINISHED.");
        errors.Require(Enum.IsDefined(costingMethod), "costingMethod", "Costing method must be FIFO, LIFO or AVERAGE.");
        errors.Require(IsUnit(baseUnit), "baseUnit", $"A base unit is required (1-{CatalogRules.MaxUnitLength} characters, no spaces).");
        errors.Require(leadTimeDays is >= 0 and <= CatalogRules.MaxLeadTimeDays, "leadTimeDays",
            $"Lead time must be between 0 and {CatalogRules.MaxLeadTimeDays} days.");

        conversions ??= [];
        errors.Require(conversions.Count <= CatalogRules.MaxConversions, "conversions", $"At most {CatalogRules.MaxConversions} unit conversions.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (IsUnit(baseUnit)) seen.Add(baseUnit!);
        for (var i = 0; i < conversions.Count; i++)
        {
            var conversion = conversions[i];
            var field = $"conversions[{i}]";
            if (conversion is null)
            {
                errors.Add(field, "A conversion is required.");
                continue;
            }

            if (!IsUnit(conversion.Unit))
                errors.Add(field + ".unit", $"A unit is required (1-{CatalogRules.MaxUnitLength} characters, no spaces).");
            else if (!seen.Add(conversion.Unit))
                errors.Add(field + ".unit", $"Unit '{conversion.Unit}' is defined twice (or is the base unit).");
            errors.Require(conversion.Factor > 0 && conversion.Factor <= StockPosition.MaxQuantity, field + ".factor",
                "The factor (base units per 'per' of this unit) must be greater than zero.");
            errors.Require(conversion.Per > 0 && conversion.Per <= StockPosition.MaxQuantity, field + ".per",
                "'per' (how many of this unit make 'factor' base units) must be greater than zero.");
            if (conversion.Factor > 0 && conversion.Per > 0 && wholeBaseUnit && conversion.Whole
                && !(ExactDecimal.TryMultiplyDivide(1m, conversion.Factor, conversion.Per, out var perUnit) && ExactDecimal.IsWhole(perUnit)))
                errors.Add(field + ".factor", "A whole unit of a whole base unit must hold a whole number of base units.");
        }

        metadata ??= new Dictionary<string, string>();
        errors.Require(metadata.Count <= CatalogRules.MaxMetadataEntries, "metadata", $"At most {CatalogRules.MaxMetadataEntries} metadata entries.");
        foreach (var (key, value) in metadata)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > CatalogRules.MaxCodeLength || value is null || !CatalogRules.IsOptionalText(value, CatalogRules.MaxMetadataValueLength))
                errors.Add("metadata", $"Metadata keys are 1-{CatalogRules.MaxCodeLength} characters, values at most {CatalogRules.MaxMetadataValueLength}, no control characters.");
        }

        if (errors.Any)
            return errors.ToFailure($"Product '{sku}' is not valid.");
        return new Product(sku, name!.Trim(), type, baseUnit!, wholeBaseUnit, [.. conversions],
            costingMethod, leadTimeDays, new Dictionary<string, string>(metadata, StringComparer.Ordinal), removalStrategy);
    }

    /// <summary>Every unit a quantity of this product may be given in: the base unit first.</summary>
    public IEnumerable<string> Units => Conversions.Select(c => c.Unit).Prepend(BaseUnit);

    /// <summary>
    /// <paramref name="quantity"/> in <paramref name="unit"/> (null: the base unit) as base units, exactly.
    /// Refuses (UNIT_NOT_CONVERTIBLE) an unknown unit, a fraction of a whole unit, a result that would split a
    /// whole base unit, and a product that decimal cannot hold without rounding. The sign is kept.
    /// </summary>
    public Result<decimal> ToBaseUnits(decimal quantity, string? unit)
    {
        if (unit is null || string.Equals(unit, BaseUnit, StringComparison.OrdinalIgnoreCase))
        {
            return WholeBaseUnit && !ExactDecimal.IsWhole(quantity)
                ? CatalogFailures.SplitsWholeUnit(Sku, quantity, BaseUnit)
                : quantity;
        }

        var conversion = Conversions.FirstOrDefault(c => string.Equals(c.Unit, unit, StringComparison.OrdinalIgnoreCase));
        if (conversion is null)
            return CatalogFailures.UnknownUnit(Sku, unit, Units);
        if (conversion.Whole && !ExactDecimal.IsWhole(quantity))
            return CatalogFailures.SplitsWholeUnit(Sku, quantity, conversion.Unit);
        if (!ExactDecimal.TryMultiplyDivide(quantity, conversion.Factor, conversion.Per, out var baseQuantity))
            return CatalogFailures.InexactConversion(Sku, quantity, conversion.Unit);
        if (WholeBaseUnit && !ExactDecimal.IsWhole(baseQuantity))
            return CatalogFailures.SplitsWholeUnit(Sku, baseQuantity, BaseUnit);
        return baseQuantity;
    }

    /// <summary>
    /// The fields of <paramref name="next"/> that would change what the stock already held means: its costing method
    /// (revalues the layers), its base unit or whole-unit rule (reinterprets every quantity), and the factor of a unit
    /// that stays (reinterprets quantities given in it). Adding or dropping a unit changes nothing held. Empty when
    /// <paramref name="next"/> may replace this product whatever its stock.
    /// </summary>
    public IReadOnlyList<string> ChangesToHeldStock(Product next)
    {
        var fields = new List<string>();
        if (next.CostingMethod != CostingMethod) fields.Add("costingMethod");
        if (next.BaseUnit != BaseUnit) fields.Add("baseUnit");
        if (next.WholeBaseUnit != WholeBaseUnit) fields.Add("wholeBaseUnit");
        foreach (var conversion in Conversions)
        {
            if (next.Conversions.FirstOrDefault(c => c.Unit == conversion.Unit) is { } kept && kept != conversion)
                fields.Add($"conversions[{conversion.Unit}]");
        }
        return fields;
    }

    private static bool IsUnit(string? unit) =>
        !string.IsNullOrEmpty(unit) && unit.Length <= CatalogRules.MaxUnitLength && !unit.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) && !unit.Contains('/');
}
