using System.Text.Json;
using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests;

/// <summary>
/// Seeded random sequences of every command, run against <see cref="StockPosition"/> and the independent
/// <see cref="ReferenceModel"/> side by side. After every operation: same answer (failure code or levels,
/// available, cost of goods, replay flag, entry count), same state (layers with lot, expiry and status; quality
/// control, damaged, incoming), never oversold, the fold of all entries so far equals the live position, a refusal
/// changed nothing, and the snapshot survives a JSON round trip. Lots expire within the run (the clock moves up to 20
/// minutes per operation across days), removal strategies and safety stock change, corrections run under an approval
/// limit, and transfer legs ship and receive.
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

    private static readonly Actor Manager = new("maria", "manager");

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
                    if (expected.Available is { } available)
                        Same(available, movement.Available, "movement available");
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
                True(Position.Sellable - Position.Reserved >= 0 && Position.OnHand >= 0, $"oversold: sellable {Position.Sellable}, reserved {Position.Reserved}");
            Same(_model.OnHand, Position.OnHand, "on hand");
            Same(_model.Reserved, Position.Reserved, "reserved");
            Same((_model.Qc, _model.Damaged, _model.Incoming), (Position.QualityControl, Position.Damaged, Position.Incoming), "statuses");
            Same(_model.Orders.Count, Position.IncomingOrders.Count, "order count");
            foreach (var (mine, theirs) in _model.Orders.Zip(Position.IncomingOrders))
                Same((mine.Key, mine.Value), (theirs.PurchaseOrder, theirs.Quantity), "order");
            var today = StockPosition.Today(_now);
            Same(_model.AvailableOn(today), Position.AvailableOn(today), "available today");
            Same(Position.AvailableOn(today), StockPosition.AvailableFrom(Position.OnHand, Position.Reserved, Position.Layers, Position.Policy, today),
                "available from the snapshot's levels and layers");
            Same(_model.Average, Position.AverageUnitCost, "average unit cost");
            Same(_model.Last, Position.LastUnitCost, "last unit cost");
            // compared as values: 19 and 19.00 are the same quantity whatever scale each side computed
            Same(_model.Layers.Count, Position.Layers.Count, "layer count");
            for (var i = 0; i < _model.Layers.Count; i++)
            {
                var (mine, theirs) = (_model.Layers[i], Position.Layers[i]);
                Same((mine.Id, mine.Qty, mine.Cost, mine.Lot, mine.Expires, mine.Status),
                    (theirs.Id, theirs.Quantity, theirs.UnitCost, theirs.Lot, theirs.ExpiresOn, theirs.Status), $"layer {i}");
            }

            Same(Math.Max(0, Position.Sellable), Position.Layers.Where(l => l.Status == StockStatus.Available).Sum(l => l.Quantity), "available layer total");

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
            var roll = _random.Next(150);
            switch (roll)
            {
                case < 18:
                    {
                        var (q, c, r, lot, expires, status, po) = (Quantity(), Cost(), RequestId(), Lot(), ExpiresOn(), Status(), PurchaseOrder());
                        return ($"receive {q} @ {c} lot {lot} {expires} {status} {po} [{r}]",
                            () => Position.Receive(new ReceiveStock(q, c, lot, expires, RequestId: r, Status: status, PurchaseOrder: po), Clerk, _now),
                            () => _model.Receive(q, c, r, _now, lot, expires, status, po));
                    }
                case < 38:
                    {
                        var (id, q, expires) = (NewReservationId(), Demand(), Expiry());
                        return ($"reserve {id} {q} until {expires:g}",
                            () => Position.Reserve(id, q, expires, Clerk, _now), () => _model.Reserve(id, q, expires, _now));
                    }
                case < 44:
                    {
                        var (id, expires) = (KnownReservationId(), Expiry());
                        return ($"extend {id} to {expires:g}",
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
                        var (r, approval, actor) = (RequestId(), Approval(), Requester());
                        return ($"adjust {delta} {reason} @ {cost} {approval} by {actor.User} [{r}]",
                            () => Position.Adjust(delta, reason, actor, _now, cost, requestId: r, approval: approval),
                            () => _model.Adjust(delta, reason, cost, r, _now, approval, actor.User));
                    }
                case < 88:
                    {
                        var status = Status();
                        var bucket = status switch
                        {
                            StockStatus.QualityControl => Position.QualityControl,
                            StockStatus.Damaged => Position.Damaged,
                            _ => Position.Sellable,
                        };
                        var counted = _random.Next(20) == 0 ? -1 : Math.Max(0, bucket + _random.Next(-8, 8));
                        decimal? expected = _random.Next(3) switch { 0 => null, 1 => bucket, _ => bucket + 1 };
                        var (r, approval, actor) = (RequestId(), Approval(), Requester());
                        return ($"count {status} {counted} expecting {expected} {approval} by {actor.User} [{r}]",
                            () => Position.SetCount(counted, expected, actor, _now, requestId: r, approval: approval, status: status),
                            () => _model.SetCount(counted, expected, r, _now, approval, actor.User, status));
                    }
                case < 95:
                    {
                        var (q, status, lot) = (Quantity(), Status(), Lot());
                        decimal? cost = _random.Next(2) == 0 ? null : Cost();
                        var r = RequestId();
                        return ($"return {q} @ {cost} {status} lot {lot} [{r}]",
                            () => Position.Return(q, cost, Clerk, _now, requestId: r, status: status, lot: lot),
                            () => _model.Return(q, cost, r, _now, status, lot));
                    }
                case < 100:
                    {
                        // Configuration, not stock: it changes how later issues are costed and picked, never the ledger.
                        var method = (CostingMethod)_random.Next(3);
                        RemovalStrategy? strategy = _random.Next(4) == 0 ? null : (RemovalStrategy)_random.Next(3);
                        var safety = _random.Next(3) == 0 ? _random.Next(0, 4) * 0.5m : 0m;
                        return ($"configure {method} {strategy} safety {safety}",
                            () =>
                            {
                                Position.CostingMethod = method;
                                Position.RemovalStrategy = strategy;
                                Position.Policy = Position.Policy with { SafetyStock = safety };
                                return new Movement([], Position.OnHand, Position.Reserved);
                            },
                            () =>
                            {
                                (_model.Method, _model.Strategy, _model.SafetyStock) = (method, strategy, safety);
                                return new ReferenceModel.Outcome(null, _model.OnHand, _model.Reserved);
                            }
                        );
                    }
                case < 110:
                    {
                        var (q, from, to, lot, r) = (Quantity(), Status(), Status(), _random.Next(3) == 0 ? Lot() : null, RequestId());
                        return ($"move {q} {from} -> {to} lot {lot} [{r}]",
                            () => Position.ChangeStatus(q, from, to, Clerk, _now, lot, requestId: r),
                            () => _model.ChangeStatus(q, from, to, lot, r, _now));
                    }
                case < 118:
                    {
                        var (q, from, lot, r, approval, actor) = (Quantity(), Status(), _random.Next(3) == 0 ? Lot() : null, RequestId(), Approval(), Requester());
                        var reason = (AdjustmentReason)_random.Next(6);
                        return ($"write off {q} {reason} from {from} lot {lot} {approval} by {actor.User} [{r}]",
                            () => Position.WriteOff(q, reason, from, actor, _now, lot, requestId: r, approval: approval),
                            () => _model.WriteOff(q, reason, from, lot, r, _now, approval, actor.User));
                    }
                case < 123:
                    {
                        var (lot, r, approval, actor) = (_random.Next(3) == 0 ? Lot() : null, RequestId(), Approval(), Requester());
                        return ($"write off expired lot {lot} {approval} by {actor.User} [{r}]",
                            () => Position.WriteOffExpired(actor, _now, lot, requestId: r, approval: approval),
                            () => _model.WriteOffExpired(lot, r, _now, approval, actor.User));
                    }
                case < 130:
                    {
                        var (q, r) = (Demand(), RequestId());
                        return ($"ship {q} [{r}]", () => Position.Ship(q, Clerk, _now, requestId: r), () => _model.Ship(q, r, _now));
                    }
                case < 137:
                    {
                        var lines = Enumerable.Range(0, _random.Next(1, 3)).Select(_ => (Qty: Quantity(), Cost: Cost(), Lot: Lot(), Expires: ExpiresOn())).ToList();
                        var r = RequestId();
                        return ($"receive transfer {string.Join(" + ", lines)} [{r}]",
                            () => Position.ReceiveTransfer([.. lines.Select(l => new LayerDraw(9, l.Qty, l.Cost) { Lot = l.Lot, ExpiresOn = l.Expires })], Clerk, _now, requestId: r),
                            () => _model.ReceiveTransfer(lines, r, _now));
                    }
                case < 140:
                    {
                        var lines = Enumerable.Range(0, _random.Next(1, 3)).Select(_ => (Qty: Quantity(), Cost: Cost())).ToList();
                        var r = RequestId();
                        return ($"transit loss {string.Join(" + ", lines)} [{r}]",
                            () => Position.RecordTransitLoss([.. lines.Select(l => new LayerDraw(9, l.Qty, l.Cost))], "lost", Clerk, _now, requestId: r),
                            () => _model.RecordTransitLoss(lines, r, _now));
                    }
                case < 145:
                    {
                        var (po, q, r) = (PurchaseOrder() ?? "PO-1", Quantity(), RequestId());
                        return ($"order {po} {q} [{r}]", () => Position.Order(po, q, Clerk, _now, requestId: r), () => _model.Order(po, q, r, _now));
                    }
                default:
                    {
                        var (po, r) = (PurchaseOrder() ?? "PO-1", RequestId());
                        decimal? q = _random.Next(2) == 0 ? null : Quantity();
                        return ($"cancel order {po} {q} [{r}]",
                            () => Position.CancelOrder(po, q, Clerk, _now, requestId: r), () => _model.CancelOrder(po, q, r, _now));
                    }
            }
        }

        private string? Lot() => _random.Next(4) switch { 0 => null, 1 => "A", 2 => "B", _ => "C" };

        // Around the run's days: some lots are expired from the start, others expire while it runs.
        private DateOnly? ExpiresOn() => _random.Next(3) == 0 ? null : StockPosition.Today(T0).AddDays(_random.Next(-1, 4));

        private StockStatus Status() => _random.Next(5) switch { 0 => StockStatus.QualityControl, 1 => StockStatus.Damaged, _ => StockStatus.Available };

        private string? PurchaseOrder() => _random.Next(3) switch { 0 => null, 1 => "PO-1", _ => "PO-2" };

        // Mostly no limit; else a limit of 20 with no approver, a manager, or (refused) the requester himself.
        private Approval? Approval() => _random.Next(6) switch
        {
            0 => new Approval(20m),
            1 => new Approval(20m, Manager),
            2 => new Approval(20m, Clerk),
            _ => null,
        };

        private Actor Requester() => _random.Next(8) == 0 ? Manager : Clerk;

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
