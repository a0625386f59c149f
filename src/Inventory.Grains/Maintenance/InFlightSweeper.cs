using Inventory.Grains.Approvals;
using Inventory.Grains.Storage;
using Inventory.Grains.Transfers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Grains.Maintenance;

/// <summary>
/// The durable "reminder" behind multi-step operations, like <see cref="ExpirySweeper"/> for reservations: transfers
/// and approvals record each step before running it, so after a crash the record says what may be half done. At
/// start-up and then every interval this finds them in persisted state and rolls them forward; each step is idempotent
/// at its position, so finishing one that had in fact completed changes nothing.
/// </summary>
public sealed partial class InFlightSweeper(
    IGrainFactory grains,
    ITransferStore transfers,
    IApprovalStore approvals,
    IOptions<InFlightSweepOptions> options,
    ILogger<InFlightSweeper> logger) : BackgroundService
{
    private const int Batch = 1000;
    private static readonly TransferStatus[] UnfinishedTransfers = [TransferStatus.Pending, TransferStatus.Receiving, TransferStatus.Closing];
    private static readonly ApprovalStatus[] UnfinishedApprovals = [ApprovalStatus.Approving];

    /// <summary>One sweep. Returns how many grains it woke.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var woken = 0;
        foreach (var transfer in await transfers.ListAsync(UnfinishedTransfers, null, Batch, cancellationToken))
        {
            await grains.GetGrain<ITransferGrain>(transfer.Id).RecoverAsync();
            woken++;
        }

        foreach (var approval in await approvals.ListAsync(UnfinishedApprovals, null, Batch, cancellationToken))
        {
            await grains.GetGrain<IApprovalGrain>(approval.Id).RecoverAsync();
            woken++;
        }

        if (woken > 0) LogSwept(logger, woken);
        return woken;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "In-flight sweep rolled {Grains} transfers and approvals forward")]
    private static partial void LogSwept(ILogger logger, int grains);

    [LoggerMessage(Level = LogLevel.Warning, Message = "In-flight sweep failed; retrying next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
