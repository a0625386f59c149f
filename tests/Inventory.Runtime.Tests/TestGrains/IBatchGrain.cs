namespace Inventory.Runtime.Tests.TestGrains;

public interface IBatchGrain : IGrainWithStringKey
{
    /// <summary>Adds to the total; answered once the batch holding this call is committed.</summary>
    Task<AddResult> Add(int amount);

    Task Fail();

    Task<int> GetTotal();
}

/// <param name="Activation">Number of the activation that ran the call.</param>
/// <param name="Commit">Number of the commit that will hold this call (commits completed so far + 1).</param>
/// <param name="Total">The total after this call.</param>
public sealed record AddResult(int Activation, int Commit, int Total);
