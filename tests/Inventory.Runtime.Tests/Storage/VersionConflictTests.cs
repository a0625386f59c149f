using Inventory.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Runtime.Tests.Storage;

public sealed class VersionConflictTests
{
    private readonly Probe _probe = new();

    [Fact]
    public async Task AVersionConflictReachesTheCallerAndTheNextCallReloadsTheState()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<IStoredCounterGrain>("c");
        Assert.Equal(1, await grain.Increment());
        await host.Services.GetRequiredService<IGrainStorage>().WriteAsync(StoredCounterGrain.StateName, "c", 41, 1); // another writer wins

        await Assert.ThrowsAsync<VersionConflictException>(() => grain.Increment());

        Assert.Equal(42, await grain.Increment());
        Assert.Equal(2, _probe.Activations);
        Assert.Equal([(new GrainId(nameof(IStoredCounterGrain), "c"), DeactivationReason.StateConflict)], _probe.Deactivations);
    }
}
