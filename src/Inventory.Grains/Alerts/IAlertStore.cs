using Inventory.Domain;

namespace Inventory.Grains.Alerts;

/// <summary>Durable home of alerts. At most one active (open or acknowledged) alert per position and kind.</summary>
public interface IAlertStore
{
    Task<PositionAlerts> LoadPositionAsync(PositionKey position, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new open alert (<see cref="Alert.Id"/> is assigned). If the position already has an active alert of
    /// this kind, nothing is stored and that alert is returned with Raised = false.
    /// </summary>
    Task<(Alert Alert, bool Raised)> RaiseAsync(Alert alert, CancellationToken cancellationToken = default);

    /// <summary>Resolves an active alert; null when it does not exist or is already resolved.</summary>
    Task<Alert?> ResolveAsync(long id, DateTimeOffset at, long seq, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks an active alert acknowledged by <paramref name="user"/> with a note (acknowledging again replaces the
    /// note). Returns the alert after the change, or as it is when it is resolved (unchanged); null when unknown.
    /// </summary>
    Task<Alert?> AcknowledgeAsync(long id, string user, string? note, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<Alert?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Alert>> ListAsync(AlertFilter filter, CancellationToken cancellationToken = default);
}
