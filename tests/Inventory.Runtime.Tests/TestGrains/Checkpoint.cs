namespace Inventory.Runtime.Tests.TestGrains;

/// <summary>
/// A point in grain code a test can hold: <see cref="HoldNext"/> makes the next pass wait until the test releases
/// (or fails) it. Passes without a hold go straight through.
/// </summary>
public sealed class Checkpoint
{
    private Hold? _hold;

    public Hold HoldNext()
    {
        var hold = new Hold();
        Volatile.Write(ref _hold, hold);
        return hold;
    }

    public async Task PassAsync()
    {
        var hold = Interlocked.Exchange(ref _hold, null);
        if (hold is null)
            return;
        hold.Enter();
        await hold.Released;
    }
}

public sealed class Hold
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when grain code reaches the held point.</summary>
    public Task Entered => _entered.Task;

    internal Task Released => _released.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>Lets the grain code go on by throwing <paramref name="exception"/> at the held point.</summary>
    public void Fail(Exception exception) => _released.TrySetException(exception);

    internal void Enter() => _entered.TrySetResult();
}
