using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Inventory.Server.Hosting;
using Inventory.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Inventory.TestSupport;

/// <summary>
/// The real Inventory server, composed exactly as Program.cs composes it (AddInventory, MapInventoryApis), in this
/// process on a free loopback port against a real PostgreSQL database; tests reach it over HTTP and WebSockets. Its
/// signing key is generated into its data directory on first use, as a server does. Its log records (Information and
/// up) are kept for assertions. Every test project that needs a server uses this one host.
/// </summary>
[SupportedOSPlatform("linux")] // the embedded PostgreSQL and the server run on Unix only
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsDataDirectory;
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private bool _stopped;

    private TestServer(WebApplication app, string dataDirectory, bool ownsDataDirectory, FakeLogCollector logs)
    {
        _app = app;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        Logs = logs;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Tokens = app.Services.GetRequiredService<TokenService>();
        Anonymous = NewClient(null);
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public TokenService Tokens { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The server's log records (Information and up).</summary>
    public FakeLogCollector Logs { get; }

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous { get; }

    /// <param name="settings">Configuration on top of the test defaults (any key of appsettings, or an environment variable's name).</param>
    /// <param name="dataDirectory">The server's data directory (signing key, reports); a new temporary one, removed on dispose, when null.</param>
    public static async Task<TestServer> StartAsync(string connectionString, IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "inventory-tests-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        var configuration = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Inventory"] = connectionString,
            ["Inventory:DataDirectory"] = dataDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            // Unexpected errors are logged at Error with their exception: set INVENTORY_TEST_ERROR_LOGS=Error to see them.
            ["Logging:LogLevel:Inventory.Server.Infrastructure.Errors"] = Environment.GetEnvironmentVariable("INVENTORY_TEST_ERROR_LOGS") ?? "Critical",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);

        builder.AddInventory();
        var logs = new FakeLogCollector();
        builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        var app = builder.Build();
        app.MapInventoryApis();
        await app.StartAsync();
        return new TestServer(app, dataDirectory, owns, logs);
    }

    /// <summary>A token of this server for <paramref name="user"/> (default: "ROLE-user") with <paramref name="role"/>.</summary>
    public string Token(string role, string? user = null) => Tokens.Issue(user ?? role + "-user", [role], TimeSpan.FromHours(1));

    /// <summary>A client whose requests carry a token for <paramref name="user"/> with <paramref name="role"/> (shared; do not dispose).</summary>
    public HttpClient As(string role, string? user = null)
    {
        user ??= role + "-user";
        lock (_clients)
        {
            if (!_clients.TryGetValue(role + "|" + user, out var client))
                _clients[role + "|" + user] = client = NewClient(Token(role, user));
            return client;
        }
    }

    /// <summary>A new client with <paramref name="token"/> (or none); the caller disposes it.</summary>
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

    /// <summary>Stops the server (its database stays up): the "server down" case. Dispose also stops it.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            foreach (var client in _clients.Values) client.Dispose();
        }
        Anonymous.Dispose();
        await StopAsync();
        if (!_ownsDataDirectory) return;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
