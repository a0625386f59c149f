namespace Inventory.TestSupport;

/// <summary>Waiting for a condition reached asynchronously; the timeout is generous and only bounds a failing test.</summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Looks again after 5 ms, then less and less often, up to every 100 ms (conditions that call other processes).</summary>
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(5), LongestPoll = TimeSpan.FromMilliseconds(100);

    public static Task TrueAsync(Func<bool> condition, string because) => TrueAsync(() => Task.FromResult(condition()), because);

    public static Task TrueAsync(Func<Task<bool>> condition, string because) => TrueAsync(condition, because, Timeout);

    /// <param name="timeout">For conditions that need a cluster to notice a dead silo, or a flood to get going.</param>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var poll = FirstPoll;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting until {because}.");
            await Task.Delay(poll);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
        }
    }

    /// <summary>The first value <paramref name="read"/> gives that is not null.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> read, string because) where T : class
    {
        T? value = null;
        await TrueAsync(async () => (value = await read()) is not null, because);
        return value!;
    }

    /// <summary>The first value <paramref name="read"/> gives that is not null.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> read, string because) where T : struct
    {
        T? value = null;
        await TrueAsync(async () => (value = await read()) is not null, because);
        return value!.Value;
    }
}
