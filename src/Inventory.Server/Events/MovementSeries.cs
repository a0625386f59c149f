using Inventory.Grains.Events;
using Inventory.Queries.Live;

namespace Inventory.Server.Events;

/// <summary>
/// Ledger entries per minute over the last hour, in memory: seeded once from the ledger, then counted from live
/// events (<see cref="HubEventBridge"/>). Entries committed before the seed query are in the seed; live events
/// with an earlier time are not counted twice.
/// </summary>
public sealed class MovementSeries(TimeProvider time)
{
    public const int Minutes = 60;

    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, Dictionary<string, long>> _buckets = [];
    private DateTimeOffset _seededAt = DateTimeOffset.MinValue;
    private long _version;

    /// <summary>Changes whenever a count changes (the metrics publisher sends only then).</summary>
    public long Version => Interlocked.Read(ref _version);

    public void Seed(IEnumerable<MovementBucket> buckets, DateTimeOffset seededAt)
    {
        lock (_lock)
        {
            foreach (var bucket in buckets)
                Add(bucket.Minute, bucket.Entry, bucket.Count);
            _seededAt = seededAt;
            Interlocked.Increment(ref _version);
        }
    }

    public void Record(StockEvent item)
    {
        if (item.Entry is null)
            return; // level.changed is a summary, not a movement
        lock (_lock)
        {
            if (item.At < _seededAt)
                return;
            Add(item.At, item.Entry, 1);
            Interlocked.Increment(ref _version);
        }
    }

    public DashboardMetrics Snapshot()
    {
        var now = time.GetUtcNow();
        var current = MinuteOf(now);
        var points = new List<MovementPoint>(Minutes);
        long hour = 0;
        lock (_lock)
        {
            foreach (var key in _buckets.Keys.Where(k => k <= current - Minutes).ToList())
                _buckets.Remove(key);
            for (var minute = current - Minutes + 1; minute <= current; minute++)
            {
                var counts = _buckets.TryGetValue(minute, out var c) ? new Dictionary<string, long>(c) : [];
                var point = new MovementPoint(DateTimeOffset.FromUnixTimeSeconds(minute * 60), counts);
                hour += point.Total;
                points.Add(point);
            }
        }
        var secondsIntoMinute = now.ToUnixTimeSeconds() % 60;
        var lastMinute = points[^1].Total + points[^2].Total * (60 - secondsIntoMinute) / 60;
        return new DashboardMetrics(now, points, hour, lastMinute);
    }

    private void Add(DateTimeOffset at, string entry, long count)
    {
        var minute = MinuteOf(at);
        if (!_buckets.TryGetValue(minute, out var counts))
            _buckets[minute] = counts = new Dictionary<string, long>(StringComparer.Ordinal);
        counts[entry] = counts.GetValueOrDefault(entry) + count;
    }

    private static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;
}
