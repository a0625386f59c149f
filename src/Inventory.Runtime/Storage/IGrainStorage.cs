namespace Inventory.Runtime;

/// <summary>Versioned state storage: every write names the version it replaces, so a lost update is impossible.</summary>
public interface IGrainStorage
{
    /// <summary>The stored state, or null when there is none.</summary>
    Task<StoredState<T>?> ReadAsync<T>(string stateName, string key, CancellationToken ct = default);

    /// <summary>
    /// Writes when the stored version equals <paramref name="expectedVersion"/> (0 means "must not exist yet").
    /// Returns the new version (expected + 1). Throws <see cref="VersionConflictException"/> on mismatch.
    /// </summary>
    Task<long> WriteAsync<T>(string stateName, string key, T state, long expectedVersion, CancellationToken ct = default);

    /// <summary>
    /// Deletes when the stored version equals <paramref name="expectedVersion"/>; deleting nothing with expected
    /// version 0 succeeds. Throws <see cref="VersionConflictException"/> on mismatch.
    /// </summary>
    Task DeleteAsync(string stateName, string key, long expectedVersion, CancellationToken ct = default);
}
