using Inventory.Runtime.Tests.TestGrains;

namespace Inventory.Runtime.Tests.Messaging;

public sealed class GrainReferenceTests
{
    private readonly Probe _probe = new();

    [Fact]
    public async Task GetGrainRejectsAnInterfaceWithAMethodThatDoesNotReturnATask()
    {
        await using var host = await TestHosts.StartAsync(_probe);

        var error = Assert.Throws<ArgumentException>(() => host.GrainFactory.GetGrain<IInvalidGrain>("k"));

        Assert.Contains("NotATask", error.Message);
        Assert.Contains("Task or Task<T>", error.Message);
    }

    [Fact]
    public async Task GetGrainRejectsAnInterfaceWithoutRegisteredGrainClass()
    {
        await using var host = await TestHosts.StartAsync(_probe);

        var error = Assert.Throws<InvalidOperationException>(() => host.GrainFactory.GetGrain<IUnregisteredGrain>("k"));

        Assert.Contains(nameof(IUnregisteredGrain), error.Message);
    }

    [Fact]
    public async Task MethodsOfGenericBaseInterfacesAndExplicitImplementationsAreCallable()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<INumberGrain>("n");

        Assert.Equal(42, await grain.Get());
        Assert.Equal("7 kg", await grain.Describe(7, "kg"));
    }

    [Fact]
    public async Task ReferencesToTheSameGrainAreEqualAndPrintTheirId()
    {
        await using var host = await TestHosts.StartAsync(_probe);

        var a = host.GrainFactory.GetGrain<ICounterGrain>("k");
        var b = host.GrainFactory.GetGrain<ICounterGrain>("k");

        Assert.Equal(a, b);
        Assert.NotEqual(a, host.GrainFactory.GetGrain<ICounterGrain>("other"));
        Assert.Equal("ICounterGrain/k", a.ToString());
    }

    [Fact]
    public async Task AHotGrainAnswersTenThousandConcurrentCalls()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("hot");

        var calls = new Task<int>[10_000];
        for (var i = 0; i < calls.Length; i++)
            calls[i] = grain.Increment();
        var counts = await Eventually.Within(Task.WhenAll(calls));

        Assert.Equal(Enumerable.Range(1, calls.Length), counts); // answered in the order sent
    }
}
