using Inventory.Admin.Cli;

namespace Inventory.Admin.Tests;

/// <summary>
/// The CLI with the server stopped and its database up: what must keep working does (directly on PostgreSQL), and
/// what needs the server fails with the clear message and exit code 3.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class StoppedServerTests(AdminFixture fixture) : IAsyncLifetime
{
    private LiveServer _server = null!;
    private string _connection = "";
    private string _warehouse = "", _sku = "";

    public async Task InitializeAsync()
    {
        _connection = await fixture.Postgres.EnsureDatabaseAsync("admin_stopped_" + Guid.NewGuid().ToString("N")[..8]);
        _server = await LiveServer.StartAsync(_connection);
        (_warehouse, _sku) = (Scratch.Id("SW"), Scratch.Id("SS"));
        await _server.StockedAsync(_warehouse, _sku, 12, 1.5m);
        await _server.ReserveAsync("held-" + _sku, _warehouse, _sku, 2, "ORDER-S", 3600);
        await _server.StopAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Cli Cli(bool withDatabase = true) => new(new Dictionary<string, string?>
    {
        [GlobalOptions.ServerVariable] = _server.Address.ToString(),
        [GlobalOptions.DataDirectoryVariable] = _server.DataDirectory,
        [GlobalOptions.ConnectionVariable] = withDatabase ? _connection : null,
    });

    [Fact]
    public async Task Database_commands_work_and_say_the_server_is_down()
    {
        var position = (await Cli().RunAsync("position", "show", _warehouse, _sku, "--json")).Succeeded();
        var reconcile = (await Cli().RunAsync("reconcile")).Succeeded();
        var export = (await Cli().RunAsync("ledger", "export", "--from", "2020-01-01", "--warehouse", _warehouse)).Succeeded();
        var tail = (await Cli().RunAsync("ledger", "tail", "--last", "5", "--for", "1s", "--warehouse", _warehouse)).Succeeded();
        var reservations = (await Cli().RunAsync("reservations", "list", "--reference", "ORDER-S", "--json")).Succeeded();
        var alerts = (await Cli().RunAsync("alerts", "list")).Succeeded();
        var migrate = (await Cli().RunAsync("migrate")).Succeeded();
        var report = (await Cli().RunAsync("report", "daily", "--date", DateTime.UtcNow.ToString("yyyy-MM-dd"))).Succeeded();
        var check = (await Cli().RunAsync("check", "consistency")).Succeeded();

        var p = position.Json;
        Assert.Equal(System.Text.Json.JsonValueKind.Null, p.GetProperty("activeInMemory").ValueKind);
        Assert.Equal((12m, 2m), (p.GetProperty("onHand").GetDecimal(), p.GetProperty("reserved").GetDecimal()));
        Assert.Equal("held-" + _sku, p.GetProperty("activeReservations")[0].GetProperty("reservationId").GetString());
        Assert.Contains("unreachable", position.Error);
        Assert.Contains("Working directly on", position.Error);
        var table = (await Cli().RunAsync("position", "show", _warehouse, _sku)).Succeeded().Out;
        Assert.Contains("unknown: server not reachable", table);
        Assert.Contains("every snapshot equals the fold of its ledger", reconcile.Out);
        Assert.Equal(3, export.Out.Trim().Split('\n').Length);
        Assert.Contains("received 12", tail.Out);
        Assert.Equal("held-" + _sku, reservations.Json[0].GetProperty("id").GetString());
        Assert.Contains("up to date", migrate.Out);
        Assert.Contains("| received | 1 | 12 | 18.00 |", report.Out);
        Assert.Contains("no problems", check.Out);
        Assert.DoesNotContain("error", alerts.Error);
    }

    [Theory]
    [InlineData("grains")]
    [InlineData("grain", "deactivate", "position", "W/S")]
    [InlineData("reservations", "release", "r-1")]
    [InlineData("reservations", "expire-now", "r-1")]
    [InlineData("alerts", "ack", "1", "--note", "n")]
    public async Task Server_commands_fail_with_exit_3_and_what_to_do(params string[] args)
    {
        var result = (await Cli().RunAsync(args)).Exited(ExitCodes.ServerUnreachable);

        Assert.Contains($"The server at {_server.Address} is unreachable", result.Error);
        Assert.Contains("--server", result.Error);
        Assert.Contains("--connection", result.Error);
    }

    [Fact]
    public async Task Without_a_database_the_fallback_commands_fail_with_exit_3_too()
    {
        var noDatabase = new Cli(new Dictionary<string, string?> { [GlobalOptions.ServerVariable] = _server.Address.ToString(), [GlobalOptions.TokenVariable] = "t" });

        var result = (await noDatabase.RunAsync("position", "show", _warehouse, _sku)).Exited(ExitCodes.ServerUnreachable);
        var migrate = (await noDatabase.RunAsync("migrate")).Exited(ExitCodes.DatabaseUnreachable);
        var health = (await noDatabase.RunAsync("health")).Exited(ExitCodes.ServerUnreachable);

        Assert.Contains("--data-dir", result.Error);
        Assert.Contains("No database to work on directly", migrate.Error);
        Assert.Contains("unreachable", health.Out);
    }

    [Fact]
    public async Task An_unreachable_database_exits_6_with_what_to_check()
    {
        var result = (await Cli().RunAsync("migrate", "--connection", "Host=127.0.0.1;Port=1;Database=inventory;Username=x;Timeout=3")).Exited(ExitCodes.DatabaseUnreachable);

        Assert.Contains("PostgreSQL at 127.0.0.1:1/inventory is unreachable", result.Error);
        Assert.Contains("--connection", result.Error);
    }
}
