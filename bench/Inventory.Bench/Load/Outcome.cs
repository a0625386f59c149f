namespace Inventory.Bench.Load;

public enum Outcome : byte
{
    /// <summary>2xx: reserved (or, for the ceiling, answered).</summary>
    Success,

    /// <summary>409: not enough stock. An expected answer, not an error.</summary>
    Refused,

    /// <summary>Any other status, a timeout or a connection failure.</summary>
    Error,
}
