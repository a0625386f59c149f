using Orleans.Storage;

namespace Inventory.Grains.Storage;

/// <summary>
/// A write expected a version that is no longer current: another writer (another activation, another node) won.
/// It is Orleans' <see cref="InconsistentStateException"/>, so when it leaves a grain call Orleans deactivates that
/// activation and the next call reloads the stored state.
/// </summary>
[GenerateSerializer, Alias("inv.VersionConflictException")]
public sealed class VersionConflictException : InconsistentStateException
{
    public VersionConflictException()
        : base("The stored version changed.")
    {
    }

    public VersionConflictException(string message)
        : base(message)
    {
    }

    public VersionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
