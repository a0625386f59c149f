using Inventory.TestSupport;
using Npgsql;

namespace Inventory.Storage.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class LedgerAppendOnlyTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string AppendEntry = """
        insert into stock_ledger (warehouse, sku, position_seq, type, quantity, unit_cost, total_cost,
                                  on_hand_after, reserved_after, user_name, user_role, at)
        values ('MAIN', 'SKU-1', $1, 'RECEIVE', 10.5, 2.25, 23.625, 10.5, 0, 'alice', 'clerk', now())
        """;

    private string connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        connectionString = await postgres.CreateMigratedDatabaseAsync();
        await ExecuteAsync(AppendEntry, 1L);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AppendingEntriesIsAllowed()
    {
        await ExecuteAsync(AppendEntry, 2L);

        Assert.Equal(2L, await Sql.ScalarAsync<long>(connectionString, "select count(*) from stock_ledger"));
    }

    [Fact]
    public async Task UpdatingAnEntryIsRejected()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("update stock_ledger set quantity = 99"));

        Assert.Contains("stock_ledger is append-only", error.MessageText);
    }

    [Fact]
    public async Task DeletingAnEntryIsRejected()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("delete from stock_ledger"));

        Assert.Contains("stock_ledger is append-only", error.MessageText);
    }

    [Fact]
    public async Task TruncatingTheLedgerIsRejected()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("truncate stock_ledger"));

        Assert.Contains("stock_ledger is append-only", error.MessageText);
    }

    [Fact]
    public async Task AnEntryNumberIsUniqueWithinItsPosition()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(AppendEntry, 1L));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    private Task ExecuteAsync(string sql, params object[] parameters) => Sql.ExecuteAsync(connectionString, sql, parameters);
}
