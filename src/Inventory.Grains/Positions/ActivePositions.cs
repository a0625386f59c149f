using System.Collections.Concurrent;

namespace Inventory.Grains.Positions;

/// <summary>
/// The stock positions active in this silo and how busy each is, for the admin tooling's "hottest positions" (Orleans'
/// management grain counts activations but does not count calls). Each activation adds itself on activation and
/// removes itself on deactivation.
/// </summary>
public sealed class ActivePositions(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Calls> _active = new(StringComparer.Ordinal);

    public Calls Add(string position)
    {
        var calls = new Calls(time.GetUtcNow(), time.GetTimestamp());
        _active[position] = calls;
        return calls;
    }

    public void Remove(string position, Calls calls) => _active.TryRemove(KeyValuePair.Create(position, calls));

    /// <summary>How many positions are active in this silo.</summary>
    public int Count => _active.Count;

    /// <summary>Calls of this silo's positions applied to memory and waiting for their write.</summary>
    public int Waiting => _active.Values.Sum(c => c.Waiting);

    /// <summary>The busiest active positions: by calls per second since activation, then by calls waiting for their commit.</summary>
    public IReadOnlyList<(string Position, Calls Calls)> Hottest(int top)
    {
        var now = time.GetTimestamp();
        return _active.Select(e => (e.Key, e.Value))
            .OrderByDescending(e => e.Value.PerSecond(time, now))
            .ThenByDescending(e => e.Value.Waiting)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .Take(Math.Max(0, top))
            .ToList();
    }

    /// <summary>One activation's counters; written only by its activation (one turn at a time), read by the admin tooling.</summary>
    public sealed class Calls(DateTimeOffset activatedAt, long activatedTimestamp)
    {
        private readonly long _activated = activatedTimestamp;
        private long _total;
        private int _waiting;
        private long _lastCall = activatedTimestamp;

        public DateTimeOffset ActivatedAt { get; } = activatedAt;

        public long Total => Volatile.Read(ref _total);

        /// <summary>Calls applied to memory and waiting for the write that makes them durable.</summary>
        public int Waiting => Volatile.Read(ref _waiting);

        public void Started(long timestamp)
        {
            Volatile.Write(ref _total, _total + 1);
            Volatile.Write(ref _waiting, _waiting + 1);
            Volatile.Write(ref _lastCall, timestamp);
        }

        public void Answered() => Volatile.Write(ref _waiting, _waiting - 1);

        public double PerSecond(TimeProvider time, long now)
        {
            var seconds = time.GetElapsedTime(_activated, now).TotalSeconds;
            return seconds <= 0 ? 0 : Total / Math.Max(seconds, 1);
        }

        public TimeSpan IdleFor(TimeProvider time, long now) => time.GetElapsedTime(Volatile.Read(ref _lastCall), now);
    }
}
