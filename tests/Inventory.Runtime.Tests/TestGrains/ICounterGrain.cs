namespace Inventory.Runtime.Tests.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the in-memory count and returns it.</summary>
    Task<int> Increment();

    /// <summary>The activation's number (1 for the first activation in the test, ...).</summary>
    Task<int> GetActivationNumber();

    Task<GrainId> GetId();

    /// <summary>Runs across awaits; the probe counts overlapping execution.</summary>
    Task SlowTurn();

    Task Record(int value);

    Task Fail(string message);

    /// <summary>Waits at the probe's Block checkpoint.</summary>
    Task Block();

    /// <summary>Calls another counter and waits for it while holding this grain's turn.</summary>
    Task<int> BlockOther(string key);

    Task DeactivateSelf();
}
