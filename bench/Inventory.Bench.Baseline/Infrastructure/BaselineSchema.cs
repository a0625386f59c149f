using Npgsql;

namespace Inventory.Bench.Baseline.Infrastructure;

/// <summary>
/// The baseline's own tables: one row per stock position (the row that gets locked), an append-only ledger and the
/// reservations. Created at start-up; the benchmark gives the baseline a database of its own.
/// </summary>
public sealed class BaselineSchema(NpgsqlDataSource dataSource)
{
    private const string Ddl = """
        create table if not exists warehouses (code text primary key, name text not null);
        create table if not exists products (sku text primary key, name text not null);
        create table if not exists stock (
            warehouse text not null,
            sku       text not null,
            on_hand   numeric not null,
            reserved  numeric not null default 0,
            primary key (warehouse, sku));
        create table if not exists stock_ledger (
            seq            bigint generated always as identity primary key,
            warehouse      text not null,
            sku            text not null,
            type           text not null,
            quantity       numeric not null,
            on_hand_after  numeric not null,
            reserved_after numeric not null,
            reservation_id text,
            reference      text,
            user_name      text not null,
            at             timestamptz not null default now());
        create table if not exists reservations (
            id         text primary key,
            status     text not null,
            reference  text,
            expires_at timestamptz not null,
            created_at timestamptz not null default now(),
            created_by text not null,
            lines      jsonb not null);
        """;

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Ddl);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
