using System.Text.Json;
using Inventory.Domain;
using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests;

/// <summary>
/// Seeded random sequences of every command, run against <see cref="StockPosition"/> and the independent
/// <see cref="ReferenceModel"/> side by side. After every operation: same answer (failure code or levels,
/// cost of goods, replay flag, entry count), same state, never oversold, the fold of all entries so far equals
/// the live position, a refusal changed nothing, and the snapshot survives a JSON round trip.
/// </summary>
public class ModelBasedTests
{
    private const int Batches = 10;
    private const int SeedsPerBatch = 20; // 200 seeds in all
    private const int OperationsPerSeed = 300;

    public static TheoryData<int> BatchNumbers => new(Enumerable.Range(0, Batches));

    [Theory]
    [MemberData(nameof(BatchNumbers))]
    public void Random_operations_agree_with_the_reference_model_and_the_ledger_fold(int batch)
    {
        for (var seed = batch * SeedsPerBatch; seed < (batch + 1) * SeedsPerBatch; seed++)
            new Run(seed).Execute();
    }

    [Fact]
    public void The_checks_catch_a_position_that_disagrees_with_the_model()
    {
        // Guard against a harness that cannot fail: an extra receipt the model does not know about must be caught.
        var run = new Run(seed: 7);
        run.Execute(operations: 20);
        run.Position.Receive(1, 1m);

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(run.CheckState);
    }

    private sealed class Run
    {
        private readonly int _seed;
        private readonly Random _random;
        private readonly ReferenceModel _model;
        private readonly bool _allowNegative;
        private readonly List<LedgerEntry> _ledger = [];
        private readonly List<string> _reservationIds = [];
        private readonly List<string> _requestIds = [];
        // Commands already sent once, to send again verbatim: the way a client retries after a lost response.
        private readonly List<(string Label, Func<Result<Movement>> Act, Func<ReferenceModel.Outcome> Expect)> _sent = [];
        private DateTimeOffset _now = T0;
        private string _context = "";
        // Snapshot JSON after the previous operation: the "before" of the next one (serializing is the slow part).
        private string _json;

        public Run(int seed)
        {
            _seed = seed;
            _random = new Random(seed);
            var method = (CostingMethod)(seed % 3);
            _allowNegative = seed % 4 == 3;
            Position = new StockPosition(Key, method, new StockPolicy(AllowNegative: _allowNegative));
            _model = new ReferenceModel(method, _allowNegative);
            _json = SnapshotJson(Position);
        }

        public StockPosition Position { get; }

        public void Execute(int operations = OperationsPerSeed)
        {
            for (var op = 0; op < operations; op++)
            {
                _now = _now.AddMinutes(_random.Next(0, 20));
                var before = _json;
                var (label, actual, expected) = Step();
                _context = $"seed {_seed} ({Position.CostingMethod}, negative {_allowNegative}), op {op}: {label}";

                var actualCode = actual.IsSuccess ? null : actual.Failure!.Code;
                Same(expected.Code, actualCode, "outcome");
                if (actual.IsSuccess)
                {
                    var movement = actual.Value;
                    Same(expected.OnHand, movement.OnHand, "movement on hand");
                    Same(expected.Reserved, movement.Reserved, "movement reserved");
                    Same(expected.Cogs, movement.CostOfGoods, "cost of goods");
                    Same(expected.Replayed, movement.Replayed, "replayed");
                    Same(expected.Entries, movement.Entries.Count, "entry count");
                    _ledger.AddRange(movement.Entries);
                }
                else
                {
                    Same(before, SnapshotJson(Position), "state after a refusal");
                }

                CheckState(fullJsonComparison: op % 25 == 0 || op == operations - 1);
            }
        }

        public void CheckState() => CheckState(fullJsonComparison: true);

