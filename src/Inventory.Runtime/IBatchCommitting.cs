namespace Inventory.Runtime;

/// <summary>
/// Group commit. An activation of a grain class that implements this drains up to
/// <see cref="GrainRuntimeOptions.MaxBatchSize"/> queued calls, runs each as its own turn in order (an exception
/// fails that call only), then awaits <see cref="CommitBatchAsync"/> once and only then answers the callers.
/// </summary>
/// <remarks>
/// If the commit throws, every call of the batch fails with that exception and the activation is deactivated
/// (<see cref="DeactivationReason.CommitFailed"/>, or <see cref="DeactivationReason.StateConflict"/> for a
/// <see cref="VersionConflictException"/>); calls still queued go to the next activation, which reloads state.
/// Timer ticks are turns of their own between batches and are not followed by a commit: a tick that changes
/// state commits it itself.
/// </remarks>
public interface IBatchCommitting
{
    Task CommitBatchAsync(CancellationToken cancellationToken);
}
