using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Inventory.Admin.Connections;
using Inventory.Server.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inventory.Admin.Tests;

/// <summary>
/// The real Inventory server, started in-process exactly as Program.cs starts it, on a free loopback port, against a real
/// PostgreSQL database, with a data directory holding its signing key (as a server generates it) so the CLI can mint
/// tokens from --data-dir. Its log entries are kept for assertions.
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private LiveServer(WebApplication app, string dataDirectory, Uri address, byte[] key, LogSink logs)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Address = address;
        Key = key;
        Logs = logs;
        Admin = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LocalTokens.Issue(key, "test-admin", ["admin"], TimeSpan.FromHours(2)));
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public byte[] Key { get; }

    public LogSink Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A client with an admin token, for set-up through the public API.</summary>
    public HttpClient Admin { get; }

    public static async Task<LiveServer> StartAsync(string connectionString, IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        dataDirectory ??= Scratch.NewDirectory("admin-tests-data");
        Directory.CreateDirectory(dataDirectory);
        var keyPath = Path.Combine(dataDirectory, LocalTokens.KeyFileName);
        if (!File.Exists(keyPath))
            await File.WriteAllTextAsync(keyPath, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var key = Convert.FromBase64String((await File.ReadAllTextAsync(keyPath)).Trim());

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        var configuration = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Inventory"] = connectionString,
            ["Inventory:DataDirectory"] = dataDirectory,
            ["Inventory:Checks:ConsistencyFirstRunDelay"] = "01:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Inventory.Storage.Postgres.Maintenance"] = "Information",
            ["Logging:LogLevel:Inventory.Server.Infrastructure.Checks"] = "Information",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
            configuration[name] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddInventory();
        var logs = new LogSink();
        builder.Logging.AddProvider(logs);
        var app = builder.Build();
        app.MapInventoryApis();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LiveServer(app, dataDirectory, new Uri(address), key, logs);
    }

    /// <summary>Stops the server (the database stays up): the "server down" case.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

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
        await StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Keeps every log entry of the server (category, level, event id, message and state).</summary>
    public sealed class LogSink : ILoggerProvider
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyList<Entry> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        public sealed record Entry(string Category, LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, object?> State);

        private sealed class Logger(LogSink sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? pairs.ToDictionary(p => p.Key, p => p.Value)
                    : new Dictionary<string, object?>();
                sink._entries.Enqueue(new Entry(category, logLevel, eventId.Id, formatter(state, exception), values));
            }
        }
    }
}
