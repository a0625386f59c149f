using System.Diagnostics;
using System.Diagnostics.Metrics;
using Inventory.Bench.Reports;
using Inventory.Domain;
using Inventory.Domain.Reservations;
using Inventory.Grains.Positions;
using Inventory.Grains.Reservations;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Bench.Profiling;

/// <summary>
/// The hot-SKU reservation path without HTTP: the product's grains over its PostgreSQL stores in this process, called
/// by N concurrent callers in a closed loop. Against the HTTP runs it shows what HTTP, JSON and JWT cost; the
/// "Inventory.Grains" meter shows the batch sizes and commit durations the position actually reached.
/// </summary>
public static class InProcessProfile
{
    private const string Warehouse = "WH-A";
    private static readonly Actor Buyer = new("bench", "sales_staff");

    public static async Task<IReadOnlyList<InProcessRecord>> RunAsync(string connectionString, IReadOnlyList<int> concurrencies,
        TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var host = await InProcessSilo.StartAsync(connectionString, cancellationToken);
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var records = new List<InProcessRecord>();
        foreach (var concurrency in concurrencies)
        {
            // A fresh position with stock that does not run out: this measures the steady selling rate.
            var sku = $"INPROC-HOT-{concurrency}";
            var position = grains.GetGrain<IStockPositionGrain>(new PositionKey(Warehouse, sku).ToString());
            var received = await position.ReceiveAsync(new ReceiveStock(10_000_000m, 1m, Reference: "bench-seed"), Buyer);
            if (!received.IsSuccess)
                throw new InvalidOperationException($"Seeding {sku} failed: {received.Failure!.Code}");
            records.Add(await RunOneAsync(grains, sku, concurrency, warmup, duration));
            cancellationToken.ThrowIfCancellationRequested();
        }
        await host.StopAsync(CancellationToken.None);
        return records;
    }


    private static async Task<InProcessRecord> RunOneAsync(IGrainFactory grains, string sku, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        long batches = 0, batchCalls = 0;
        double commitSeconds = 0;
        var measuring = false;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CommitMetrics.MeterName && instrument.Name is CommitMetrics.CommitEntries or CommitMetrics.CommitDuration)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            if (Volatile.Read(ref measuring))
            {
                Interlocked.Increment(ref batches);
                Interlocked.Add(ref batchCalls, value);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (Volatile.Read(ref measuring))
            {
                double seen, sum;
                do { seen = Volatile.Read(ref commitSeconds); sum = seen + value; }
                while (Interlocked.CompareExchange(ref commitSeconds, sum, seen) != seen);
            }
        });
        listener.Start();

        var frequency = Stopwatch.Frequency;
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * frequency);
        var latencies = new List<long>[concurrency];
        var refused = new long[concurrency];
        var errors = new long[concurrency];
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            var worker = w;
            latencies[w] = new List<long>(16_384);
            workers[w] = Task.Run(async () =>
            {
                var request = new CreateReservation([new ReservationLineRequest(Warehouse, sku, 1m)], TimeSpan.FromHours(1), "bench-inproc");
                while (true)
                {
                    var sentAt = Stopwatch.GetTimestamp();
                    if (sentAt >= measureTo) return;
                    var measured = sentAt >= measureFrom;
                    if (measured) Volatile.Write(ref measuring, true);
                    try
                    {
                        var result = await grains.GetGrain<IReservationGrain>(Guid.NewGuid().ToString("N")).CreateAsync(request, Buyer);
                        if (!measured) continue;
                        latencies[worker].Add(Stopwatch.GetTimestamp() - sentAt);
                        if (!result.IsSuccess) refused[worker]++;
                    }
                    catch (Exception) when (measured)
                    {
                        errors[worker]++;
                    }
                    catch (Exception)
                    {
                        // warm-up: not counted
                    }
                }
            });
        }
        await Task.WhenAll(workers);
        Volatile.Write(ref measuring, false);

        var all = latencies.SelectMany(l => l).ToArray();
        var summary = Load.LatencySummary.Of(all);
        var successes = all.Length - refused.Sum();
        return new InProcessRecord("hot", concurrency, successes / duration.TotalSeconds, summary.P50, summary.P99,
            batches, batches == 0 ? 0 : (double)batchCalls / batches, batches == 0 ? 0 : commitSeconds / batches * 1000,
            refused.Sum(), errors.Sum());
    }
}
