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

    public static Task SeedAsync(SystemUnderTest system, Catalogue catalogue, string token, CancellationToken cancellationToken) =>
        SeedAsync([system], catalogue, token, cancellationToken);

    /// <summary>
    /// The catalogue through the first node; each position's receipt through node (index mod n), once every node
    /// knows the products, so the positions start on different silos of a cluster.
    /// </summary>
    public static async Task SeedAsync(IReadOnlyList<SystemUnderTest> nodes, Catalogue catalogue, string token, CancellationToken cancellationToken)
    {
        var clients = nodes.Select(node =>
        {
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Parallelism, UseProxy = false }, disposeHandler: true)
            {
                BaseAddress = node.BaseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }).ToArray();
        try
        {
            await SeedAsync(clients, catalogue, cancellationToken);
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    private static async Task SeedAsync(HttpClient[] clients, Catalogue catalogue, CancellationToken cancellationToken)
    {
        var client = clients[0];

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

        // Other nodes learn the catalogue from PostgreSQL's notifications, within milliseconds.
        var last = catalogue.Skus.Last();
        foreach (var node in clients.Skip(1))
        {
            for (var attempt = 0; (await node.GetAsync($"/api/v1/products/{Uri.EscapeDataString(last)}", cancellationToken)).StatusCode != System.Net.HttpStatusCode.OK; attempt++)
            {
                if (attempt > 300) throw new InvalidOperationException($"Node {node.BaseAddress} does not know the seeded products.");
                await Task.Delay(100, cancellationToken);
            }
        }

        await Parallel.ForEachAsync(catalogue.Positions, parallel, async (position, ct) =>
            await SendAsync(clients[position.Index % clients.Length], HttpMethod.Post,
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
