namespace Inventory.Domain;

/// <summary>How a position's issues are costed from its cost layers.</summary>
public enum CostingMethod
{
    Fifo,
    Lifo,
    Average,
}
