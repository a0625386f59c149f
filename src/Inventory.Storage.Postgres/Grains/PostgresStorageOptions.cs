namespace Inventory.Storage.Postgres.Grains;

public sealed class PostgresStorageOptions
{
    public const int DefaultCommitWriters = 2;
    public const int DefaultMaxPositionsPerCommit = 256;

    /// <summary>
    /// Statements committing position batches that may be in flight at once (2): while one waits for its WAL flush,
    /// the next gathers and goes.
    /// </summary>
    public int CommitWriters { get; set; } = DefaultCommitWriters;

    /// <summary>Most positions merged into one commit statement (256).</summary>
    public int MaxPositionsPerCommit { get; set; } = DefaultMaxPositionsPerCommit;
}
