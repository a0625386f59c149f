using Inventory.Domain;
using Inventory.Runtime;

namespace Inventory.Server.Transfers;

/// <summary>
/// One transfer of stock between two warehouses (key: transfer id), exactly once: repeating it with the same id
/// returns its result, and an interrupted one is finished by the next call with the same id.
/// </summary>
public interface ITransferGrain : IGrainWithStringKey
{
    Task<Result<TransferView>> ExecuteAsync(TransferRequest request, Actor actor);
    Task<TransferView?> GetAsync();
}
