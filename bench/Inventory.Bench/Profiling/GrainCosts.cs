using System.Diagnostics;
using Inventory.Domain;
using Inventory.Grains.Positions;
using Inventory.Postgres.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using static System.FormattableString;

namespace Inventory.Bench.Profiling;

/// <summary>
/// <c>--grain-costs</c>: what one Orleans grain call costs here, what copying a result costs with and without
/// [Immutable], and the memory one active stock position takes (N positions activated over PostgreSQL, each with a
/// receipt and a few reservations; the managed heap and the working set read before and after).
/// </summary>
public static class GrainCosts
{
    private static readonly Actor Clerk = new("bench", "warehouse_staff");

    public static async Task<int> RunAsync(int positions, CancellationToken cancellationToken)
    {
        await using var postgres = await EmbeddedPostgres.StartTemporaryAsync();
        var connectionString = await postgres.EnsureDatabaseAsync("bench_grain_costs", cancellationToken);
        using var host = await InProcessSilo.StartAsync(connectionString, cancellationToken);
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        // 1. One grain call, in the silo's process, to an active position: sequential, then 64 callers at once.
        var hot = grains.GetGrain<IStockPositionGrain>("W0/CALLS");
        await hot.ReceiveAsync(new ReceiveStock(10, 1m), Clerk);
        for (var i = 0; i < 20_000; i++) await hot.GetValuationAsync();
        const int sequential = 100_000;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < sequential; i++) await hot.GetValuationAsync();
        var perCall = Stopwatch.GetElapsedTime(started).TotalMicroseconds / sequential;
        var parallelCalls = 0L;
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                await hot.GetValuationAsync();
                Interlocked.Increment(ref parallelCalls);
            }
        })));
        Console.WriteLine(Invariant($"grain call (GetValuationAsync on an active position, co-hosted): {perCall:0.0} µs sequential; {parallelCalls / 3.0:N0} calls/s with 64 callers"));

        // 2. Copying: Orleans deep-copies arguments and results of calls inside a silo unless the type is [Immutable].
        var movement = await hot.ReceiveAsync(new ReceiveStock(1, 1m, Lot: "L1"), Clerk);
        var copier = host.Services.GetRequiredService<DeepCopier<Result<Movement>>>();
        var serializer = host.Services.GetRequiredService<Serializer>();
        var copyNs = Time(1_000_000, () => copier.Copy(movement));
        var roundTripNs = Time(200_000, () => serializer.Deserialize<Result<Movement>>(serializer.SerializeToArray(movement)));
        Console.WriteLine(Invariant($"copy of a Result<Movement> ([Immutable]): {copyNs:0.0} ns (same Movement instance: {ReferenceEquals(copier.Copy(movement).Value, movement.Value)}); a serializer round trip of it, the order of a copy it would need otherwise: {roundTripNs:0} ns"));

        // 3. Memory per active position: activate N, each with a receipt and three reservations.
        Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Process.GetCurrentProcess().WorkingSet64;
        var expires = DateTimeOffset.UtcNow.AddHours(2);
        var next = -1;
        started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, 256).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < positions)
            {
                var position = grains.GetGrain<IStockPositionGrain>($"W{n % 10}/MEM-{n}");
                await position.ReceiveAsync(new ReceiveStock(100, 2m), Clerk);
                for (var r = 0; r < 3; r++)
                    await position.ReserveAsync($"m{n}-{r}", 1, expires, Clerk, null);
            }
        })));
        var activation = Stopwatch.GetElapsedTime(started);
        Collect();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetAfter = Process.GetCurrentProcess().WorkingSet64;
        var active = host.Services.GetRequiredService<ActivePositions>().Count;
        Console.WriteLine(Invariant($"{positions:N0} positions activated with a receipt and 3 reservations each in {activation.TotalSeconds:0.0} s; {active:N0} active"));
        Console.WriteLine(Invariant($"managed heap: +{(heapAfter - heapBefore) / (double)positions:N0} bytes per active position; working set: +{(workingSetAfter - workingSetBefore) / (double)positions:N0} bytes"));

        // The same domain state without Orleans: how much of that is the position itself.
        Collect();
        var domainBefore = GC.GetTotalMemory(forceFullCollection: true);
        var plain = new List<StockPosition>(positions);
        for (var n = 0; n < positions; n++)
        {
            var p = new StockPosition(new PositionKey($"W{n % 10}", $"MEM-{n}"), CostingMethod.Fifo, new StockPolicy());
            p.Receive(new ReceiveStock(100, 2m), Clerk, DateTimeOffset.UtcNow);
            for (var r = 0; r < 3; r++)
                p.Reserve($"m{n}-{r}", 1, expires, Clerk, DateTimeOffset.UtcNow);
            plain.Add(p);
        }
        Collect();
        var domainAfter = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(Invariant($"the StockPosition alone (domain state, no grain): {(domainAfter - domainBefore) / (double)positions:N0} bytes per position"));
        GC.KeepAlive(plain);

        await host.StopAsync(CancellationToken.None);
        return 0;
    }

    private static double Time(int iterations, Action action)
    {
        for (var i = 0; i < iterations / 10; i++) action();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++) action();
        return Stopwatch.GetElapsedTime(started).TotalNanoseconds / iterations;
    }

    private static void Collect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

}
