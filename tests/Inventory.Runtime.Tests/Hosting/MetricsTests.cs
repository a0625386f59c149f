using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Inventory.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Runtime.Tests.Hosting;

public sealed class MetricsTests
{
    [Fact]
    public async Task TheRuntimeCountsCallsActivationsDeactivationsAndBatches()
    {
        var probe = new Probe();
        await using var host = await TestHosts.StartAsync(probe);
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        var totals = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == GrainRuntime.MeterName && instrument.Meter.Scope == meterFactory)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((i, value, _, _) => totals.AddOrUpdate(i.Name, value, (_, t) => t + value));
        listener.SetMeasurementEventCallback<int>((i, value, _, _) => totals.AddOrUpdate(i.Name, value, (_, t) => t + value));
        listener.SetMeasurementEventCallback<double>((i, value, _, _) => totals.AddOrUpdate(i.Name, 1, (_, t) => t + 1));
        listener.Start();

        var counter = host.GrainFactory.GetGrain<ICounterGrain>("k");
        for (var i = 0; i < 3; i++)
            await counter.Increment();
        await host.GrainFactory.GetGrain<IBatchGrain>("b").Add(1);
        await host.Runtime.DeactivateAsync(new GrainId(nameof(ICounterGrain), "k"));

        Assert.Equal(4, totals["inventory.runtime.calls"]);
        Assert.Equal(2, totals["inventory.runtime.activations"]);
        Assert.Equal(1, totals["inventory.runtime.deactivations"]);
        Assert.Equal(1, totals["inventory.runtime.batch.size"]);
        Assert.Equal(1, totals["inventory.runtime.batch.commit.duration"]);
    }
}
