namespace Inventory.Domain.Serials;

/// <summary>
/// The strict lifecycle of a serial-numbered item:
/// Available → Reserved → Sold → Delivered, Reserved → Available (cancellation), Available → Sold (direct sale).
/// Every other pair, including a status to itself, is refused with INVALID_TRANSITION.
/// </summary>
public static class SerialLifecycle
{
    private static readonly HashSet<(SerialStatus From, SerialStatus To)> Allowed =
    [
        (SerialStatus.Available, SerialStatus.Reserved),
        (SerialStatus.Reserved, SerialStatus.Available),
        (SerialStatus.Reserved, SerialStatus.Sold),
        (SerialStatus.Available, SerialStatus.Sold),
        (SerialStatus.Sold, SerialStatus.Delivered),
    ];

    /// <summary>Every allowed (from, to) pair, for documentation and tests.</summary>
    public static IReadOnlyCollection<(SerialStatus From, SerialStatus To)> Transitions => Allowed;

    public static bool IsAllowed(SerialStatus from, SerialStatus to) => Allowed.Contains((from, to));

    /// <summary>Null when allowed, else INVALID_TRANSITION naming the item, from and to.</summary>
    public static Failure? Check(string sku, string serial, SerialStatus from, SerialStatus to) =>
        IsAllowed(from, to) ? null : SerialFailures.InvalidTransition(sku, serial, from, to);

    public static string Name(SerialStatus status) => status.ToString().ToLowerInvariant();
}
