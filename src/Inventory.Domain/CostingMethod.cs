namespace Inventory.Domain;

/// <summary>How a position's issues are costed from its cost layers.</summary>
[GenerateSerializer, Alias("inv.CostingMethod")]
public enum CostingMethod
{
    Fifo,
    Lifo,
    Average,
}
