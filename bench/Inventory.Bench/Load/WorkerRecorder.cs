namespace Inventory.Bench.Load;

/// <summary>
/// What one worker saw, kept in plain arrays owned by that worker alone (no locks on the hot path); merged after the
/// run. Latencies are Stopwatch ticks.
/// </summary>
public sealed class WorkerRecorder(int positionCount)
{
    private long[] _latencies = new long[16_384];
    private byte[] _outcomes = new byte[16_384];

    public int Count { get; private set; }

    public long LastSuccessAt { get; private set; }

    /// <summary>Units acknowledged (201) per catalogue position, warm-up included: the database must hold exactly these.</summary>
    public long[] Acknowledged { get; } = new long[positionCount];

    public long AcknowledgedRequests { get; private set; }

    public Dictionary<string, int> ErrorKinds { get; } = new(StringComparer.Ordinal);

    public ReadOnlySpan<long> Latencies => _latencies.AsSpan(0, Count);

    public ReadOnlySpan<byte> Outcomes => _outcomes.AsSpan(0, Count);

    public void Record(long latencyTicks, Outcome outcome)
    {
        if (Count == _latencies.Length)
        {
            Array.Resize(ref _latencies, Count * 2);
            Array.Resize(ref _outcomes, Count * 2);
        }
        _latencies[Count] = latencyTicks;
        _outcomes[Count] = (byte)outcome;
        Count++;
    }

    public void Acknowledge(int[] positions, int[] quantities, long at)
    {
        for (var i = 0; i < positions.Length; i++)
            Acknowledged[positions[i]] += quantities[i];
        AcknowledgedRequests++;
        if (at > LastSuccessAt) LastSuccessAt = at;
    }

    public void Error(string kind)
    {
        if (ErrorKinds.Count < 20 || ErrorKinds.ContainsKey(kind))
            ErrorKinds[kind] = ErrorKinds.GetValueOrDefault(kind) + 1;
    }
}
