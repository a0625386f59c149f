namespace Inventory.Events;

/// <summary>Settings of the ledger stream provider (configuration section Inventory:Events).</summary>
public sealed class LedgerStreamOptions
{
    /// <summary>
    /// How many queues the ledger is split into (by a hash of the position key). Orleans spreads the queues over the
    /// silos and moves a dead silo's queues to the survivors; more queues than silos lets the work spread evenly.
    /// Every queue reads the ledger's sequence in full (to see gaps) and keeps its own positions' rows. Changing it
    /// starts new checkpoints from the lowest old one, so events since then come again (consumers drop them by seq).
    /// </summary>
    public int Queues { get; set; } = 4;

    /// <summary>Most ledger rows one queue reads per round.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How often a queue reads the ledger when nothing wakes it. A commit in this process wakes the queues of this
    /// process at once; commits of other nodes are seen by this poll.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a missing sequence number is waited for before a queue moves past it. Identity values are taken at
    /// INSERT but become visible at COMMIT, so seq 41 can appear after seq 42; it may also never appear (a rolled back
    /// transaction). A transaction that commits later than this after a higher one is not delivered.
    /// </summary>
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// While events keep coming, a queue's checkpoint is written at most this often (each write is a durable commit);
    /// it is written at once when the queue stops. After a crash, what was read since is delivered again (at least
    /// once; consumers drop what they have seen by ledger seq).
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);
}
