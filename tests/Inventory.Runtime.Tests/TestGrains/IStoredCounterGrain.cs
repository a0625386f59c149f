namespace Inventory.Runtime.Tests.TestGrains;

public interface IStoredCounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one and writes the count with a version check.</summary>
    Task<int> Increment();
}
