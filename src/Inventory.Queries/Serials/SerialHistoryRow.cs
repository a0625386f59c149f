using Inventory.Domain.Serials;

namespace Inventory.Queries.Serials;

/// <summary>One history entry with its global sequence (serial_history.seq), for paging across items.</summary>
public sealed record SerialHistoryRow(long Seq, string Sku, string Serial, SerialTransition Transition);
