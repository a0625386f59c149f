using Inventory.Domain;

namespace Inventory.Grains.Transfers;

/// <summary>Taking received quantities out of the goods in transit, line by line, without rounding anything.</summary>
public static class TransitLines
{
    /// <summary>
    /// Splits <paramref name="inTransit"/> into what a receipt takes and what stays: <paramref name="quantity"/> in
    /// shipment order, or each lot's quantity from that lot's lines. Null when more is asked than is in transit.
    /// </summary>
    public static (IReadOnlyList<LayerDraw> Taken, IReadOnlyList<LayerDraw> Left)? Take(IReadOnlyList<LayerDraw> inTransit,
        decimal? quantity, IReadOnlyList<LotQuantity>? lots)
    {
        var left = inTransit.ToList();
        var taken = new List<LayerDraw>();
        var wanted = lots is { Count: > 0 } ? lots : [new LotQuantity(null, quantity ?? 0m)];
        var anyLot = lots is not { Count: > 0 };
        foreach (var want in wanted)
        {
            var remaining = want.Quantity;
            for (var i = 0; i < left.Count && remaining > 0; i++)
            {
                if (!anyLot && left[i].Lot != want.Lot)
                    continue;
                var take = Math.Min(remaining, left[i].Quantity);
                taken.Add(left[i] with { Quantity = take });
                left[i] = left[i] with { Quantity = left[i].Quantity - take };
                remaining -= take;
            }

            if (remaining > 0)
                return null;
        }

        return (taken, left.Where(l => l.Quantity > 0).ToList());
    }

    /// <summary>What stays in transit after <paramref name="taken"/> (lines cut from it by <see cref="Take"/>) arrived.</summary>
    public static IReadOnlyList<LayerDraw> Subtract(IReadOnlyList<LayerDraw> inTransit, IReadOnlyList<LayerDraw> taken)
    {
        var left = inTransit.ToList();
        foreach (var line in taken)
        {
            var remaining = line.Quantity;
            for (var i = 0; i < left.Count && remaining > 0; i++)
            {
                // the same transit line: equal in everything but the quantity
                if (left[i] with { Quantity = 0 } != line with { Quantity = 0 })
                    continue;
                var take = Math.Min(remaining, left[i].Quantity);
                left[i] = left[i] with { Quantity = left[i].Quantity - take };
                remaining -= take;
            }

            if (remaining > 0)
                throw new InvalidOperationException($"A received line of {line.Quantity} (layer {line.LayerId}) is not in transit.");
        }

        return left.Where(l => l.Quantity > 0).ToList();
    }
}
