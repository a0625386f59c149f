using System.Collections.Concurrent;

namespace Inventory.Runtime.Tests.TestGrains;

public sealed class BatchProbe
{
    private int _commits;

    /// <summary>Commits that completed, over all activations.</summary>
    public int Commits => Volatile.Read(ref _commits);

    /// <summary>Calls per commit, in commit order.</summary>
    public ConcurrentQueue<int> BatchSizes { get; } = new();

    public TimeSpan CommitDelay { get; set; }

    internal void OnCommitted() => Interlocked.Increment(ref _commits);
}
