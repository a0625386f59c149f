using System.Diagnostics.Metrics;

namespace Inventory.Runtime;

/// <summary>The instruments of the "Inventory.Runtime" meter. Tags are preallocated so recording never allocates.</summary>
internal sealed class RuntimeMetrics
{
    private static readonly KeyValuePair<string, object?>[] ReasonTags =
        Enum.GetValues<DeactivationReason>().Select(r => new KeyValuePair<string, object?>("reason", r.ToString())).ToArray();

    private readonly Counter<long> _calls;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _timedOut;
    private readonly Counter<long> _activations;
    private readonly Counter<long> _activationFailures;
    private readonly Counter<long> _deactivations;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;

    public RuntimeMetrics(Meter meter, Func<int> activeCount)
    {
        _calls = meter.CreateCounter<long>("inventory.runtime.calls", "{call}", "Grain calls run by activations");
        _rejected = meter.CreateCounter<long>("inventory.runtime.calls.rejected", "{call}", "Calls shed because the mailbox was full");
        _timedOut = meter.CreateCounter<long>("inventory.runtime.calls.timed_out", "{call}", "Calls whose caller got a TimeoutException");
        _activations = meter.CreateCounter<long>("inventory.runtime.activations", "{activation}", "Grain activations created");
        _activationFailures = meter.CreateCounter<long>("inventory.runtime.activations.failed", "{activation}", "Activations whose OnActivateAsync threw");
        _deactivations = meter.CreateCounter<long>("inventory.runtime.deactivations", "{activation}", "Grain activations deactivated, by reason");
        _batchSize = meter.CreateHistogram<int>("inventory.runtime.batch.size", "{call}", "Calls per group commit");
        _commitDuration = meter.CreateHistogram<double>("inventory.runtime.batch.commit.duration", "s", "Duration of CommitBatchAsync");
        meter.CreateObservableGauge("inventory.runtime.activations.active", activeCount, "{activation}", "Activations in the activation table");
    }

    public void CallsRun(int count, in KeyValuePair<string, object?> grainType) => _calls.Add(count, grainType);

    public void CallRejected(in KeyValuePair<string, object?> grainType) => _rejected.Add(1, grainType);

    public void CallsTimedOut(int count) => _timedOut.Add(count);

    public void Activated(in KeyValuePair<string, object?> grainType) => _activations.Add(1, grainType);

    public void ActivationFailed(in KeyValuePair<string, object?> grainType) => _activationFailures.Add(1, grainType);

    public void Deactivated(DeactivationReason reason) => _deactivations.Add(1, ReasonTags[(int)reason]);

    public void BatchCommitted(int calls, TimeSpan duration, in KeyValuePair<string, object?> grainType)
    {
        _batchSize.Record(calls, grainType);
        _commitDuration.Record(duration.TotalSeconds, grainType);
    }
}
