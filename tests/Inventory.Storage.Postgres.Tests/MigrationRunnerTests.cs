using Inventory.TestSupport;

namespace Inventory.Storage.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class MigrationRunnerTests(PostgresFixture postgres)
{
    [Fact]
    public void EmbeddedMigrationsAreFoundInVersionOrder()
    {
        var migrations = MigrationRunner.Migrations;

        Assert.NotEmpty(migrations);
        Assert.Equal("0001_initial", migrations[0].ToString());
        Assert.Equal(migrations.OrderBy(m => m.Version).Select(m => m.Version), migrations.Select(m => m.Version));
    }

    [Fact]
    public async Task FirstRunAppliesEveryMigrationAndRecordsIt()
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        var applied = await MigrationRunner.ApplyAsync(connectionString);

        Assert.Equal(MigrationRunner.Migrations.Select(m => m.Version), applied.Select(m => m.Version));
        Assert.Equal(
            MigrationRunner.Migrations.Select(m => (m.Version, m.Name)),
            await Sql.QueryAsync(connectionString, "select version, name from schema_migrations order by version", r => (r.GetInt32(0), r.GetString(1))));
    }

    [Fact]
    public async Task FirstRunCreatesTheInitialSchema()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();

        var tables = await Sql.QueryAsync(
            connectionString,
            "select table_name from information_schema.tables where table_schema = 'public'",
            r => r.GetString(0));

        Assert.All(
            new[]
            {
                "alerts", "event_checkpoints", "grain_state", "idempotency_keys", "products", "reservations",
                "schema_migrations", "stock_ledger", "stock_positions", "warehouses",
            },
            table => Assert.Contains(table, tables));
    }

    [Fact]
    public async Task RerunAppliesNothing()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();

        var applied = await MigrationRunner.ApplyAsync(connectionString);

        Assert.Empty(applied);
        Assert.Equal(
            [MigrationRunner.Migrations.Count],
            await Sql.QueryAsync(connectionString, "select count(*)::int from schema_migrations", r => r.GetInt32(0)));
    }

    [Fact]
    public async Task ConcurrentRunnersApplyEachMigrationExactlyOnce()
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => MigrationRunner.ApplyAsync(connectionString))));

        Assert.Equal(
            MigrationRunner.Migrations.Select(m => m.Version),
            runs.SelectMany(applied => applied).Select(m => m.Version).Order());
        Assert.Equal(
            [MigrationRunner.Migrations.Count],
            await Sql.QueryAsync(connectionString, "select count(*)::int from schema_migrations", r => r.GetInt32(0)));
    }
}
