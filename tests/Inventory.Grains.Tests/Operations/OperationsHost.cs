using Inventory.Domain;
using Inventory.Grains.Approvals;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Positions;
using Inventory.Grains.Storage;
using Inventory.Grains.Transfers;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inventory.Grains.Tests.Operations;

/// <summary>An Orleans silo with positions, transfers and approvals, and the in-flight sweep to run by hand.</summary>
internal sealed class OperationsHost : IAsyncDisposable
{
    public static readonly Actor Clerk = new("clerk", "warehouse_staff");
    public static readonly Actor Manager = new("maria", "manager");
    private readonly TestSilo _host;

    private OperationsHost(TestSilo host) => _host = host;

    public IGrainFactory Grains => _host.Grains;
    public InMemoryStockPositionStore PositionStore => (InMemoryStockPositionStore)_host.Services.GetRequiredService<IStockPositionStore>();
    public ITransferStore TransferStore => _host.Services.GetRequiredService<ITransferStore>();

    public static async Task<OperationsHost> StartAsync() =>
        new(await TestSilo.StartAsync(s => s.AddInventoryGrains().AddStockOperations()));

    public IStockPositionGrain Position(string warehouse, string sku) =>
        Grains.GetGrain<IStockPositionGrain>(new PositionKey(warehouse, sku).ToString());

    public ITransferGrain Transfer(string id) => Grains.GetGrain<ITransferGrain>(id);

    public IApprovalGrain Approval(string id) => Grains.GetGrain<IApprovalGrain>(id);

    /// <summary>One pass of the recovery sweep, as a new process runs it at start-up.</summary>
    public Task<int> SweepAsync() =>
        new InFlightSweeper(Grains, TransferStore, _host.Services.GetRequiredService<IApprovalStore>(),
            Options.Create(new InFlightSweepOptions()), NullLogger<InFlightSweeper>.Instance).SweepAsync(CancellationToken.None);

    public async Task ReceiveAsync(string warehouse, string sku, decimal quantity, decimal unitCost, string? lot = null)
    {
        var result = await Position(warehouse, sku).ReceiveAsync(new ReceiveStock(quantity, unitCost, lot), Clerk);
        Assert.True(result.IsSuccess, result.Failure?.Message);
    }

    public async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(string warehouse, string sku) =>
        await PositionStore.ReadLedgerAsync(new PositionKey(warehouse, sku));

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
