using Inventory.Bench.Baseline.Infrastructure;
using Inventory.Bench.Baseline.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Inventory.Bench.Baseline.Apis;

/// <summary>The routes the benchmark uses, in the server's shapes: catalog PUTs and receipts (seeding), the stock level, and checkout.</summary>
public static class BaselineApi
{
    public static void MapBaselineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapPut("/warehouses/{code}", PutWarehouse);
        api.MapPut("/products/{sku}", PutProduct);
        api.MapPost("/stock/{warehouse}/{sku}/receipts", Receive);
        api.MapGet("/stock/{warehouse}/{sku}", GetLevel);
        api.MapPost("/reservations", Reserve);
    }

    private static async Task<Ok> PutWarehouse(string code, NamedRecord body, NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand(
            "insert into warehouses (code, name) values ($1, $2) on conflict (code) do update set name = excluded.name");
        command.Parameters.Add(new() { Value = code });
        command.Parameters.Add(new() { Value = body.Name ?? code });
        await command.ExecuteNonQueryAsync();
        return TypedResults.Ok();
    }

    private static async Task<Ok> PutProduct(string sku, NamedRecord body, NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand(
            "insert into products (sku, name) values ($1, $2) on conflict (sku) do update set name = excluded.name");
        command.Parameters.Add(new() { Value = sku });
        command.Parameters.Add(new() { Value = body.Name ?? sku });
        await command.ExecuteNonQueryAsync();
        return TypedResults.Ok();
    }

    private static async Task<Results<Ok<StockLevel>, BadRequest<Problem>>> Receive(
        string warehouse, string sku, ReceiptRequest body, NpgsqlDataSource db, HttpContext http)
    {
        if (body.Quantity <= 0)
            return TypedResults.BadRequest(new Problem("Invalid quantity", 400, "INVALID_QUANTITY", "quantity must be positive."));
        return TypedResults.Ok(await RowLockCheckout.ReceiveAsync(db, warehouse, sku, body.Quantity, body.Reference, User(http)));
    }

    private static async Task<Results<Ok<StockLevel>, NotFound>> GetLevel(string warehouse, string sku, NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("select on_hand, reserved from stock where warehouse = $1 and sku = $2");
        command.Parameters.Add(new() { Value = warehouse });
        command.Parameters.Add(new() { Value = sku });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return TypedResults.NotFound();
        return TypedResults.Ok(new StockLevel(sku, warehouse, reader.GetDecimal(0), reader.GetDecimal(1)));
    }

    private static async Task<Results<Created<ReservationResponse>, Conflict<Problem>, BadRequest<Problem>>> Reserve(
        ReservationRequest body, NpgsqlDataSource db, HttpContext http)
    {
        if (RowLockCheckout.Validate(body, out var lines) is { } invalid)
            return TypedResults.BadRequest(invalid);

        var id = string.IsNullOrWhiteSpace(body.ReservationId) ? Guid.NewGuid().ToString("N") : body.ReservationId;
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(body.TtlSeconds ?? 900);
        var shortages = await RowLockCheckout.ReserveAsync(db, id, lines, expiresAt, body.Reference, User(http));
        if (shortages.Count > 0)
        {
            return TypedResults.Conflict(new Problem("Insufficient stock", 409, "INSUFFICIENT_STOCK",
                $"{shortages.Count} lines cannot be reserved.", shortages));
        }
        return TypedResults.Created($"/api/v1/reservations/{id}", new ReservationResponse(id, "active", expiresAt, lines));
    }

    private static string User(HttpContext http) => http.Items[BearerTokenCheck.UserItem] as string ?? "";
}
