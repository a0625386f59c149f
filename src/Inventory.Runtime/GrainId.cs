namespace Inventory.Runtime;

/// <summary>The identity of a grain: the short name of its grain interface plus its key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
