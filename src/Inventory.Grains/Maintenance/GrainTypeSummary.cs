namespace Inventory.Grains.Maintenance;

/// <summary>The activations of one grain type. Idle ages are seconds since each activation's last call ended.</summary>
/// <param name="MailboxDepth">Calls queued across all activations of the type.</param>
/// <param name="OldestCallSeconds">How long the oldest unanswered call of the type has waited; null when none waits.</param>
public sealed record GrainTypeSummary(
    string Type,
    int Activations,
    int MailboxDepth,
    int MaxMailboxDepth,
    double MinIdleSeconds,
    double MaxIdleSeconds,
    double? OldestCallSeconds,
    double CallsPerSecond,
    long CallsTotal);
