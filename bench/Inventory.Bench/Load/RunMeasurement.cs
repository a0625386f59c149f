namespace Inventory.Bench.Load;

/// <summary>One closed-loop run: one workload, one system, one concurrency.</summary>
public sealed record RunMeasurement(
    string Scenario,
    string System,
    int Concurrency,
    double DurationSeconds,
    long Requests,
    long Successes,
    long Refused,
    long Errors,
    double SuccessesPerSecond,
    double RequestsPerSecond,
    double? SellOutSeconds,
    LatencySummary Latency,
    LatencySummary SuccessLatency,
    IReadOnlyDictionary<string, int> ErrorKinds)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;
}
