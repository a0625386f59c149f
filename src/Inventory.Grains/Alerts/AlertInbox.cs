using Inventory.Domain;
using Inventory.Grains.Events;
using Inventory.Grains.Events.Live;

namespace Inventory.Grains.Alerts;

/// <summary>What people do with alerts: list them and acknowledge them with a note (published as alert.acknowledged).</summary>
public sealed class AlertInbox(IAlertStore store, LiveEvents live, TimeProvider time)
{
    public const int MaxNoteLength = 2000;
    public const int MaxLimit = 500;

    public Task<IReadOnlyList<Alert>> ListAsync(AlertFilter filter, CancellationToken cancellationToken = default) =>
        store.ListAsync(filter with { Limit = Math.Clamp(filter.Limit, 1, MaxLimit) }, cancellationToken);

    public Task<Alert?> GetAsync(long id, CancellationToken cancellationToken = default) => store.GetAsync(id, cancellationToken);

    /// <summary>
    /// Acknowledges an active alert; again on an acknowledged one replaces the note. Fails with ALERT_NOT_FOUND,
    /// ALERT_RESOLVED (nothing left to acknowledge) or VALIDATION_FAILED (note too long).
    /// </summary>
    public async Task<Result<Alert>> AcknowledgeAsync(long id, Actor actor, string? note, CancellationToken cancellationToken = default)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > MaxNoteLength })
            return Failure.ValidationFailed("note", $"A note is at most {MaxNoteLength} characters.");

        var alert = await store.AcknowledgeAsync(id, actor.User, note, time.UtcNowMicroseconds(), cancellationToken);
        if (alert is null)
            return new Failure(AlertErrorCodes.AlertNotFound, $"Alert {id} does not exist.", new Dictionary<string, object?> { ["id"] = id });
        if (!alert.IsActive)
            return new Failure(AlertErrorCodes.AlertResolved, $"Alert {id} is already resolved.", new Dictionary<string, object?> { ["id"] = id });

        await live.PublishAsync([new AlertEvent(InventoryEventTypes.AlertAcknowledged, AlertEvent.CurrentVersion, alert, null)]);
        return alert;
    }
}
