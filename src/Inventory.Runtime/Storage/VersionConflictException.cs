namespace Inventory.Runtime;

/// <summary>
/// A write expected a version that is no longer current: another writer won. When a grain turn or a commit
/// throws this, the runtime deactivates the activation (<see cref="DeactivationReason.StateConflict"/>) so the
/// next call reloads state.
/// </summary>
public sealed class VersionConflictException : Exception
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
