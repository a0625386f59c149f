namespace Inventory.Queries.Live;

/// <summary>How many ledger entries of one type were written in one minute (UTC, start of the minute).</summary>
public sealed record MovementBucket(DateTimeOffset Minute, string Entry, long Count, decimal Quantity);
