using Inventory.Domain.Serials;

using Inventory.Grains.Storage;

namespace Inventory.Grains.Serials;

/// <summary><see cref="ISerialItemStore"/> in process memory, for tests and demos: the same all-or-none and sequence rules as PostgreSQL.</summary>
public sealed class InMemorySerialItemStore : ISerialItemStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Sku, string Serial), SerialItem> _items = [];
    private readonly List<(string Sku, string Serial, SerialTransition Transition)> _history = [];

    /// <summary>Every history entry so far, in recorded order.</summary>
    public IReadOnlyList<(string Sku, string Serial, SerialTransition Transition)> History
    {
        get
        {
            lock (_lock) return [.. _history];
        }
    }

    public Task<SerialItem?> LoadAsync(string sku, string serial, CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult(_items.GetValueOrDefault((sku, serial)));
    }

    public Task SaveAsync(SerialItem item, SerialTransition transition, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_items.TryGetValue((item.Sku, item.Serial), out var stored) || stored.Sequence != item.Sequence - 1)
                throw new VersionConflictException($"Serial {item.Sku}/{item.Serial} is not at sequence {item.Sequence - 1}.");
            _items[(item.Sku, item.Serial)] = item;
            _history.Add((item.Sku, item.Serial, transition));
        }

        return Task.CompletedTask;
    }

    public Task<SerialRegistration> RegisterAsync(string receiptId, IReadOnlyList<(SerialItem Item, SerialTransition Transition)> items,
        CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var existing = items.Where(i => _items.ContainsKey((i.Item.Sku, i.Item.Serial))).ToList();
            var conflicts = existing.Where(i => _items[(i.Item.Sku, i.Item.Serial)].ReceiptId != receiptId)
                .Select(i => i.Item.Serial).Order(StringComparer.Ordinal).ToList();
            if (conflicts.Count > 0)
                return Task.FromResult(new SerialRegistration([], [], conflicts));
            var fresh = items.Where(i => !_items.ContainsKey((i.Item.Sku, i.Item.Serial))).ToList();
            foreach (var (item, transition) in fresh)
            {
                _items[(item.Sku, item.Serial)] = item;
                _history.Add((item.Sku, item.Serial, transition));
            }

            return Task.FromResult(new SerialRegistration(
                [.. fresh.Select(f => f.Item.Serial)], [.. existing.Select(e => e.Item.Serial).Order(StringComparer.Ordinal)], []));
        }
    }
}
