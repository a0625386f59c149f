using System.Collections.Concurrent;
using Inventory.Grains.Approvals;

namespace Inventory.Grains.Storage;

/// <summary>Approval records in memory, for tests of grains.</summary>
public sealed class InMemoryApprovalStore : IApprovalStore
{
    private readonly ConcurrentDictionary<string, (ApprovalRecord Record, long Version)> _records = new(StringComparer.Ordinal);

    public Task<(ApprovalRecord Record, long Version)?> LoadAsync(string approvalId, CancellationToken cancellationToken = default) =>
        Task.FromResult<(ApprovalRecord, long)?>(_records.TryGetValue(approvalId, out var found) ? found : null);

    public Task<long> SaveAsync(ApprovalRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var next = expectedVersion + 1;
        if (expectedVersion == 0)
        {
            if (!_records.TryAdd(record.Id, (record, next)))
                throw new VersionConflictException($"Approval {record.Id} already exists.");
        }
        else if (!_records.TryGetValue(record.Id, out var current) || current.Version != expectedVersion
                 || !_records.TryUpdate(record.Id, (record, next), current))
        {
            throw new VersionConflictException($"Approval {record.Id} is not at version {expectedVersion}.");
        }

        return Task.FromResult(next);
    }

    public Task<IReadOnlyList<ApprovalRecord>> ListAsync(IReadOnlyCollection<ApprovalStatus> statuses, string? warehouse, int limit,
        CancellationToken cancellationToken = default)
    {
        var records = _records.Values.Select(v => v.Record)
            .Where(r => (statuses.Count == 0 || statuses.Contains(r.Status)) && (warehouse is null || r.Submission.Warehouse == warehouse))
            .OrderBy(r => r.RequestedAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToArray();
        return Task.FromResult<IReadOnlyList<ApprovalRecord>>(records);
    }
}
