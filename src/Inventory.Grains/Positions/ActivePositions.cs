using System.Collections.Concurrent;

namespace Inventory.Grains.Positions;

/// <summary>
/// The stock positions active in this silo: how busy each is, for the admin tooling's "hottest positions" (Orleans'
/// management grain counts activations but does not count calls), and the last durable view each has shown, so a read
/// of a position active here needs no grain call (<see cref="TryGetView"/>). Each activation adds itself on activation
/// and removes itself on deactivation.
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

    /// <summary>
    /// The view the position's activation in this silo last published, if it is still exactly what the grain would
    /// answer at <paramref name="now"/>: published only while everything the activation had applied was durable,
    /// withdrawn by the next change, valid until its next reservation expiry or the next day (lots expire by day).
    /// Null when the position is not active here or has changed since: call the grain then.
    /// </summary>
    public PositionView? TryGetView(string position, DateTimeOffset now)
    {
        if (!_active.TryGetValue(position, out var calls) || calls.View is not { } published || now >= published.ValidUntil)
            return null;
        calls.ReadFromView(time.GetTimestamp());
        return published.View;
    }

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

    /// <summary>
    /// One activation's counters, read by the admin tooling: calls, written only by its activation (one turn at a time),
    /// plus reads answered from its published view, counted from any thread.
    /// </summary>
    public sealed class Calls(DateTimeOffset activatedAt, long activatedTimestamp)
    {
        private readonly long _activated = activatedTimestamp;
        private long _total;
        private int _waiting;
        private long _lastCall = activatedTimestamp;
        private long _viewReads;
        private PublishedView? _view;

        public DateTimeOffset ActivatedAt { get; } = activatedAt;

        /// <summary>Calls, and reads answered from the published view.</summary>
        public long Total => Volatile.Read(ref _total) + Interlocked.Read(ref _viewReads);

        /// <summary>Calls applied to memory and waiting for the write that makes them durable.</summary>
        public int Waiting => Volatile.Read(ref _waiting);

        public void Started(long timestamp)
        {
            Volatile.Write(ref _total, _total + 1);
            Volatile.Write(ref _waiting, _waiting + 1);
            Volatile.Write(ref _lastCall, timestamp);
        }

        public void Answered() => Volatile.Write(ref _waiting, _waiting - 1);

        public void ReadFromView(long timestamp)
        {
            Interlocked.Increment(ref _viewReads);
            Volatile.Write(ref _lastCall, timestamp);
        }

        /// <summary>The activation's last durable view (see <see cref="TryGetView"/>); read by any thread.</summary>
        public PublishedView? View => Volatile.Read(ref _view);

        /// <summary>Only when everything applied is durable, and the view was taken from that state.</summary>
        public void Publish(PositionView view, DateTimeOffset validUntil) => Volatile.Write(ref _view, new PublishedView(view, validUntil));

        /// <summary>In the turn that applies a change, before its first <c>await</c>: the view no longer matches memory.</summary>
        public void Withdraw() => Volatile.Write(ref _view, null);

        public double PerSecond(TimeProvider time, long now)
        {
            var seconds = time.GetElapsedTime(_activated, now).TotalSeconds;
            return seconds <= 0 ? 0 : Total / Math.Max(seconds, 1);
        }

        public TimeSpan IdleFor(TimeProvider time, long now) => time.GetElapsedTime(Volatile.Read(ref _lastCall), now);
    }
}

/// <summary>A position's view and the instant it stops being what the grain would answer.</summary>
public sealed record PublishedView(PositionView View, DateTimeOffset ValidUntil);
