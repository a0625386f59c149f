namespace Inventory.Runtime.Tests;

/// <summary>Polling for conditions reached asynchronously; the timeout is generous and only bounds a failing test.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task TrueAsync(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting until {because}.");
            await Task.Delay(5);
        }
    }

    /// <summary>Bounds a wait that should finish, so a lost call fails the test instead of hanging it.</summary>
    public static Task<T> Within<T>(Task<T> task) => task.WaitAsync(Timeout);

    public static Task Within(Task task) => task.WaitAsync(Timeout);
}
