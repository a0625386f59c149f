namespace Inventory.Grains.Events;

/// <summary>A stream: a namespace (a kind of event source) plus a key within it.</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    public override string ToString() => $"{Namespace}/{Key}";
}
