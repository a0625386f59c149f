using Inventory.Domain;

namespace Inventory.Grains.Transfers;

/// <summary>
/// One transfer of stock between two warehouses (key: transfer id), exactly once across both positions: every step is
/// recorded before it runs and is idempotent at the position by "transfer:{id}:{step}", so repeating a call, or the
/// recovery sweep after a crash, finishes what was started and never moves stock twice.
/// </summary>
[Alias("inv.ITransferGrain")]
public interface ITransferGrain : IGrainWithStringKey
{
    /// <summary>Records the transfer and ships it (and, with AutoReceive, receives it). Same id and content: the same answer.</summary>
    Task<Result<TransferView>> CreateAsync(TransferRequest request, Actor actor);

    /// <summary>Receives some or all of what is in transit at the destination, optionally closing the rest as lost.</summary>
    Task<Result<TransferView>> ReceiveAsync(TransferReceiptRequest receipt, Actor actor);

    /// <summary>Records everything still in transit as lost at the destination and completes the transfer.</summary>
    Task<Result<TransferView>> CloseAsync(string? reason, Actor actor);

    Task<TransferView?> GetAsync();

    /// <summary>Rolls a recorded step forward (the sweep calls this after a crash). Null if there is no such transfer.</summary>
    Task<TransferView?> RecoverAsync();
}
