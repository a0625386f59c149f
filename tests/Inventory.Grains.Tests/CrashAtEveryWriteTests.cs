using Inventory.Domain;
using Inventory.Domain.Reservations;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Reservations;
using Inventory.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inventory.Grains.Tests;

/// <summary>
/// A crash at any instant of a reservation's create (through its grain, or under a generated id outside any grain),
/// commit, release, extend or expire-now: the process "dies" at its k-th
/// durable write (that write and every later one fail), restarts on the same stores, runs the start-up sweep, and
/// then every record agrees with the positions' holds, both ways.
/// </summary>
public sealed class CrashAtEveryWriteTests
{
    public static TheoryData<string, bool, int> Cases()
    {
        var cases = new TheoryData<string, bool, int>();
        foreach (var operation in new[] { "create", "create-fresh", "commit", "release", "extend", "expire-now" })
            foreach (var cart in new[] { false, true })
                for (var write = 1; write <= 5; write++)
                    cases.Add(operation, cart, write);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Records_and_positions_agree_after_a_crash_at_any_write(string operation, bool cart, int crashAtWrite)
    {
        var stores = new CrashingStores();
        Result<ReservationView>? answer = null;
        await using (var host = await stores.StartHostAsync())
        {
            await host.ReceiveAsync("W1", "A", 10);
            await host.ReceiveAsync("W2", "B", 10);
            var lines = cart
                ? new[] { new ReservationLineRequest("W1", "A", 2), new ReservationLineRequest("W2", "B", 3) }
                : [new ReservationLineRequest("W1", "A", 2)];
            var create = new CreateReservation(lines, TimeSpan.FromHours(1));
            if (!operation.StartsWith("create", StringComparison.Ordinal))
            {
                Assert.True((await host.Reservation("r-1").CreateAsync(create, GrainTestHost.Clerk)).IsSuccess);
                await host.DeactivateAsync(host.Reservation("r-1"));
                Assert.Equal("active", (await host.Reservation("r-1").GetAsync())!.Status);
            }

            stores.CrashAtWrite(crashAtWrite);
            try
            {
                var reservation = host.Reservation("r-1");
                answer = operation switch
                {
                    "create" => await reservation.CreateAsync(create, GrainTestHost.Clerk),
                    "create-fresh" => await host.Services.GetRequiredService<ReservationFactory>().CreateFreshAsync("r-1", create, GrainTestHost.Clerk),
                    "commit" => await reservation.CommitAsync(GrainTestHost.Clerk),
                    "release" => await reservation.ReleaseAsync(GrainTestHost.Clerk),
                    "extend" => await reservation.ExtendAsync(TimeSpan.FromHours(2), GrainTestHost.Clerk),
                    _ => await reservation.ExpireNowAsync(GrainTestHost.Clerk),
                };
            }
            catch (SimulatedCrashException)
            {
                // No answer reached the caller: either outcome is allowed, a half-applied one is not.
            }
        }

        stores.Restart();
        await using (var host = await stores.StartHostAsync())
        {
            var sweeper = new ExpirySweeper(host.Grains, stores.Positions, stores.Records, TimeProvider.System,
                Options.Create(new ExpirySweepOptions()), NullLogger<ExpirySweeper>.Instance);
            await sweeper.SweepAsync(CancellationToken.None);

            var snapshots = new List<StockPositionSnapshot>();
            foreach (var key in await stores.Positions.ListPositionsAsync())
                snapshots.Add((await stores.Positions.LoadAsync(key))!);
            var disagreements = await new ReservationAgreement(stores.Records, stores.Positions, TimeProvider.System, TimeSpan.Zero).CheckAsync(snapshots);
            Assert.Empty(disagreements);

            if (await stores.Records.LoadAsync("r-1") is not { } stored)
            {
                // Only a create can leave no record, and then nothing is held and nobody was told otherwise.
                Assert.StartsWith("create", operation);
                Assert.False(answer is { IsSuccess: true });
                Assert.Equal(0m, snapshots.Sum(s => s.Reserved));
                Assert.Equal(20m, snapshots.Sum(s => s.OnHand));
                return;
            }
            var record = stored.Record;
            var expected = operation switch
            {
                "create" or "create-fresh" => ReservationStatusValue.Active,
                "commit" => ReservationStatusValue.Committed,
                "release" => ReservationStatusValue.Released,
                "extend" => ReservationStatusValue.Active,
                _ => ReservationStatusValue.Expired,
            };
            // Settled, never left in between: the old state (nothing happened) or the one asked for.
            Assert.Contains(record.Status, operation.StartsWith("create", StringComparison.Ordinal)
                ? new[] { ReservationStatusValue.Failed, expected }
                : new[] { ReservationStatusValue.Active, expected });
            if (answer is { IsSuccess: true })
                Assert.Equal(expected, record.Status); // acknowledged: it happened, and stays happened

            var held = snapshots.SelectMany(s => s.Reservations).Where(r => r.Id == "r-1" && r.Status == ReservationStatus.Active).Sum(r => r.Quantity);
            var reserved = snapshots.Sum(s => s.Reserved);
            Assert.Equal(record.Status == ReservationStatusValue.Active ? record.Lines.Sum(l => l.Quantity) : 0m, held);
            Assert.Equal(held, reserved);
            var onHand = snapshots.Sum(s => s.OnHand);
            Assert.Equal(record.Status == ReservationStatusValue.Committed ? 20m - record.Lines.Sum(l => l.Quantity) : 20m, onHand);
            if (operation == "extend" && record.Status == ReservationStatusValue.Active && record.ExpiresAt > DateTimeOffset.UtcNow + TimeSpan.FromHours(1.5))
            {
                // Extended: every line follows the record's new expiry (plus the commit grace), not the old one.
                foreach (var line in snapshots.SelectMany(s => s.Reservations).Where(r => r.Id == "r-1"))
                    Assert.True(line.ExpiresAt >= record.ExpiresAt, $"line expires {line.ExpiresAt:O}, record {record.ExpiresAt:O}");
            }
        }
    }

    private sealed class SimulatedCrashException() : Exception("simulated crash: the process died at this write");

    /// <summary>In-memory stores that survive a "restart", and a kill switch that fails the k-th write and all after it.</summary>
    private sealed class CrashingStores
    {
        private readonly InMemoryReservationStore _records = new();
        private readonly InMemoryStockPositionStore _positions;
        private int _writes;
        private int _crashAt = int.MaxValue;

        public CrashingStores()
        {
            _positions = new InMemoryStockPositionStore(_records);
            Records = new RecordStore(this);
            Positions = new PositionStore(this);
        }

        public IReservationStore Records { get; }

        public IStockPositionStore Positions { get; }

        public void CrashAtWrite(int write)
        {
            _writes = 0;
            _crashAt = write;
        }

        public void Restart() => _crashAt = int.MaxValue;

        public Task<GrainTestHost> StartHostAsync() => GrainTestHost.StartAsync(services: s =>
        {
            s.AddSingleton(Records);
            s.AddSingleton(Positions);
        });

        private void Write()
        {
            if (Interlocked.Increment(ref _writes) >= _crashAt)
                throw new SimulatedCrashException();
        }

        private sealed class RecordStore(CrashingStores stores) : IReservationStore
        {
            public Task<(ReservationRecord Record, long Version)?> LoadAsync(string reservationId, CancellationToken cancellationToken = default) =>
                stores._records.LoadAsync(reservationId, cancellationToken);

            public Task<long> SaveAsync(ReservationRecord record, long expectedVersion, CancellationToken cancellationToken = default)
            {
                stores.Write();
                return stores._records.SaveAsync(record, expectedVersion, cancellationToken);
            }

            public Task<IReadOnlyList<string>> ListIdsAsync(IReadOnlyCollection<ReservationStatusValue> statuses, DateTimeOffset? expiresBefore = null,
                CancellationToken cancellationToken = default) => stores._records.ListIdsAsync(statuses, expiresBefore, cancellationToken);
        }

        private sealed class PositionStore(CrashingStores stores) : IStockPositionStore
        {
            public Task<StockPositionSnapshot?> LoadAsync(PositionKey position, CancellationToken cancellationToken = default) =>
                stores._positions.LoadAsync(position, cancellationToken);

            public Task<StockPositionSnapshot?> LoadSummaryAsync(PositionKey position, CancellationToken cancellationToken = default) =>
                stores._positions.LoadSummaryAsync(position, cancellationToken);

            public Task SaveAsync(PositionWrite write, CancellationToken cancellationToken = default)
            {
                stores.Write();
                return stores._positions.SaveAsync(write, cancellationToken);
            }

            public Task<IReadOnlyList<LedgerEntry>> ReadLedgerAsync(PositionKey position, CancellationToken cancellationToken = default) =>
                stores._positions.ReadLedgerAsync(position, cancellationToken);

            public Task<IReadOnlyList<PositionKey>> ListPositionsAsync(CancellationToken cancellationToken = default) =>
                stores._positions.ListPositionsAsync(cancellationToken);

            public Task<IReadOnlyList<PositionKey>> ListWithExpiryDueAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default) =>
                stores._positions.ListWithExpiryDueAsync(asOf, cancellationToken);

            public Task OverwriteSnapshotAsync(StockPositionSnapshot snapshot, CancellationToken cancellationToken = default) =>
                stores._positions.OverwriteSnapshotAsync(snapshot, cancellationToken);
        }
    }
}
