namespace Inventory.Runtime;

public enum DeactivationReason
{
    /// <summary>No calls for <see cref="GrainRuntimeOptions.CollectionAge"/>.</summary>
    IdleCollection,

    /// <summary>The grain called DeactivateOnIdle or an admin called <see cref="GrainRuntime.DeactivateAsync"/>.</summary>
    Requested,

    /// <summary>A turn or a commit threw <see cref="VersionConflictException"/>: another writer won, in-memory state is stale.</summary>
    StateConflict,

    /// <summary><see cref="IBatchCommitting.CommitBatchAsync"/> threw: in-memory state is ahead of storage.</summary>
    CommitFailed,

    /// <summary>The runtime is stopping.</summary>
    Shutdown,
}
