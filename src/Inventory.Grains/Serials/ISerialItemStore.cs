using Inventory.Domain.Serials;

namespace Inventory.Grains.Serials;

/// <summary>Durable serial items and their history. Every change writes the item and its history entry together.</summary>
public interface ISerialItemStore
{
    Task<SerialItem?> LoadAsync(string sku, string serial, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="item"/> and appends <paramref name="transition"/> in one transaction, only if the stored
    /// item is still at sequence <c>item.Sequence - 1</c>; otherwise throws <see cref="VersionConflictException"/>.
    /// </summary>
    Task SaveAsync(SerialItem item, SerialTransition transition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers every item or none: refused (nothing written) when any serial is already registered by another
    /// receipt. Serials already registered by the same receipt count as done (a retried receipt).
    /// </summary>
    Task<SerialRegistration> RegisterAsync(string receiptId, IReadOnlyList<(SerialItem Item, SerialTransition Transition)> items,
        CancellationToken cancellationToken = default);
}