        private void CheckState(bool fullJsonComparison)
        {
            if (!_allowNegative)
                True(Position.Available >= 0 && Position.OnHand >= 0, $"oversold: on hand {Position.OnHand}, reserved {Position.Reserved}");
            Same(_model.OnHand, Position.OnHand, "on hand");
            Same(_model.Reserved, Position.Reserved, "reserved");
            Same(_model.Average, Position.AverageUnitCost, "average unit cost");
            Same(_model.Last, Position.LastUnitCost, "last unit cost");
            // compared as values: 19 and 19.00 are the same quantity whatever scale each side computed
            Same(_model.Layers.Count, Position.Layers.Count, "layer count");
            for (var i = 0; i < _model.Layers.Count; i++)
            {
                var (mine, theirs) = (_model.Layers[i], Position.Layers[i]);
                Same((mine.Id, mine.Qty, mine.Cost), (theirs.Id, theirs.Quantity, theirs.UnitCost), $"layer {i}");
            }

            Same(Math.Max(0, Position.OnHand), Position.Layers.Sum(l => l.Quantity), "layer total");

            Same(_model.Holds.Count, Position.Reservations.Count, "reservation count");
            foreach (var (id, hold) in _model.Holds)
            {
                var reservation = Position.FindReservation(id);
                True(reservation is not null, $"reservation {id} missing");
                Same((hold.Qty, hold.Expires, hold.Status, hold.Cogs),
                    (reservation!.Quantity, reservation.ExpiresAt, reservation.Status, reservation.CostOfGoods), $"reservation {id}");
            }

            var value = Position.Value();
            Same(_model.Valuation(), (value.Value, value.UnitCost), "valuation");

            var folded = StockPosition.Fold(Key, _ledger, Position.CostingMethod, Position.Policy);
            Same("", string.Join("; ", folded.DifferencesFrom(Position)), "fold differences");
            // The live position keeps NextExpiry incrementally; a fresh fold scans for it.
            Same(folded.NextExpiry, Position.NextExpiry, "next expiry");

            _json = SnapshotJson(Position);
            var restored = StockPosition.FromSnapshot(JsonSerializer.Deserialize<StockPositionSnapshot>(_json, Json)!);
            Same("", string.Join("; ", restored.DifferencesFrom(Position)), "snapshot differences");
            Same((Position.CostingMethod, Position.Policy), (restored.CostingMethod, restored.Policy), "snapshot configuration");
            if (fullJsonComparison)
                Same(_json, SnapshotJson(restored), "snapshot json");
        }

        private (string Label, Result<Movement> Actual, ReferenceModel.Outcome Expected) Step()
        {
            if (_sent.Count > 0 && _random.Next(100) < 8)
            {
                var (label, act, expect) = _sent[_random.Next(_sent.Count)];
                return ($"retry {label}", act(), expect());
            }

            var (name, send, model) = Choose();
            _sent.Add((name, send, model));
            return (name, send(), model());
        }

