namespace Inventory.Runtime;

internal enum EnqueueResult
{
    Queued,
    Overloaded,
    /// <summary>The activation is gone; look the grain up again.</summary>
    Gone,
}
