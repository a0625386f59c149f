using System.Globalization;
using Inventory.Domain;
using Inventory.Domain.Reservations;
using Inventory.Grains.Positions;
using Inventory.Grains.Reservations;
using Inventory.Grains.Storage;

namespace Inventory.Grains.Maintenance;

/// <summary>
/// Compares reservation records with the lines their positions hold, both ways: every line a position holds has a
/// record that is active (or in flight), and every line of an active record is held by its position with the same
/// quantity. A finding is read a second time before it is reported, so a change under way is not mistaken for one.
/// Repair goes through the grains, so it follows the same protocol as any change: a held orphan line is ended at its
/// position as its record ended (committed, expired, otherwise released); an active record with a line its position
/// no longer holds is released (<see cref="IReservationGrain.ReconcileAsync"/>), giving back the lines still held.
/// </summary>
public sealed class ReservationAgreement(IReservationStore records, IStockPositionStore positions, TimeProvider time, TimeSpan tolerance)
{
    public const string Orphaned = "orphaned_reservation";
    public const string Unheld = "unheld_reservation";

    /// <summary>Lines of transfers are held under "transfer:{id}" and agree with transfer records, not reservations.</summary>
    public const string TransferPrefix = "transfer:";

    /// <summary>Records whose lines may be held: active, or on their way somewhere.</summary>
    private static readonly ReservationStatusValue[] Holding = [ReservationStatusValue.Active, .. ReservationStatusValues.InFlight];

    /// <summary>
    /// Checks the positions given (with the state each has now) and the active records with a line on one of them.
    /// With <paramref name="grains"/>, repairs what it finds.
    /// </summary>
    public async Task<IReadOnlyList<ReservationDisagreement>> CheckAsync(IReadOnlyCollection<StockPositionSnapshot> snapshots,
        IGrainFactory? grains = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var byKey = snapshots.ToDictionary(s => new PositionKey(s.Warehouse, s.Sku));
        var found = new List<(string Id, PositionKey Key, string Kind, string Why)>();

        // A position holds a line: its record must still be holding.
        var heldLines = byKey.SelectMany(p => p.Value.Reservations
                .Where(r => r.Status == ReservationStatus.Active && !r.Id.StartsWith(TransferPrefix, StringComparison.Ordinal))
                .Select(r => (Key: p.Key, Line: r)))
            .ToList();
        var holders = await LoadAllAsync(heldLines.Select(h => h.Line.Id), cancellationToken);
        foreach (var (key, line) in heldLines)
        {
            if (WhyOrphaned(line, holders.GetValueOrDefault(line.Id), now) is { } why)
                found.Add((line.Id, key, Orphaned, why));
        }

        // An active record: each of its lines (on the positions checked) must be held.
        var active = await LoadAllAsync(await records.ListIdsAsync([ReservationStatusValue.Active], cancellationToken: cancellationToken), cancellationToken);
        foreach (var (id, record) in active)
        {
            foreach (var line in record.Lines)
            {
                var key = new PositionKey(line.Warehouse, line.Sku);
                if (byKey.TryGetValue(key, out var snapshot) && WhyUnheld(record, line, snapshot, now) is { } why)
                    found.Add((id, key, Unheld, why));
            }
        }

        var disagreements = new List<ReservationDisagreement>();
        foreach (var (id, key, kind, _) in found)
        {
            // Read both sides again: what was under way a moment ago has finished by now.
            var record = (await records.LoadAsync(id, cancellationToken))?.Record;
            if (await positions.LoadAsync(key, cancellationToken) is not { } current) continue;
            var why = kind == Orphaned
                ? current.Reservations.FirstOrDefault(r => r.Id == id && r.Status == ReservationStatus.Active) is { } held ? WhyOrphaned(held, record, now) : null
                : record is null ? null : record.Lines.FirstOrDefault(l => new PositionKey(l.Warehouse, l.Sku) == key) is { } line ? WhyUnheld(record, line, current, now) : null;
            if (why is null) continue;
            var repaired = grains is not null && await RepairAsync(grains, kind, id, key, record);
            disagreements.Add(new ReservationDisagreement(id, key.Warehouse, key.Sku, kind, why, repaired));
        }
        return disagreements;
    }

    /// <summary>Loads many records at once, so the store's statement batching reads them in a few round trips.</summary>
    private async Task<Dictionary<string, ReservationRecord>> LoadAllAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, ReservationRecord>(StringComparer.Ordinal);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(1000))
        {
            var loaded = await Task.WhenAll(chunk.Select(id => records.LoadAsync(id, cancellationToken)));
            foreach (var found in loaded)
                if (found is { Record: var record }) result[record.Id] = record;
        }
        return result;
    }

    private string? WhyOrphaned(PositionReservation line, ReservationRecord? record, DateTimeOffset now)
    {
        if (record is null) return Held(line) + " but its reservation record is missing";
        if (Holding.Contains(record.Status) && !(record.Status == ReservationStatusValue.Active && record.ExpiresAt <= now)) return null;
        // The record expired; its positions let the line go by themselves at their own expiry (the commit grace later).
        if (record.Status is ReservationStatusValue.Expired or ReservationStatusValue.Active && line.ExpiresAt > now - tolerance) return null;
        var status = record.Status == ReservationStatusValue.Active ? "expired" : record.Status.ToString().ToLowerInvariant();
        return Held(line) + $" but its reservation is {status}";
    }

    private static string? WhyUnheld(ReservationRecord record, ReservationLine line, StockPositionSnapshot snapshot, DateTimeOffset now)
    {
        if (record.Status != ReservationStatusValue.Active || record.ExpiresAt <= now) return null;
        var held = snapshot.Reservations.FirstOrDefault(r => r.Id == record.Id);
        if (held is { Status: ReservationStatus.Active } && held.Quantity == line.Quantity) return null;
        var state = held is null ? "holds nothing for it"
            : held.Status != ReservationStatus.Active ? $"has it {held.Status.ToString().ToLowerInvariant()}"
            : string.Create(CultureInfo.InvariantCulture, $"holds {held.Quantity}");
        return string.Create(CultureInfo.InvariantCulture, $"reservation '{record.Id}' is active with {line.Quantity} here but the position {state}");
    }

    private static string Held(PositionReservation line) =>
        string.Create(CultureInfo.InvariantCulture, $"holds {line.Quantity} for reservation '{line.Id}'");

    private static async Task<bool> RepairAsync(IGrainFactory grains, string kind, string id, PositionKey key, ReservationRecord? record)
    {
        if (kind == Unheld)
            return (await grains.GetGrain<IReservationGrain>(id).ReconcileAsync())?.Status is not "active";
        var position = grains.GetGrain<IStockPositionGrain>(key.ToString());
        var result = record?.Status switch
        {
            ReservationStatusValue.Committed => await position.CommitAsync(id, Actor.System),
            ReservationStatusValue.Expired or ReservationStatusValue.Active => await position.ExpireReservationAsync(id, Actor.System),
            _ => await position.ReleaseAsync(id, Actor.System),
        };
        return result.IsSuccess;
    }
}
