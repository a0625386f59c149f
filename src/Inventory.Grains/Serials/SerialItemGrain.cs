using Inventory.Domain;
using Inventory.Domain.Serials;
using Inventory.Grains.Positions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Grains.Serials;

/// <summary>
/// The actor of one serial item. A move first changes the position (through <see cref="IStockPositionGrain"/> only,
/// each step idempotent by a hold id derived from the item's next sequence), then writes the item and its history
/// entry with a sequence check. A crash between the two is repaired by repeating the move: the position replays the
/// step it already did.
/// </summary>
public sealed partial class SerialItemGrain(
    ISerialItemStore store,
    IOptions<SerialOptions> options,
    TimeProvider time,
    ILogger<SerialItemGrain> logger) : Grain, ISerialItemGrain
{
    private string? _key;

    /// <summary>The grain's key, as its callers named it.</summary>
    private string GrainKey => _key ??= this.GetPrimaryKeyString();

    private readonly SerialOptions _options = options.Value;
    private SerialItem? _item;

    private DateTimeOffset Now => time.UtcNowMicroseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _item = await store.LoadAsync(SkuOf(GrainKey), SerialOf(GrainKey), cancellationToken);

    public async Task<SerialItem?> GetAsync() => await Current();

    public async Task<Result<SerialMove>> MoveAsync(SerialStatus to, string reason, string? reference, Actor actor)
    {
        var item = await Current();
        if (item is null)
            return SerialFailures.NotFound(SkuOf(GrainKey), SerialOf(GrainKey));
        var decision = item.Decide(to, reference);
        if (!decision.IsSuccess)
            return decision.Failure!;
        if (decision.Value)
            return new SerialMove(item, item.Status, Replayed: true);

        var position = GrainFactory.GetGrain<IStockPositionGrain>(new PositionKey(item.Warehouse, item.Sku).ToString());
        var nextHold = $"serial:{item.Sku}:{item.Serial}:{item.Sequence + 1}";
        var holdReference = reference ?? $"serial:{item.Sku}:{item.Serial}";
        string? holdId = item.HoldId;
        decimal? costOfGoods = item.CostOfGoods;
        switch (item.Status, to)
        {
            case (SerialStatus.Available, SerialStatus.Reserved):
                var reserved = await position.ReserveAsync(nextHold, 1m, Now + _options.HoldFor, actor, holdReference);
                if (!reserved.IsSuccess) return reserved.Failure!;
                holdId = nextHold;
                break;
            case (SerialStatus.Reserved, SerialStatus.Available):
                var released = await position.ReleaseAsync(item.HoldId!, actor);
                if (!released.IsSuccess && !IsGone(released.Failure!)) return released.Failure!;
                holdId = null;
                break;
            case (SerialStatus.Reserved, SerialStatus.Sold):
                var committed = await position.CommitAsync(item.HoldId!, actor);
                if (committed.IsSuccess)
                {
                    costOfGoods = committed.Value.CostOfGoods;
                    break;
                }

                if (!IsGone(committed.Failure!)) return committed.Failure!;
                // The position let the hold expire (an invoice unpaid for longer than HoldFor): sell the unit afresh.
                LogHoldLapsed(logger, GrainKey, item.HoldId!);
                var fresh = await SellDirect(position, nextHold, holdReference, actor);
                if (!fresh.IsSuccess) return fresh.Failure!;
                (holdId, costOfGoods) = (nextHold, fresh.Value);
                break;
            case (SerialStatus.Available, SerialStatus.Sold):
                var sold = await SellDirect(position, nextHold, holdReference, actor);
                if (!sold.IsSuccess) return sold.Failure!;
                (holdId, costOfGoods) = (nextHold, sold.Value);
                break;
            case (SerialStatus.Sold, SerialStatus.Delivered):
                // Stock left at the sale; delivery only records that the goods reached the customer.
                break;
            default:
                throw new InvalidOperationException($"{GrainKey}: {item.Status} -> {to} passed the lifecycle check but has no stock effect.");
        }

        var (moved, transition) = item.Move(to, reason, reference, actor, Now, holdId, costOfGoods);
        await store.SaveAsync(moved, transition);
        _item = moved;
        return new SerialMove(moved, item.Status, Replayed: false);
    }

    /// <summary>Reserves and commits one unit under <paramref name="holdId"/>; returns its cost of goods.</summary>
    private async Task<Result<decimal>> SellDirect(IStockPositionGrain position, string holdId, string reference, Actor actor)
    {
        var reserved = await position.ReserveAsync(holdId, 1m, Now + _options.DirectSaleHold, actor, reference);
        if (!reserved.IsSuccess) return reserved.Failure!;
        var committed = await position.CommitAsync(holdId, actor);
        if (committed.IsSuccess) return committed.Value.CostOfGoods;
        await position.ReleaseAsync(holdId, actor);
        return committed.Failure!;
    }

    // A hold that expired or is unknown at the position holds nothing any more.
    private static bool IsGone(Failure failure) =>
        failure.Code is ErrorCodes.ReservationNotActive or ErrorCodes.ReservationNotFound;

    // An item that did not exist when this activation started may have been registered since (registration writes
    // the store directly, all serials of a receipt in one transaction): look again.
    private async Task<SerialItem?> Current() =>
        _item ??= await store.LoadAsync(SkuOf(GrainKey), SerialOf(GrainKey));

    public static string KeyOf(string sku, string serial) => sku + "/" + serial;

    private static string SkuOf(string key) => key[..key.IndexOf('/', StringComparison.Ordinal)];

    private static string SerialOf(string key) => key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Serial {Key}: hold {HoldId} lapsed before the sale; selling the unit afresh")]
    private static partial void LogHoldLapsed(ILogger logger, string key, string holdId);
}
