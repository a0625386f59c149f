using Inventory.Tokens;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Inventory.Server.Extensions;
using Inventory.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Events.Tests.Hub;

/// <summary>
/// The real Inventory server, composed exactly as Program.cs composes it (AddInventory, MapInventoryApis), on a free
/// loopback port against a real PostgreSQL database; tests talk to it over HTTP and WebSockets only.
/// </summary>
internal sealed class LiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private LiveServer(WebApplication app, string dataDirectory, Uri address)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Address = address;
        Tokens = app.Services.GetRequiredService<TokenService>();
    }

    public Uri Address { get; }

    public TokenService Tokens { get; }

    public static async Task<LiveServer> StartAsync(string connectionString)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "inventory-live-tests-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Inventory"] = connectionString,
            ["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Inventory:DataDirectory"] = dataDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddInventory();
        var app = builder.Build();
        app.MapInventoryApis();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LiveServer(app, dataDirectory, new Uri(address));
    }

    public string Token(string role, string? user = null) => Tokens.Issue(user ?? role + "-user", [role], TimeSpan.FromHours(1));

    public HttpClient As(string role)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role));
        return client;
    }

    public Task<HubClient> HubAsync(string? role) => HubClient.ConnectAsync(Address, "/hubs/stock", role is null ? null : Token(role));

    /// <summary>A warehouse, a product (with catalog supply data) and optionally stock, through the API as admin.</summary>
    public async Task StockedAsync(string warehouse, string sku, decimal onHand, decimal unitCost = 2.5m)
    {
        using var admin = As("admin");
        await SendAsync(admin, HttpMethod.Put, $"/api/v1/warehouses/{warehouse}", new { name = "Warehouse " + warehouse, type = "warehouse", canShip = true, canReceive = true });
        await SendAsync(admin, HttpMethod.Put, $"/api/v1/products/{sku}", new
        {
            name = "Product " + sku, type = "FINISHED", baseUnit = "piece", costingMethod = "FIFO", leadTimeDays = 4,
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
