using System.Collections.Concurrent;
using System.Text.Json;

namespace Inventory.Runtime;

/// <summary>
/// <see cref="IGrainStorage"/> in process memory, for tests and demos. Keeps a JSON copy of each state
/// (System.Text.Json, web defaults) so callers never alias stored objects.
/// </summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<(string StateName, string Key), Entry> _entries = new();

    public Task<StoredState<T>?> ReadAsync<T>(string stateName, string key, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (!_entries.TryGetValue(Address(stateName, key), out var entry))
            return Task.FromResult<StoredState<T>?>(null);
        var state = JsonSerializer.Deserialize<T>(entry.Json, Json)!;
        return Task.FromResult<StoredState<T>?>(new StoredState<T>(state, entry.Version));
    }

    public Task<long> WriteAsync<T>(string stateName, string key, T state, long expectedVersion, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ct.ThrowIfCancellationRequested();
        var address = Address(stateName, key);
        var written = new Entry(JsonSerializer.SerializeToUtf8Bytes(state, Json), expectedVersion + 1);
        if (expectedVersion == 0)
        {
            if (!_entries.TryAdd(address, written))
                throw Conflict(address, expectedVersion);
        }
        else if (!_entries.TryGetValue(address, out var current)
                 || current.Version != expectedVersion
                 || !_entries.TryUpdate(address, written, current))
        {
            throw Conflict(address, expectedVersion);
        }
        return Task.FromResult(written.Version);
    }

    public Task DeleteAsync(string stateName, string key, long expectedVersion, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ct.ThrowIfCancellationRequested();
        var address = Address(stateName, key);
        if (!_entries.TryGetValue(address, out var current))
        {
            if (expectedVersion != 0)
                throw Conflict(address, expectedVersion);
            return Task.CompletedTask;
        }
        if (current.Version != expectedVersion || !_entries.TryRemove(KeyValuePair.Create(address, current)))
            throw Conflict(address, expectedVersion);
        return Task.CompletedTask;
    }

    private static (string, string) Address(string stateName, string key)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(key);
        return (stateName, key);
    }

    private VersionConflictException Conflict((string StateName, string Key) address, long expectedVersion)
    {
        var actual = _entries.TryGetValue(address, out var current) ? current.Version : 0;
        return new VersionConflictException(
            $"State '{address.StateName}' of '{address.Key}' is at version {actual}, not the expected {expectedVersion}.");
    }

    // A class, not a record: TryUpdate/TryRemove must compare by reference, i.e. "still the entry I read".
    private sealed class Entry(byte[] json, long version)
    {
        public byte[] Json { get; } = json;
        public long Version { get; } = version;
    }
}
