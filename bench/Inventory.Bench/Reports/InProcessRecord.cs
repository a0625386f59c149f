namespace Inventory.Bench.Reports;

/// <summary>
/// The reservation path without HTTP: the same grains over the same PostgreSQL, called in-process at a concurrency,
/// with the position grains' own write-size and write-duration histograms ("Inventory.Grains" meter).
/// </summary>
public sealed record InProcessRecord(string Scenario, int Concurrency, double ReservationsPerSecond, double P50, double P99,
    long Batches, double MeanBatch, double MeanCommitMilliseconds, long Refused, long Errors);
