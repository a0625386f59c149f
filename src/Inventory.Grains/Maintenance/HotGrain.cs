using Inventory.Runtime;

namespace Inventory.Grains.Maintenance;

/// <summary>One busy activation.</summary>
public sealed record HotGrain(
    string Type,
    string Key,
    double CallsPerSecond,
    long CallsTotal,
    int MailboxDepth,
    double IdleSeconds,
    double? OldestCallSeconds,
    DateTimeOffset ActivatedAt)
{
    public static HotGrain Of(ActivationInfo a) => new(a.Id.Type, a.Id.Key, a.CallsPerSecond, a.CallsTotal, a.MailboxDepth,
        a.IdleFor.TotalSeconds, a.OldestCallAge?.TotalSeconds, a.ActivatedAt);
}
