namespace Inventory.Domain;

// Folding the entry types of lots, statuses, orders and transfers (the inflows and outflows share ApplyInflow and
// ApplyIssue in StockPosition.cs). Same rule as there: every check runs before the first change.
public sealed partial class StockPosition
{
    private void ApplyStatusChange(LedgerEntry entry)
    {
        var from = entry.FromStatus ?? throw Corrupt(entry, "a status change needs a from status");
        var to = entry.ToStatus ?? throw Corrupt(entry, "a status change needs a to status");
        if (from == to || !Enum.IsDefined(from) || !Enum.IsDefined(to))
            throw Corrupt(entry, $"cannot move stock from {from} to {to}");
        var quantity = entry.Quantity;
        if (quantity <= 0)
            throw Corrupt(entry, "a status change needs a positive quantity");

        var remainders = new Dictionary<long, decimal>();
        var drawn = 0m;
        foreach (var draw in entry.Draws ?? [])
        {
            if (draw.Quantity <= 0 || draw.LayerId == UncoveredLayerId)
                throw Corrupt(entry, $"draw from layer {draw.LayerId} is not a positive draw from a layer");
            if (!remainders.TryGetValue(draw.LayerId, out var left))
            {
                var layer = _layers.Find(l => l.Id == draw.LayerId) ?? throw Corrupt(entry, $"layer {draw.LayerId} does not exist");
                if (layer.Status != from)
                    throw Corrupt(entry, $"layer {draw.LayerId} is {layer.Status}, not {from}");
                left = layer.Quantity;
            }

            if (draw.Quantity > left)
                throw Corrupt(entry, $"layer {draw.LayerId} holds only {left}");
            remainders[draw.LayerId] = left - draw.Quantity;
            drawn += draw.Quantity;
        }

        if (drawn != quantity)
            throw Corrupt(entry, $"draws add up to {drawn}, not {quantity}");
        EnsureLevels(entry, OnHand, Reserved,
            QualityControl + Delta(StockStatus.QualityControl, from, to, quantity),
            Damaged + Delta(StockStatus.Damaged, from, to, quantity), Incoming);

        // Units moving into available status while sellable stock is negative fill the backorder first, exactly as
        // arriving units do; the rest of each draw becomes a layer of its own right after the layer it came from.
        var backorder = Math.Max(0m, -Sellable);
        foreach (var draw in entry.Draws!)
        {
            var index = _layers.FindIndex(l => l.Id == draw.LayerId);
            var origin = _layers[index];
            var moved = draw.Quantity;
            if (to == StockStatus.Available && backorder > 0)
            {
                var filled = Math.Min(backorder, moved);
                backorder -= filled;
                moved -= filled;
            }

            _layers[index] = origin with { Quantity = origin.Quantity - draw.Quantity };
            if (moved > 0)
                _layers.Insert(index + 1, origin with { Id = _nextLayerId++, Quantity = moved, Status = to });
        }

        _layers.RemoveAll(l => l.Quantity == 0);
        AddToStatus(from, -quantity);
        AddToStatus(to, quantity);
    }

    private static decimal Delta(StockStatus status, StockStatus from, StockStatus to, decimal quantity) =>
        (to == status ? quantity : 0m) - (from == status ? quantity : 0m);

    private void ApplyOrder(LedgerEntry entry)
    {
        var purchaseOrder = entry.PurchaseOrder ?? throw Corrupt(entry, "an order entry needs a purchase order");
        if (entry.Quantity <= 0)
            throw Corrupt(entry, "an order entry needs a positive quantity");
        var open = _incoming.TryGetValue(purchaseOrder, out var order) ? order.Quantity : 0m;
        var change = entry.Type == LedgerEntryType.Ordered ? entry.Quantity : -entry.Quantity;
        if (open + change < 0)
            throw Corrupt(entry, $"purchase order '{purchaseOrder}' has only {open} open");
        EnsureLevels(entry, OnHand, Reserved, QualityControl, Damaged, Incoming + change);

        SetOpen(purchaseOrder, open + change, order?.Supplier ?? entry.Supplier);
        Incoming += change;
    }

    // Informational: the goods never arrived, so nothing here changes; the entry records what was lost and its value.
    private void ApplyTransitLoss(LedgerEntry entry)
    {
        if (entry.Quantity <= 0)
            throw Corrupt(entry, "a transit loss needs a positive quantity");
        EnsureLevels(entry, OnHand, Reserved);
    }

    /// <summary>How much of its purchase order's incoming quantity a receipt settles (its entry says so in IncomingAfter).</summary>
    private decimal SettledBy(LedgerEntry entry)
    {
        var settled = Incoming - entry.IncomingAfter;
        if (settled == 0)
            return 0m;
        if (entry.Type != LedgerEntryType.Received || entry.PurchaseOrder is not { } purchaseOrder
            || !_incoming.TryGetValue(purchaseOrder, out var order) || settled < 0 || settled > order.Quantity || settled > entry.Quantity)
        {
            throw Corrupt(entry, $"it settles {settled} of purchase order '{entry.PurchaseOrder}', which does not fit");
        }

        return settled;
    }

    private void Settle(string? purchaseOrder, decimal settled)
    {
        if (settled == 0 || purchaseOrder is null)
            return;
        var order = _incoming[purchaseOrder];
        SetOpen(purchaseOrder, order.Quantity - settled, order.Supplier);
        Incoming -= settled;
    }

    private void SetOpen(string purchaseOrder, decimal open, string? supplier)
    {
        if (open == 0)
            _incoming.Remove(purchaseOrder);
        else
            _incoming[purchaseOrder] = new IncomingOrder(purchaseOrder, open, supplier);
    }
}
