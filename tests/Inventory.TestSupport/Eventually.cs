namespace Inventory.TestSupport;

/// <summary>Waiting for a condition reached asynchronously; the timeout is generous and only bounds a failing test.</summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static Task TrueAsync(Func<Task<bool>> condition, string because) => TrueAsync(condition, because, Timeout);

    /// <param name="timeout">For conditions that need a cluster to notice a dead silo, or a flood to get going.</param>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting until {because}.");
            await Task.Delay(5);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string because) => TrueAsync(() => Task.FromResult(condition()), because);
}
