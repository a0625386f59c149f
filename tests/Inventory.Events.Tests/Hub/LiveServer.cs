using System.Net.Http.Json;
using System.Text.Json;
using Inventory.TestSupport;
using Inventory.Tokens;

namespace Inventory.Events.Tests.Hub;

/// <summary>The shared in-process server (<see cref="TestServer"/>) with what the hub tests add: hub clients and set-up.</summary>
internal sealed class LiveServer : IAsyncDisposable
{
    private readonly TestServer _server;

    private LiveServer(TestServer server) => _server = server;

    public Uri Address => _server.Address;

    public TokenService Tokens => _server.Tokens;

    public static async Task<LiveServer> StartAsync(string connectionString) => new(await TestServer.StartAsync(connectionString));

    public string Token(string role, string? user = null) => _server.Token(role, user);

    /// <summary>A new client with a token for <paramref name="role"/>; the caller disposes it.</summary>
    public HttpClient As(string role) => _server.NewClient(Token(role));

    public Task<HubClient> HubAsync(string? role) => HubClient.ConnectAsync(Address, "/hubs/stock", role is null ? null : Token(role));

    /// <summary>A warehouse, a product (with catalog supply data) and optionally stock, through the API as admin.</summary>
    public async Task StockedAsync(string warehouse, string sku, decimal onHand, decimal unitCost = 2.5m)
    {
        using var admin = As("admin");
        await SendAsync(admin, HttpMethod.Put, $"/api/v1/warehouses/{warehouse}", new { name = "Warehouse " + warehouse, type = "warehouse", canShip = true, canReceive = true });
        await SendAsync(admin, HttpMethod.Put, $"/api/v1/products/{sku}", new
        {
            name = "Product " + sku,
            type = "FINISHED",
            baseUnit = "piece",
            costingMethod = "FIFO",
            leadTimeDays = 4,
            metadata = new Dictionary<string, string> { ["preferredSupplier"] = "Acme Supply" },
        });
        if (onHand > 0)
            await SendAsync(admin, HttpMethod.Post, $"/api/v1/stock/{warehouse}/{sku}/receipts", new { quantity = onHand, unitCost });
    }

    public static async Task<(int Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null,
        bool ensureSuccess = true)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (ensureSuccess && !response.IsSuccessStatusCode)
            Assert.Fail($"{method} {path}: {(int)response.StatusCode} {text}");
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
