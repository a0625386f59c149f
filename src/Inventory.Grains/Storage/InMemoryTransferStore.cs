using System.Collections.Concurrent;
using Inventory.Grains.Transfers;

namespace Inventory.Grains.Storage;

/// <summary>Transfer records in memory, for tests of grains. Records are immutable, so no copies are needed.</summary>
public sealed class InMemoryTransferStore : ITransferStore
{
    private readonly ConcurrentDictionary<string, (TransferRecord Record, long Version)> _records = new(StringComparer.Ordinal);

    public Task<(TransferRecord Record, long Version)?> LoadAsync(string transferId, CancellationToken cancellationToken = default) =>
        Task.FromResult<(TransferRecord, long)?>(_records.TryGetValue(transferId, out var found) ? found : null);

    public Task<long> SaveAsync(TransferRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var next = expectedVersion + 1;
        if (expectedVersion == 0)
        {
            if (!_records.TryAdd(record.Id, (record, next)))
                throw new VersionConflictException($"Transfer {record.Id} already exists.");
        }
        else if (!_records.TryGetValue(record.Id, out var current) || current.Version != expectedVersion
                 || !_records.TryUpdate(record.Id, (record, next), current))
        {
            throw new VersionConflictException($"Transfer {record.Id} is not at version {expectedVersion}.");
        }

        return Task.FromResult(next);
    }

    public Task<IReadOnlyList<TransferRecord>> ListAsync(IReadOnlyCollection<TransferStatus> statuses, string? warehouse, int limit,
        CancellationToken cancellationToken = default)
    {
        var records = _records.Values.Select(v => v.Record)
            .Where(r => (statuses.Count == 0 || statuses.Contains(r.Status))
                && (warehouse is null || r.Request.From == warehouse || r.Request.To == warehouse))
            .OrderByDescending(r => r.CreatedAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToArray();
        return Task.FromResult<IReadOnlyList<TransferRecord>>(records);
    }
}
