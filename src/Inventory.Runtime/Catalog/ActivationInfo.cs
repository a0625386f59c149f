namespace Inventory.Runtime;

/// <summary>
/// A snapshot of one activation for admin tooling. <paramref name="OldestCallAge"/> is how long the oldest call not yet
/// answered has waited; <paramref name="CallsPerSecond"/> is the rate over the last collection quantum (until the first
/// quantum: since activation).
/// </summary>
public sealed record ActivationInfo(
    GrainId Id,
    string GrainClass,
    int MailboxDepth,
    TimeSpan IdleFor,
    TimeSpan? OldestCallAge,
    long CallsTotal,
    double CallsPerSecond,
    DateTimeOffset ActivatedAt);
