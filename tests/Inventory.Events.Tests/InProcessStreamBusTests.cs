using System.Collections.Concurrent;
using Inventory.Grains.Events;
using Inventory.TestSupport;
using StreamId = Inventory.Grains.Events.StreamId;

namespace Inventory.Events.Tests;

public sealed class InProcessStreamBusTests : IDisposable
{
    private static readonly StreamId Sku1 = new("stock", "sku-1");
    private static readonly StreamId Sku2 = new("stock", "sku-2");

    private readonly InProcessStreamBus _bus = new();

    public void Dispose() => _bus.Dispose();

    [Fact]
    public async Task SubscribersByStreamAndByNamespaceReceiveItemsInPublishOrder()
    {
        var byStream = new ConcurrentQueue<int>();
        var byNamespace = new ConcurrentQueue<(StreamId, int)>();
        using var s1 = _bus.Subscribe<int>(Sku1, (_, item) => Enqueue(byStream, item));
        using var s2 = _bus.SubscribeNamespace<int>("stock", (id, item) => Enqueue(byNamespace, (id, item)));

        for (var i = 0; i < 100; i++)
        {
            await _bus.PublishAsync(Sku1, i);
            await _bus.PublishAsync(Sku2, -i);
        }

        await Eventually.TrueAsync(() => byStream.Count == 100 && byNamespace.Count == 200, "every item arrived");
        Assert.Equal(Enumerable.Range(0, 100), byStream);
        Assert.Equal(Enumerable.Range(0, 100), byNamespace.Where(e => e.Item1 == Sku1).Select(e => e.Item2));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => -i), byNamespace.Where(e => e.Item1 == Sku2).Select(e => e.Item2));
    }

    [Fact]
    public async Task ASlowSubscriberBlocksNeitherThePublisherNorOtherSubscribers()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new ConcurrentQueue<int>();
        var fast = new ConcurrentQueue<int>();
        using var s1 = _bus.Subscribe<int>(Sku1, async (_, item) =>
        {
            await gate.Task;
            slow.Enqueue(item);
        });
        using var s2 = _bus.Subscribe<int>(Sku1, (_, item) => Enqueue(fast, item));

        for (var i = 0; i < 50; i++)
            Assert.True(_bus.PublishAsync(Sku1, i).IsCompleted);

        await Eventually.TrueAsync(() => fast.Count == 50, "the fast subscriber got every item");
        Assert.Empty(slow);
        gate.SetResult();
        await Eventually.TrueAsync(() => slow.Count == 50, "the slow subscriber caught up");
        Assert.Equal(Enumerable.Range(0, 50), slow);
    }

    [Fact]
    public async Task AThrowingHandlerKeepsItsSubscriptionAndDoesNotDisturbOthers()
    {
        var survivor = new ConcurrentQueue<int>();
        var other = new ConcurrentQueue<int>();
        using var s1 = _bus.Subscribe<int>(Sku1, (_, item) =>
            item % 2 == 0 ? throw new InvalidOperationException("even") : Enqueue(survivor, item));
        using var s2 = _bus.SubscribeNamespace<int>("stock", (_, item) => Enqueue(other, item));

        for (var i = 0; i < 10; i++)
            await _bus.PublishAsync(Sku1, i);

        await Eventually.TrueAsync(() => survivor.Count == 5 && other.Count == 10, "the items arrived");
        Assert.Equal([1, 3, 5, 7, 9], survivor);
    }

    [Fact]
    public async Task ADisposedSubscriptionReceivesNothingMore()
    {
        var received = new ConcurrentQueue<int>();
        var witness = new ConcurrentQueue<int>();
        var subscription = _bus.Subscribe<int>(Sku1, (_, item) => Enqueue(received, item));
        using var s2 = _bus.Subscribe<int>(Sku1, (_, item) => Enqueue(witness, item));
        await _bus.PublishAsync(Sku1, 1);
        await Eventually.TrueAsync(() => received.Count == 1, "the first item arrived");

        subscription.Dispose();
        await _bus.PublishAsync(Sku1, 2);
        await Eventually.TrueAsync(() => witness.Count == 2, "the second item was delivered");

        Assert.Equal([1], received);
    }

    [Fact]
    public async Task SubscribersReceiveOnlyItemsOfTheirItemType()
    {
        var strings = new ConcurrentQueue<string>();
        var objects = new ConcurrentQueue<object>();
        using var s1 = _bus.Subscribe<string>(Sku1, (_, item) => Enqueue(strings, item));
        using var s2 = _bus.Subscribe<object>(Sku1, (_, item) => Enqueue(objects, item));

        await _bus.PublishAsync(Sku1, 7);
        await _bus.PublishAsync(Sku1, "seven");

        // Each subscriber has its own queue, in publish order: once the string subscriber has "seven", the 7 before it
        // would have reached it too.
        await Eventually.TrueAsync(() => objects.Count == 2 && strings.Contains("seven"), "both subscribers got their items");
        Assert.Equal(["seven"], strings);
        Assert.Equal([7, "seven"], objects);
    }

    private static Task Enqueue<T>(ConcurrentQueue<T> queue, T item)
    {
        queue.Enqueue(item);
        return Task.CompletedTask;
    }
}
