namespace Inventory.Domain.Serials;

/// <summary>One entry of a serial item's history: who moved it from what to what, why, for which reference, when.</summary>
/// <param name="From">Null for the registration.</param>
[GenerateSerializer, Alias("inv.SerialTransition"), Immutable]
public sealed record SerialTransition(
    long Sequence,
    SerialStatus? From,
    SerialStatus To,
    string Reason,
    string? Reference,
    string User,
    string Role,
    DateTimeOffset At,
    decimal? CostOfGoods);
