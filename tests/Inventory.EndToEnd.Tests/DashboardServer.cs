using Inventory.Tokens;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Inventory.Server.Extensions;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Storage.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.EndToEnd.Tests;

/// <summary>
/// A temporary embedded PostgreSQL server and the real Inventory server composed as Program.cs composes it, on a free
/// loopback port: what a manager's browser talks to.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly EmbeddedPostgres _postgres;
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private DashboardServer(EmbeddedPostgres postgres, WebApplication app, string dataDirectory, Uri address)
    {
        _postgres = postgres;
        _app = app;
        _dataDirectory = dataDirectory;
        Address = address;
        Tokens = app.Services.GetRequiredService<TokenService>();
    }

    public Uri Address { get; }

    public TokenService Tokens { get; }

    public static async Task<DashboardServer> StartAsync()
    {
        var postgres = await EmbeddedPostgres.StartTemporaryAsync();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "inventory-e2e-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Inventory"] = await postgres.EnsureDatabaseAsync("e2e"),
            ["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Inventory:DataDirectory"] = dataDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddInventory();
        var app = builder.Build();
        app.MapInventoryApis();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DashboardServer(postgres, app, dataDirectory, new Uri(address));
    }

    public string Token(string role, string user) => Tokens.Issue(user, [role], TimeSpan.FromHours(1));

    public HttpClient As(string role, string user)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, user));
        return client;
    }

    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _postgres.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
