using System.Net.Http.Headers;
using System.Net.Http.Json;
using Inventory.Bench.Scenarios;

namespace Inventory.Bench.Orchestration;

/// <summary>
/// Seeds a system through its own HTTP API (warehouses, products, one receipt per position), the same requests for
/// both systems, so both start from identical stock.
/// </summary>
public static class Seeder
{
    private const int Parallelism = 32;

    public static async Task SeedAsync(SystemUnderTest system, Catalogue catalogue, string token, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Parallelism, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = system.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        foreach (var code in catalogue.Warehouses)
        {
            await SendAsync(client, HttpMethod.Put, $"/api/v1/warehouses/{code}", new
            {
                name = $"Benchmark warehouse {code}",
                type = "warehouse",
                canShip = true,
                canReceive = true,
                isDefault = code == Catalogue.WarehouseA,
            }, cancellationToken);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(catalogue.Skus, parallel, async (sku, ct) =>
            await SendAsync(client, HttpMethod.Put, $"/api/v1/products/{Uri.EscapeDataString(sku)}", new
            {
                name = $"Benchmark product {sku}",
                type = "FINISHED",
                baseUnit = "EA",
                costingMethod = "FIFO",
                leadTimeDays = 1,
            }, ct));

        await Parallel.ForEachAsync(catalogue.Positions, parallel, async (position, ct) =>
            await SendAsync(client, HttpMethod.Post,
                $"/api/v1/stock/{Uri.EscapeDataString(position.Warehouse)}/{Uri.EscapeDataString(position.Sku)}/receipts", new
                {
                    quantity = position.Stock,
                    unitCost = 1.25m,
                    reference = "bench-seed",
                }, ct));
    }

    private static async Task SendAsync(HttpClient client, HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
                return;
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            // 503 and 429 are retryable by contract; anything else means the seed request itself is wrong.
            if (attempt < 5 && (int)response.StatusCode is 503 or 429)
            {
                await Task.Delay(200 * attempt, cancellationToken);
                continue;
            }
            throw new InvalidOperationException($"Seeding {method} {path} failed: HTTP {(int)response.StatusCode} {text}");
        }
    }
}
