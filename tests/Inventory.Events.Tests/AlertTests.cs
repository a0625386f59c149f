using Inventory.Domain;
using Inventory.Grains.Alerts;
using Inventory.Grains.Events;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Events.Tests;

/// <summary>The alert rules end to end: grains write the ledger, the ledger streams feed the alert grains, alerts land in PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AlertTests(PostgresFixture fixture)
{
    private static readonly StockPolicy Policy = new(ReorderPoint: 10, ReorderQuantity: 40, MaxStock: 100);
    private static readonly Actor Manager = new("mia", "manager");

    [Fact]
    public async Task Low_stock_raises_a_warning_with_a_reorder_suggestion_from_the_product()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        await Sql.ExecuteAsync(db, """
            INSERT INTO products (sku, name, type, base_unit, costing_method, lead_time_days, data)
            VALUES ('MILK', 'Milk', 'FINISHED', 'pcs', 'FIFO', 5, '{"metadata":{"preferredSupplier":"Dairy Co"}}')
            """);
        await using var host = await EventsHost.StartAsync(db);
        await SetUpAsync(host, "W1", "MILK", 30, Policy);
        await host.ReserveAsync("W1", "MILK", "r1", 22);

        var alert = await SingleActiveAsync(host, "W1", "MILK", AlertKinds.LowStock);
        Assert.Equal((AlertSeverities.Warning, AlertStatuses.Open), (alert.Severity, alert.Status));
        Assert.Equal((30m, 22m, 8m, 10m), (alert.Details.OnHand, alert.Details.Reserved, alert.Details.Available, alert.Details.ReorderPoint));
        var suggestion = alert.Details.Suggestion!;
        Assert.Equal((40m, 5, "Dairy Co"), (suggestion.Quantity, suggestion.LeadTimeDays, suggestion.PreferredSupplier));
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5), suggestion.ExpectedBy);
        Assert.Contains("reorder point 10", alert.Message);

        // The stored alert is written before its event goes out to the nodes: wait for the event too.
        await Eventually.TrueAsync(() => host.Bus.Of<AlertEvent>().Any(e => e.Type == InventoryEventTypes.AlertRaised), "alert.raised reaches this node");
        var raised = Assert.Single(host.Bus.Of<AlertEvent>(), e => e.Type == InventoryEventTypes.AlertRaised);
        Assert.Equal(alert.Id, raised.Alert.Id);
        Assert.Equal(alert.RaisedSeq, raised.LedgerSeq);
        Assert.Empty(await host.Alerts.ListAsync(new AlertFilter(Kind: AlertKinds.OutOfStock)));
    }

    [Fact]
    public async Task Out_of_stock_is_critical_and_a_suggestion_without_catalog_data_has_no_supplier()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await EventsHost.StartAsync(db);
        await SetUpAsync(host, "W1", "BOLT", 12, new StockPolicy(ReorderPoint: 5, MaxStock: 50));
        await host.ReserveAsync("W1", "BOLT", "r1", 12);

        var alert = await SingleActiveAsync(host, "W1", "BOLT", AlertKinds.OutOfStock);
        Assert.Equal(AlertSeverities.Critical, alert.Severity);
        // No reorder quantity: bring available up to max stock.
        Assert.Equal(new ReorderSuggestion(50m, null, null, null), alert.Details.Suggestion);
        // The rules are independent: empty is also at or below the reorder point.
        Assert.Equal(AlertSeverities.Warning, (await SingleActiveAsync(host, "W1", "BOLT", AlertKinds.LowStock)).Severity);
    }

    [Fact]
    public async Task Overstock_is_raised_as_info_and_resolves_when_stock_leaves()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await EventsHost.StartAsync(db);
        await SetUpAsync(host, "W1", "BOX", 50, Policy);
        await host.ReceiveAsync("W1", "BOX", 70);

        var alert = await SingleActiveAsync(host, "W1", "BOX", AlertKinds.Overstock);
        Assert.Equal(AlertSeverities.Info, alert.Severity);
        Assert.Null(alert.Details.Suggestion);

        await host.ReserveAsync("W1", "BOX", "r1", 30);
        var commit = await host.Position("W1", "BOX").CommitAsync("r1", EventsHost.Clerk);
        Assert.True(commit.IsSuccess);

        var resolved = await Eventually.ValueAsync(async () => await host.Alerts.GetAsync(alert.Id) is { Status: AlertStatuses.Resolved } a ? a : null,
            "the overstock alert is resolved");
        Assert.NotNull(resolved.ResolvedAt);
        await Eventually.TrueAsync(() => host.Bus.Of<AlertEvent>().Any(e => e.Type == InventoryEventTypes.AlertResolved && e.Alert.Id == alert.Id),
            "alert.resolved is published");
    }

    [Fact]
    public async Task Lots_expiring_within_the_horizon_raise_a_warning_and_within_a_week_a_critical_alert()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await EventsHost.StartAsync(db);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await host.ReceiveAsync("W1", "YOGURT", 10, "L-LATE", today.AddDays(90));
        await host.ReceiveAsync("W1", "YOGURT", 6, "L-SOON", today.AddDays(20));

        var warning = await SingleActiveAsync(host, "W1", "YOGURT", AlertKinds.ExpiringLots);
        Assert.Equal(AlertSeverities.Warning, warning.Severity);
        Assert.Equal([new ExpiringLot("L-SOON", 6m, today.AddDays(20), 20)], warning.Details.ExpiringLots);

        await host.ReceiveAsync("W1", "CREAM", 4, "L-NOW", today.AddDays(3));
        var critical = await SingleActiveAsync(host, "W1", "CREAM", AlertKinds.ExpiringLots);
        Assert.Equal(AlertSeverities.Critical, critical.Severity);
        Assert.Contains("expires in 3 days", critical.Message);
    }

    [Fact]
    public async Task The_sweep_raises_lots_that_time_alone_brought_into_the_horizon()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var host = await EventsHost.StartAsync(db))
        {
            await host.ReceiveAsync("W1", "HONEY", 8, "L-FAR", today.AddDays(40));
            await host.ReceiveAsync("W1", "SALT", 8); // no lot expiry at all
            await EventsHost.DeliveredThroughAsync(db, 2); // the receipts are evaluated
            Assert.Empty(await host.Alerts.ListAsync(new AlertFilter()));
        }

        // Ten days later (here: a 45-day horizon) the lot is within the horizon, with no ledger movement at all.
        await using var later = await EventsHost.StartAsync(db, alertOptions: o => o.ExpiryHorizon = TimeSpan.FromDays(45));
        var sweep = later.Services.GetRequiredService<AlertSweep>();
        Assert.Equal(1, await sweep.SweepAsync());
        var alert = await SingleActiveAsync(later, "W1", "HONEY", AlertKinds.ExpiringLots);
        Assert.Equal([new ExpiringLot("L-FAR", 8, today.AddDays(40), 40)], alert.Details.ExpiringLots);
        Assert.Equal(1, await sweep.SweepAsync()); // again: still one alert
        Assert.Single(await later.Alerts.ListAsync(new AlertFilter()));
    }

    [Fact]
    public async Task The_same_alert_is_not_raised_again_within_the_throttle_window()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        var window = new AlertOptions().ThrottleWindow; // an hour, skipped on a fake clock that otherwise flows
        await using var flowing = new FlowingClock(FakeClock.New());
        var clock = flowing.Clock;
        await using var host = await EventsHost.StartAsync(db, clock: clock);
        await SetUpAsync(host, "W1", "FLAP", 15, Policy);

        await host.ReserveAsync("W1", "FLAP", "r1", 6); // 9 available: low
        var first = await SingleActiveAsync(host, "W1", "FLAP", AlertKinds.LowStock);
        await host.ReleaseAsync("W1", "FLAP", "r1"); // 15: cleared
        await Eventually.TrueAsync(() => host.Bus.Of<AlertEvent>().Any(e => e.Type == InventoryEventTypes.AlertResolved), "the alert resolves");
        await host.ReserveAsync("W1", "FLAP", "r2", 6); // low again, within the window
        await EventsHost.DeliveredThroughAsync(db, 4); // the second low level (seq 4) is evaluated
        Assert.True(clock.GetUtcNow() - first.RaisedAt < window);
        Assert.Single(await host.Alerts.ListAsync(new AlertFilter(Kind: AlertKinds.LowStock)));

        clock.Advance(window);
        await host.ReserveAsync("W1", "FLAP", "r3", 1); // still low, past the window: raised again
        var second = await SingleActiveAsync(host, "W1", "FLAP", AlertKinds.LowStock);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(2, (await host.Alerts.ListAsync(new AlertFilter(Kind: AlertKinds.LowStock))).Count);
    }

    [Fact]
    public async Task An_alert_is_resolved_automatically_when_its_condition_clears()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await EventsHost.StartAsync(db);
        await SetUpAsync(host, "W1", "NUT", 30, Policy);
        await host.ReserveAsync("W1", "NUT", "r1", 25);
        var low = await SingleActiveAsync(host, "W1", "NUT", AlertKinds.LowStock);

        await host.ReceiveAsync("W1", "NUT", 50);
        var resolved = await Eventually.ValueAsync(async () => await host.Alerts.GetAsync(low.Id) is { Status: AlertStatuses.Resolved } a ? a : null,
            "the low stock alert is resolved");
        Assert.True(resolved.ResolvedSeq > low.RaisedSeq);
        Assert.Empty(await host.AlertsOf("W1", "NUT").GetActiveAsync());
        var resolvedEvent = await Task.Run(async () =>
        {
            await Eventually.TrueAsync(() => host.Bus.Of<AlertEvent>().Any(e => e.Type == InventoryEventTypes.AlertResolved), "alert.resolved");
            return host.Bus.Of<AlertEvent>().Single(e => e.Type == InventoryEventTypes.AlertResolved);
        });
        Assert.Equal((low.Id, AlertStatuses.Resolved), (resolvedEvent.Alert.Id, resolvedEvent.Alert.Status));
    }

    [Fact]
    public async Task Acknowledging_records_who_when_and_the_note_and_a_resolved_alert_cannot_be_acknowledged()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await EventsHost.StartAsync(db);
        await SetUpAsync(host, "W1", "PEN", 30, Policy);
        await SetUpAsync(host, "W2", "PEN", 30, Policy);
        await host.ReserveAsync("W1", "PEN", "r1", 25);
        await host.ReserveAsync("W2", "PEN", "r1", 25);
        var alert = await SingleActiveAsync(host, "W1", "PEN", AlertKinds.LowStock);
        await SingleActiveAsync(host, "W2", "PEN", AlertKinds.LowStock);

        var result = await host.Alerts.AcknowledgeAsync(alert.Id, Manager, "  ordered 40 from Dairy Co  ");
        Assert.True(result.IsSuccess);
        var acknowledged = result.Value;
        Assert.Equal((AlertStatuses.Acknowledged, "mia", "ordered 40 from Dairy Co"), (acknowledged.Status, acknowledged.AcknowledgedBy, acknowledged.Note));
        Assert.InRange(acknowledged.AcknowledgedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equivalent(acknowledged, await host.Alerts.GetAsync(alert.Id), strict: true);
        await Eventually.TrueAsync(() => host.Bus.Of<AlertEvent>().Any(e => e.Type == InventoryEventTypes.AlertAcknowledged && e.Alert.Id == alert.Id),
            "alert.acknowledged is published");

        // Filters: status, warehouse, kind.
        Assert.Equal([alert.Id], (await host.Alerts.ListAsync(new AlertFilter(Status: AlertStatuses.Acknowledged))).Select(a => a.Id));
        Assert.Equal(2, (await host.Alerts.ListAsync(new AlertFilter(Status: AlertStatuses.Active))).Count);
        Assert.Single(await host.Alerts.ListAsync(new AlertFilter(Status: AlertStatuses.Open)));
        Assert.Equal([alert.Id], (await host.Alerts.ListAsync(new AlertFilter(Warehouse: "W1", Kind: AlertKinds.LowStock))).Select(a => a.Id));
        Assert.Empty(await host.Alerts.ListAsync(new AlertFilter(Warehouse: "W1", Kind: AlertKinds.Overstock)));

        // An acknowledged alert still resolves when its condition clears, and then cannot be acknowledged.
        await host.ReceiveAsync("W1", "PEN", 50);
        var resolved = await Eventually.ValueAsync(async () => await host.Alerts.GetAsync(alert.Id) is { Status: AlertStatuses.Resolved } a ? a : null,
            "the acknowledged alert is resolved");
        Assert.Equal("ordered 40 from Dairy Co", resolved.Note);
        Assert.Equal(AlertErrorCodes.AlertResolved, (await host.Alerts.AcknowledgeAsync(alert.Id, Manager, "late")).Failure!.Code);
        Assert.Equal(AlertErrorCodes.AlertNotFound, (await host.Alerts.AcknowledgeAsync(999_999, Manager, null)).Failure!.Code);
        Assert.Equal(ErrorCodes.ValidationFailed, (await host.Alerts.AcknowledgeAsync(alert.Id, Manager, new string('x', 2001))).Failure!.Code);
    }

    [Fact]
    public async Task Replaying_the_ledger_to_the_alert_grains_after_a_restart_raises_nothing_twice()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        await using (var host = await EventsHost.StartAsync(db))
        {
            await SetUpAsync(host, "W1", "CUP", 30, Policy);
            await host.ReserveAsync("W1", "CUP", "r1", 25); // low
            await host.ReceiveAsync("W1", "CUP", 50); // resolved
            await host.ReserveAsync("W1", "CUP", "r2", 55); // out of stock; low again but throttled (1 hour)
            await EventsHost.DeliveredThroughAsync(db, 4); // every level change is evaluated
        }
        var before = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM alerts");
        Assert.Equal(2, before); // low (resolved), out of stock

        // Lose the checkpoint: the whole ledger is replayed to the alert grains.
        await Sql.ExecuteAsync(db, "DELETE FROM event_checkpoints");
        await using (var restarted = await EventsHost.StartAsync(db, alertOptions: o => o.ThrottleWindow = TimeSpan.Zero))
        {
            await EventsHost.DeliveredThroughAsync(db, 4); // the replay is evaluated
            Assert.Empty(restarted.Bus.Of<AlertEvent>());
        }
        Assert.Equal(before, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM alerts"));
    }

    /// <summary>
    /// Receives first, then sets the policy: configuring a position that has no snapshot yet and then writing to it
    /// trips the position grain's first-insert version check (see the report).
    /// </summary>
    private static async Task SetUpAsync(EventsHost host, string warehouse, string sku, decimal initial, StockPolicy policy)
    {
        await host.ReceiveAsync(warehouse, sku, initial);
        await host.Position(warehouse, sku).ConfigureAsync(null, policy);
        // What PUT .../policy does: alerts follow the new thresholds at once (and stop using a summary read before).
        await host.AlertsOf(warehouse, sku).ReevaluateAsync();
    }

    private static Task<Alert> SingleActiveAsync(EventsHost host, string warehouse, string sku, string kind) =>
        Eventually.ValueAsync(async () =>
            (await host.Alerts.ListAsync(new AlertFilter(AlertStatuses.Active, warehouse, kind, sku))).SingleOrDefault(),
            $"a {kind} alert is active for {warehouse}/{sku}");
}
