using Inventory.Tokens;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Inventory.Server.Extensions;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Storage.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Server.Tests;

/// <summary>
/// The real service, started in-process exactly as Program.cs starts it (AddInventory, MapInventoryApis) on a free
/// loopback port with Kestrel, against a real PostgreSQL database. Tests talk to it over HTTP only.
/// </summary>
public sealed class InventoryServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    private InventoryServer(WebApplication app, string dataDirectory, Uri address, TokenService tokens)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Address = address;
        Tokens = tokens;
        Anonymous = NewClient(null);
    }

    public Uri Address { get; }

    public TokenService Tokens { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous { get; }

    public static async Task<InventoryServer> StartAsync(string connectionString, IDictionary<string, string?>? settings = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "inventory-server-tests-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        var configuration = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Inventory"] = connectionString,
            ["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Inventory:DataDirectory"] = dataDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Logging:LogLevel:Inventory.Server.Infrastructure.Errors"] = Environment.GetEnvironmentVariable("INVENTORY_TEST_ERROR_LOGS") ?? "Critical",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);

        builder.AddInventory();
        var app = builder.Build();
        app.MapInventoryApis();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new InventoryServer(app, dataDirectory, new Uri(address), app.Services.GetRequiredService<TokenService>());
    }

    /// <summary>A client whose requests carry a token for <paramref name="user"/> with <paramref name="role"/>.</summary>
    public HttpClient As(string role, string? user = null)
    {
        user ??= role + "-user";
        var key = role + "|" + user;
        lock (_clients)
        {
            if (!_clients.TryGetValue(key, out var client))
                _clients[key] = client = NewClient(Tokens.Issue(user, [role], TimeSpan.FromHours(1)));
            return client;
        }
    }

    public HttpClient NewClient(string? token)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(120),
        };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        Anonymous.Dispose();
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
