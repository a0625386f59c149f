using System.Net.Http.Json;
using System.Text.Json;
using Inventory.Admin.Connections;
using Inventory.TestSupport;
using Microsoft.Extensions.Logging.Testing;

namespace Inventory.Admin.Tests;

/// <summary>
/// The shared in-process server (<see cref="TestServer"/>) as the CLI meets it: its data directory holds the signing
/// key the server generated, so the CLI can mint tokens from --data-dir; background checks wait an hour unless a test
/// asks; the checks' and maintenance jobs' log records are kept for assertions.
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly TestServer _server;

    private LiveServer(TestServer server, byte[] key)
    {
        _server = server;
        Key = key;
        Admin = server.NewClient(LocalTokens.Issue(key, "test-admin", ["admin"], TimeSpan.FromHours(2)));
    }

    public Uri Address => _server.Address;

    public string DataDirectory => _server.DataDirectory;

    public byte[] Key { get; }

    /// <summary>The server's log records (the checks' and maintenance jobs' from Information, the rest from Warning).</summary>
    public FakeLogCollector Logs => _server.Logs;

    public IServiceProvider Services => _server.Services;

    /// <summary>A client with an admin token, for set-up through the public API.</summary>
    public HttpClient Admin { get; }

    public static async Task<LiveServer> StartAsync(string connectionString, IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Inventory:Checks:ConsistencyFirstRunDelay"] = "01:00:00",
            ["Logging:LogLevel:Inventory.Queries.Checks"] = "Information",
            ["Logging:LogLevel:Inventory.Server.Application.Checks"] = "Information",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
            configuration[name] = value;
        var server = await TestServer.StartAsync(connectionString, configuration, dataDirectory ?? Scratch.NewDirectory("admin-tests-data"));
        var key = Convert.FromBase64String((await File.ReadAllTextAsync(Path.Combine(server.DataDirectory, LocalTokens.KeyFileName))).Trim());
        return new LiveServer(server, key);
    }

    /// <summary>Stops the server (the database stays up): the "server down" case.</summary>
    public Task StopAsync() => _server.StopAsync();

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A warehouse, a product and <paramref name="onHand"/> received at <paramref name="unitCost"/>.</summary>
    public async Task StockedAsync(string warehouse, string sku, decimal onHand, decimal unitCost = 2m, string? lot = null, DateOnly? expiresOn = null)
    {
        await SendAsync(HttpMethod.Put, $"/api/v1/warehouses/{warehouse}", new { name = "Warehouse " + warehouse, type = "warehouse", canShip = true, canReceive = true });
        await SendAsync(HttpMethod.Put, $"/api/v1/products/{sku}", new { name = "Product " + sku, type = "FINISHED", baseUnit = "piece", costingMethod = "FIFO", leadTimeDays = 1 });
        if (onHand > 0)
            await SendAsync(HttpMethod.Post, $"/api/v1/stock/{warehouse}/{sku}/receipts", new { quantity = onHand, unitCost, lot, expiresOn });
    }

    public Task<JsonElement> ReserveAsync(string id, string warehouse, string sku, decimal quantity, string? reference = null, int? ttlSeconds = null) =>
        SendAsync(HttpMethod.Post, "/api/v1/reservations",
            new { reservationId = id, reference, ttlSeconds, lines = new[] { new { warehouse, sku, quantity } } });

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
