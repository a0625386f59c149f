namespace Inventory.Grains.Jobs;

/// <summary>The singleton whose one activation decides which silo runs the cluster's background jobs.</summary>
[Alias("inv.IClusterJobsGrain")]
public interface IClusterJobsGrain : IGrainWithStringKey
{
    /// <summary>Keeps the jobs running (activating the grain, and so the jobs, on some silo if needed); returns that silo.</summary>
    Task<string> KeepRunningAsync();
}

public sealed class ClusterJobsGrain(ClusterJobs jobs) : Grain, IClusterJobsGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await jobs.StartHereAsync(cancellationToken);
        // Every silo calls every few seconds, so idle collection never takes it; only the silo's end does.
        DelayDeactivation(TimeSpan.FromDays(3650));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        jobs.StopHereAsync(cancellationToken);

    public Task<string> KeepRunningAsync() => Task.FromResult(GrainContext.Address.SiloAddress?.ToString() ?? "");
}
