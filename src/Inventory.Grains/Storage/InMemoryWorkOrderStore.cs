using System.Collections.Concurrent;
using Inventory.Grains.WorkOrders;

namespace Inventory.Grains.Storage;

/// <summary>Work orders in memory, for tests of grains.</summary>
public sealed class InMemoryWorkOrderStore : IWorkOrderStore
{
    private readonly ConcurrentDictionary<string, (WorkOrderState State, long Version)> _states = new(StringComparer.Ordinal);

    public Task<(WorkOrderState State, long Version)?> LoadAsync(string workOrderId, CancellationToken cancellationToken = default) =>
        Task.FromResult<(WorkOrderState, long)?>(_states.TryGetValue(workOrderId, out var found) ? found : null);

    public Task<long> SaveAsync(WorkOrderState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var next = expectedVersion + 1;
        var saved = expectedVersion == 0
            ? _states.TryAdd(state.Id, (state, next))
            : _states.TryGetValue(state.Id, out var current) && current.Version == expectedVersion
              && _states.TryUpdate(state.Id, (state, next), current);
        return saved ? Task.FromResult(next) : throw new VersionConflictException($"Work order {state.Id} is not at version {expectedVersion}.");
    }
}
