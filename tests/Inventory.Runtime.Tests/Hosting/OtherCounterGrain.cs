namespace Inventory.Runtime.Tests.Hosting.Other;

/// <summary>Same short name as the test grain interface, in another namespace.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task Ping();
}

public sealed class CounterGrain : Grain, ICounterGrain
{
    public Task Ping() => Task.CompletedTask;
}
