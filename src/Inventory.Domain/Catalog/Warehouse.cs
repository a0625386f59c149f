namespace Inventory.Domain.Catalog;

/// <summary>A place that holds stock, and whether stock may leave it (ship) or arrive in it (receive).</summary>
public sealed record Warehouse
{
    private Warehouse(string code, string name, WarehouseType type, bool canShip, bool canReceive, bool isDefault)
    {
        Code = code;
        Name = name;
        Type = type;
        CanShip = canShip;
        CanReceive = canReceive;
        IsDefault = isDefault;
    }

    public string Code { get; }
    public string Name { get; }
    public WarehouseType Type { get; }
    public bool CanShip { get; }
    public bool CanReceive { get; }
    /// <summary>At most one warehouse is the default; making one the default unmarks the previous one.</summary>
    public bool IsDefault { get; }

    public static Result<Warehouse> Define(string code, string? name, WarehouseType type, bool canShip, bool canReceive, bool isDefault)
    {
        var errors = new FieldErrors();
        errors.Require(CatalogRules.IsCode(code), "code", "A warehouse code is " + CatalogRules.CodeRule);
        errors.Require(CatalogRules.IsText(name, CatalogRules.MaxNameLength), "name",
            $"A name is required (at most {CatalogRules.MaxNameLength} characters, no control characters).");
        errors.Require(Enum.IsDefined(type), "type", "Type must be warehouse, showroom, supplier or transit.");
        if (errors.Any)
            return errors.ToFailure($"Warehouse '{code}' is not valid.");
        return new Warehouse(code, name!.Trim(), type, canShip, canReceive, isDefault);
    }

    /// <summary>The same warehouse, no longer the default (another one became it).</summary>
    public Warehouse WithoutDefault() => new(Code, Name, Type, CanShip, CanReceive, isDefault: false);

    public Failure? CheckCanReceive() => CanReceive ? null : CatalogFailures.WarehouseCannotReceive(Code);

    public Failure? CheckCanShip() => CanShip ? null : CatalogFailures.WarehouseCannotShip(Code);
}
