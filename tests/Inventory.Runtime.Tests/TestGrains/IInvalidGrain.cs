namespace Inventory.Runtime.Tests.TestGrains;

public interface IInvalidGrain : IGrainWithStringKey
{
    Task Fine();

    int NotATask();
}

public sealed class InvalidGrain : Grain, IInvalidGrain
{
    public Task Fine() => Task.CompletedTask;

    public int NotATask() => 0;
}

/// <summary>Valid, but never registered.</summary>
public interface IUnregisteredGrain : IGrainWithStringKey
{
    Task Fine();
}

public interface IValueGrain<T> : IGrainWithStringKey
{
    Task<T> Get();
}

/// <summary>Methods come from a generic base interface; one is implemented explicitly.</summary>
public interface INumberGrain : IValueGrain<int>
{
    Task<string> Describe(int value, string unit);
}

public sealed class NumberGrain : Grain, INumberGrain
{
    Task<int> IValueGrain<int>.Get() => Task.FromResult(42);

    public Task<string> Describe(int value, string unit) => Task.FromResult($"{value} {unit}");
}
