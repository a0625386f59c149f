using System.Collections.Concurrent;
using System.Text;
using Inventory.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inventory.Server.Tests;

/// <summary>
/// OTLP export switched on by the standard variables (here as configuration keys of the same names): a collector
/// stood up here receives the server's traces (HTTP request, grain call, SQL spans) and metrics over OTLP/HTTP.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class OtlpExportTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();
    private StubServer _collector = null!;
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _collector = await StubServer.StartAsync(app => app.MapPost("/v1/{signal}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            _received.Enqueue((http.Request.Path, body.ToArray()));
            return Results.Ok();
        }));

        _server = await TestServer.StartAsync(await postgres.Server.EnsureDatabaseAsync("otlp_export"), new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_the_server_pushes_traces_of_a_checkout_and_its_metrics()
    {
        await Setup.Stocked(_server, "OT-MAIN", "OT-SKU", 10);
        (await _server.As("sales_staff").Post("/api/v1/reservations", new { lines = new[] { new { sku = "OT-SKU", warehouse = "OT-MAIN", quantity = 1 } } })).Ok(201);

        // Protobuf keeps strings as UTF-8 bytes: span names, instrumentation scopes and instrument names can be found.
        await Eventually.TrueAsync(() => Received("/v1/traces", "POST /api/v1/reservations"), "the checkout's HTTP span is exported");
        await Eventually.TrueAsync(() => Received("/v1/traces", "Microsoft.Orleans.Application"), "a grain call span is exported");
        await Eventually.TrueAsync(() => Received("/v1/traces", "Npgsql"), "an SQL span is exported");
        await Eventually.TrueAsync(() => Received("/v1/metrics", "inventory.reservations") && Received("/v1/metrics", "http.server.request.duration"),
            "the metrics are exported");
    }

    private bool Received(string path, string text)
    {
        var wanted = Encoding.UTF8.GetBytes(text);
        return _received.Any(r => r.Path == path && r.Body.AsSpan().IndexOf(wanted) >= 0);
    }
}
