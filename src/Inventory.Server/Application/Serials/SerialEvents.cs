using Inventory.Domain;
using Inventory.Domain.Serials;
using Inventory.Grains.Serials;
using Inventory.Server.Application.Catalog;

namespace Inventory.Server.Application.Serials;

/// <summary>
/// Applies one invoice or order event (or one direct transition) to every serial it names. Every serial is checked
/// first (registered, the move allowed, the reference its own, a reserve or sale only from a warehouse that ships):
/// one refusal refuses the event and nothing changes. The moves then run one serial
/// at a time in (sku, serial) order. Should a concurrent request win a serial in between, an event that reserves
/// gives back what it already reserved; other events cannot undo a sale, so the refusal lists what was applied.
/// </summary>
internal static class SerialEvents
{
    public static async Task<Result<IReadOnlyList<SerialMove>>> ApplyAsync(IGrainFactory grains, InventoryCatalog catalog,
        IReadOnlyList<(string Sku, string Serial)> serials, SerialStatus to, string reason, string? reference, Actor actor)
    {
        var ordered = serials.OrderBy(s => s.Sku, StringComparer.Ordinal).ThenBy(s => s.Serial, StringComparer.Ordinal).ToList();
        var refused = new List<Failure>();
        foreach (var (sku, serial) in ordered)
        {
            var item = await Grain(grains, sku, serial).GetAsync();
            if (item is null)
                return SerialFailures.NotFound(sku, serial);
            var decision = item.Decide(to, reference);
            if (!decision.IsSuccess)
                refused.Add(decision.Failure!);
            else if (!decision.Value && to is SerialStatus.Reserved or SerialStatus.Sold
                     && catalog.FindWarehouse(item.Warehouse)?.CheckCanShip() is { } cannotShip)
                refused.Add(cannotShip);
        }

        if (refused.Count > 0)
            return WithList(refused[0], "refused", refused.Select(Summary).ToList());

        var moves = new List<SerialMove>(ordered.Count);
        foreach (var (sku, serial) in ordered)
        {
            var moved = await Grain(grains, sku, serial).MoveAsync(to, reason, reference, actor);
            if (moved.IsSuccess)
            {
                moves.Add(moved.Value);
                continue;
            }

            if (to == SerialStatus.Reserved)
            {
                foreach (var done in moves.Where(m => !m.Replayed))
                    await Grain(grains, done.Item.Sku, done.Item.Serial).MoveAsync(SerialStatus.Available, "rolled back: " + reason, reference, actor);
                return WithList(moved.Failure!, "refused", [Summary(moved.Failure!)]);
            }

            return WithList(moved.Failure!, "applied", moves.Select(m => new Dictionary<string, object?>
            {
                ["sku"] = m.Item.Sku,
                ["serial"] = m.Item.Serial,
                ["status"] = SerialLifecycle.Name(m.Item.Status),
            }).ToList());
        }

        return moves;
    }

    public static ISerialItemGrain Grain(IGrainFactory grains, string sku, string serial) =>
        grains.GetGrain<ISerialItemGrain>(SerialItemGrain.KeyOf(sku, serial));

    private static Dictionary<string, object?> Summary(Failure failure)
    {
        var summary = new Dictionary<string, object?> { ["code"] = failure.Code };
        foreach (var (key, value) in failure.Details ?? new Dictionary<string, object?>())
            summary[key] = value;
        return summary;
    }

    private static Failure WithList<T>(Failure failure, string name, IReadOnlyList<T> list)
    {
        var details = new Dictionary<string, object?>(failure.Details ?? new Dictionary<string, object?>()) { [name] = list };
        return failure with { Details = details };
    }
}
