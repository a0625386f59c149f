using Inventory.Domain;
using Inventory.Domain.Tests;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Positions;
using Inventory.TestSupport;

namespace Inventory.Grains.Tests.OnOrleans;

/// <summary>
/// The model-based test through the real grain: seeded random receipts, reservations, commits, releases, adjustments and
/// clock moves sent to one position grain on a silo, each answer compared with the independent
/// <see cref="ReferenceModel"/>; now and then the activation is dropped so the next call reloads from the store, and at
/// the end the stored snapshot agrees with the model and with the fold of the stored ledger.
/// </summary>
public sealed class GrainModelTests
{
    private const int OperationsPerSeed = 150;
    private static readonly Actor Clerk = GrainTestHost.Clerk;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Random_operations_through_the_grain_agree_with_the_reference_model(int seed)
    {
        var clock = FakeClock.New();
        await using var host = await GrainTestHost.StartAsync(services: s => s.UseFakeClock(clock));
        var random = new Random(seed);
        var method = (CostingMethod)(seed % 3);
        var model = new ReferenceModel(method, allowNegative: false);
        var key = new PositionKey("W1", $"M{seed}");
        Assert.Equal(method, (await Grain().ConfigureAsync(method, null)).CostingMethod);
        var ids = new List<string>();

        for (var op = 0; op < OperationsPerSeed; op++)
        {
            clock.Advance(TimeSpan.FromMinutes(random.Next(0, 20)));
            var now = clock.GetUtcNow();
            model.ExpireDue(now); // the grain expires what is due before every command, and its timer may already have
            var (label, actual, expected) = await StepAsync(now);
            var context = $"seed {seed} op {op}: {label}";

            Assert.True(expected.Code == (actual.IsSuccess ? null : actual.Failure!.Code), $"{context}: expected {expected.Code ?? "success"}, got {actual.Failure?.Code ?? "success"}");
            if (actual.IsSuccess)
            {
                Assert.True((expected.OnHand, expected.Reserved, expected.Cogs, expected.Entries)
                    == (actual.Value.OnHand, actual.Value.Reserved, actual.Value.CostOfGoods, actual.Value.Entries.Count),
                    $"{context}: expected {expected}, got on hand {actual.Value.OnHand}, reserved {actual.Value.Reserved}, cogs {actual.Value.CostOfGoods}, {actual.Value.Entries.Count} entries");
            }
            if (random.Next(20) == 0)
                Assert.True(await host.DeactivateAsync(Grain()), $"{context}: the grain was active"); // the next call reloads
        }

        var view = await Grain().GetAsync();
        Assert.Equal((model.OnHand, model.Reserved), (view.OnHand, view.Reserved));
        await host.DeactivateAsync(Grain());
        var report = await new Reconciler(host.PositionStore, host.Grains).RunAsync();
        Assert.Empty(report.Differences); // the stored snapshot equals the fold of the stored ledger
        var stored = (await host.PositionStore.LoadAsync(key))!;
        Assert.Equal((model.OnHand, model.Reserved), (stored.OnHand, stored.Reserved));

        IStockPositionGrain Grain() => host.Grains.GetGrain<IStockPositionGrain>(key.ToString());

        async Task<(string, Result<Movement>, ReferenceModel.Outcome)> StepAsync(DateTimeOffset now)
        {
            switch (random.Next(6))
            {
                case 0:
                    {
                        var (q, c) = (random.Next(1, 20), random.Next(1, 9) + 0.25m);
                        return ($"receive {q} at {c}", await Grain().ReceiveAsync(new ReceiveStock(q, c), Clerk), model.Receive(q, c, null, now));
                    }
                case 1:
                case 2:
                    {
                        var id = random.Next(4) == 0 && ids.Count > 0 ? ids[random.Next(ids.Count)] : $"r{ids.Count}";
                        if (!ids.Contains(id)) ids.Add(id);
                        var q = random.Next(1, 8);
                        var expires = now.AddMinutes(random.Next(1, 60));
                        return ($"reserve {id} {q}", await Grain().ReserveAsync(id, q, expires, Clerk, null), model.Reserve(id, q, expires, now));
                    }
                case 3:
                    {
                        var id = ids.Count == 0 ? "none" : ids[random.Next(ids.Count)];
                        return ($"commit {id}", await Grain().CommitAsync(id, Clerk), model.Commit(id, now));
                    }
                case 4:
                    {
                        var id = ids.Count == 0 ? "none" : ids[random.Next(ids.Count)];
                        return ($"release {id}", await Grain().ReleaseAsync(id, Clerk), model.Release(id, now));
                    }
                default:
                    {
                        var delta = random.Next(-5, 6);
                        if (delta == 0) delta = 1;
                        var reason = delta > 0 ? AdjustmentReason.Found : AdjustmentReason.Damage;
                        decimal? cost = delta > 0 ? 2m : null;
                        return ($"adjust {delta}", await Grain().AdjustAsync(delta, reason, Clerk, cost, null, null),
                            model.Adjust(delta, reason, cost, null, now, null, Clerk.User));
                    }
            }
        }
    }
}
