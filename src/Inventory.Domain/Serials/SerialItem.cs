namespace Inventory.Domain.Serials;

/// <summary>
/// One serial-numbered unit of a SKU, registered at a warehouse by a receipt. Immutable: a transition is a new
/// value plus a <see cref="SerialTransition"/> for the history.
/// </summary>
/// <param name="Reference">The reference (invoice, order ...) of the last transition.</param>
/// <param name="Sequence">Number of history entries so far (1 = the registration).</param>
/// <param name="HoldId">The position reservation holding the unit while Reserved (and the one committed when Sold).</param>
/// <param name="CostOfGoods">What the sale charged at the position, from its cost layers (Sold and Delivered).</param>
[GenerateSerializer, Alias("inv.SerialItem"), Immutable]
public sealed record SerialItem(
    string Sku,
    string Serial,
    string Warehouse,
    SerialStatus Status,
    string? Reference,
    long Sequence,
    string? HoldId,
    decimal? CostOfGoods,
    string ReceiptId,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// Decides a move to <paramref name="to"/> for <paramref name="reference"/>: true when it is a repeat of the last
    /// transition (same status, same reference: nothing to do), false when it is to be applied, or a failure:
    /// INVALID_TRANSITION off the lifecycle, SERIAL_REFERENCE_MISMATCH when a cancellation or a sale names another
    /// reference than the one the item is reserved for.
    /// </summary>
    public Result<bool> Decide(SerialStatus to, string? reference)
    {
        if (Status == to && reference is not null && Reference == reference)
            return true;
        if (SerialLifecycle.Check(Sku, Serial, Status, to) is { } refused)
            return refused;
        if (Status == SerialStatus.Reserved && reference is not null && Reference != reference)
            return SerialFailures.ReferenceMismatch(Sku, Serial, Reference, reference);
        return false;
    }

    /// <summary>The item after the move and the history entry that records it.</summary>
    public (SerialItem Item, SerialTransition Transition) Move(SerialStatus to, string reason, string? reference, Actor actor,
        DateTimeOffset at, string? holdId, decimal? costOfGoods)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!SerialLifecycle.IsAllowed(Status, to))
            throw new InvalidOperationException($"{Sku}/{Serial}: {Status} -> {to} is not a lifecycle transition.");
        var item = this with
        {
            Status = to,
            Reference = reference,
            Sequence = Sequence + 1,
            HoldId = holdId,
            CostOfGoods = costOfGoods,
            UpdatedAt = at,
        };
        return (item, new SerialTransition(item.Sequence, Status, to, reason, reference, actor.User, actor.Role, at, costOfGoods));
    }

    /// <summary>A newly received item (Available) and its first history entry.</summary>
    public static (SerialItem Item, SerialTransition Transition) Register(string sku, string serial, string warehouse, string receiptId,
        string? reference, Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var item = new SerialItem(sku, serial, warehouse, SerialStatus.Available, reference, 1, null, null, receiptId, at, at);
        return (item, new SerialTransition(1, null, SerialStatus.Available, "registered", reference, actor.User, actor.Role, at, null));
    }
}
