namespace Inventory.Runtime.Tests.TestGrains;

/// <summary>Loads its count on activation and writes every change with the version it read.</summary>
public sealed class StoredCounterGrain(Probe probe, IGrainStorage storage) : Grain, IStoredCounterGrain
{
    public const string StateName = "counter";

    private int _count;
    private long _version;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.OnActivated();
        var stored = await storage.ReadAsync<int>(StateName, GrainKey, cancellationToken);
        (_count, _version) = stored is null ? (0, 0L) : (stored.State, stored.Version);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Deactivations.Enqueue((GrainId, reason));
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        _count++;
        _version = await storage.WriteAsync(StateName, GrainKey, _count, _version);
        return _count;
    }
}