        private (string Label, Func<Result<Movement>> Act, Func<ReferenceModel.Outcome> Expect) Choose()
        {
            // The lambdas read _now when they run, so a retry happens at its own (later) time.
            var roll = _random.Next(100);
            switch (roll)
            {
                case < 18:
                {
                    var (q, c, r) = (Quantity(), Cost(), RequestId());
                    return ($"receive {q} @ {c} [{r}]",
                        () => Position.Receive(new ReceiveStock(q, c, RequestId: r), Clerk, _now), () => _model.Receive(q, c, r));
                }
                case < 38:
                {
                    var (id, q, expires) = (NewReservationId(), Demand(), Expiry());
                    return ($"reserve {id} {q} until {expires:t}",
                        () => Position.Reserve(id, q, expires, Clerk, _now), () => _model.Reserve(id, q, expires, _now));
                }
                case < 44:
                {
                    var (id, expires) = (KnownReservationId(), Expiry());
                    return ($"extend {id} to {expires:t}",
                        () => Position.ExtendReservation(id, expires, Clerk, _now), () => _model.Extend(id, expires, _now));
                }
                case < 59:
                {
                    var id = KnownReservationId();
                    return ($"commit {id}", () => Position.Commit(id, Clerk, _now), () => _model.Commit(id, _now));
                }
                case < 67:
                {
                    var id = KnownReservationId();
                    return ($"release {id}", () => Position.Release(id, Clerk, _now), () => _model.Release(id, _now));
                }
                case < 72:
                    return ("expire due", () => Position.ExpireDue(Clerk, _now), () => _model.ExpireDue(_now));
                case < 81:
                {
                    var delta = _random.Next(2) == 0 ? Quantity() : -Demand();
                    var reason = _random.Next(30) == 0 ? (AdjustmentReason)17 : (AdjustmentReason)_random.Next(6);
                    decimal? cost = _random.Next(2) == 0 ? null : Cost();
                    var r = RequestId();
                    return ($"adjust {delta} {reason} @ {cost} [{r}]",
                        () => Position.Adjust(delta, reason, Clerk, _now, cost, requestId: r), () => _model.Adjust(delta, reason, cost, r));
                }
                case < 88:
                {
                    var counted = _random.Next(20) == 0 ? -1 : Math.Max(0, Position.OnHand + _random.Next(-8, 8));
                    decimal? expected = _random.Next(3) switch { 0 => null, 1 => Position.OnHand, _ => Position.OnHand + 1 };
                    var r = RequestId();
                    return ($"count {counted} expecting {expected} [{r}]",
                        () => Position.SetCount(counted, expected, Clerk, _now, requestId: r), () => _model.SetCount(counted, expected, r));
                }
                case < 95:
                {
                    var q = Quantity();
                    decimal? cost = _random.Next(2) == 0 ? null : Cost();
                    var r = RequestId();
                    return ($"return {q} @ {cost} [{r}]",
                        () => Position.Return(q, cost, Clerk, _now, requestId: r), () => _model.Return(q, cost, r));
                }
                default:
                {
                    // Configuration, not stock: it changes how later issues are costed, never the ledger.
                    var method = (CostingMethod)_random.Next(3);
                    return ($"costing method {method}",
                        () =>
                        {
                            Position.CostingMethod = method;
                            return new Movement([], Position.OnHand, Position.Reserved);
                        },
                        () =>
                        {
                            _model.Method = method;
                            return new ReferenceModel.Outcome(null, _model.OnHand, _model.Reserved);
                        });
                }
            }
        }

        private decimal Quantity() => _random.Next(25) switch
        {
            0 => 0,
            1 => -_random.Next(1, 5),
            _ => _random.Next(1, 25) + (_random.Next(4) == 0 ? _random.Next(1, 4) * 0.25m : 0),
        };

        // Often exactly what is available, or just beyond it: the boundary where overselling would start
        // (and, with the negative policy, where on hand goes below zero).
        private decimal Demand() =>
            _random.Next(4) == 0 ? Math.Max(0, Position.Available) + _random.Next(0, 3) * (_random.Next(2) == 0 ? 1 : 0.5m) : Quantity();

        private DateTimeOffset Expiry() => _now.AddMinutes(_random.Next(10) == 0 ? _random.Next(-10, 1) : _random.Next(1, 400));

        private decimal Cost() => _random.Next(30) == 0 ? -0.01m : _random.Next(0, 2000) / 100m;

        private string? RequestId()
        {
            var roll = _random.Next(100);
            if (roll < 30) return null;
            if (roll < 33) return " ";
            if (roll < 50 && _requestIds.Count > 0) return _requestIds[_random.Next(_requestIds.Count)];
            var id = $"q{_requestIds.Count}";
            _requestIds.Add(id);
            return id;
        }

        private string NewReservationId()
        {
            var roll = _random.Next(100);
            if (roll < 4) return "";
            if (roll < 25 && _reservationIds.Count > 0) return _reservationIds[_random.Next(_reservationIds.Count)];
            var id = $"r{_reservationIds.Count}";
            _reservationIds.Add(id);
            return id;
        }

        private string KnownReservationId()
        {
            if (_reservationIds.Count == 0 || _random.Next(10) == 0)
                return "unknown";
            var active = _model.Holds.Where(h => h.Value.Status == ReservationStatus.Active).Select(h => h.Key).ToList();
            return active.Count > 0 && _random.Next(3) > 0
                ? active[_random.Next(active.Count)]
                : _reservationIds[_random.Next(_reservationIds.Count)];
        }

        private void Same<T>(T expected, T actual, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
                Assert.Fail($"{_context}\n{what}: expected {expected}, got {actual}");
        }

        private void True(bool condition, string what)
        {
            if (!condition)
                Assert.Fail($"{_context}\n{what}");
        }
    }
}
