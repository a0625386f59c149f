namespace Inventory.TestSupport;

/// <summary>Waiting for a condition reached asynchronously; the timeout is generous and only bounds a failing test.</summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task TrueAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting until {because}.");
            await Task.Delay(5);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string because) => TrueAsync(() => Task.FromResult(condition()), because);
}
