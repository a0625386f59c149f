using System.Text;
using System.Text.Json;
using Inventory.Tokens;
using Microsoft.AspNetCore.Http.Metadata;
using Npgsql;
using Xunit.Abstractions;

namespace Inventory.Server.Tests;

/// <summary>
/// Every POST/PUT route of the real route table that takes a JSON body, fed hostile and ambiguous input: each answer
/// is a 4xx problem (RFC 9457, every member once) with a stable code, and nothing in the database changes.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class BadInputTests(ServerFixture fixture, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private static readonly string Huge = new('x', 100_000); // six of them stay under the 1 MiB body limit

    /// <summary>Bodies no route may accept, each with the reason it is bad.</summary>
    public static readonly (string Why, string Body)[] Bodies =
    [
        ("malformed", "{ \"quantity\": "),
        ("trailing garbage", "{\"quantity\": 1} {\"quantity\": 2}"),
        ("duplicate members", "{\"quantity\":1,\"quantity\":2,\"delta\":1,\"delta\":-1,\"name\":\"a\",\"name\":\"b\",\"type\":\"warehouse\",\"type\":\"transit\",\"lines\":[],\"lines\":[]}"),
        ("number too large", "{\"quantity\":1e400,\"delta\":1e400,\"unitCost\":1e400,\"counted\":1e400,\"ttlSeconds\":1e400,\"reorderPoint\":1e400}"),
        ("number rounded by decimal", "{\"quantity\":0.12345678901234567890123456789012,\"delta\":0.12345678901234567890123456789012,\"counted\":1e-40,\"unitCost\":79228162514264337593543950336}"),
        ("int out of range", "{\"ttlSeconds\":2147483648,\"quantity\":1}"),
        ("numeric enum", "{\"type\":1,\"reason\":2,\"costingMethod\":1,\"status\":1,\"to\":3,\"delta\":-1,\"quantity\":1,\"name\":\"n\",\"baseUnit\":\"piece\"}"),
        ("several enum values", "{\"type\":\"RAW,SEMI\",\"reason\":\"damage,theft\",\"costingMethod\":\"FIFO,LIFO\",\"status\":\"available,sold\",\"to\":\"sold,delivered\",\"delta\":-1,\"quantity\":1,\"name\":\"n\",\"baseUnit\":\"piece\"}"),
        ("huge strings", $"{{\"name\":\"{Huge}\",\"reference\":\"{Huge}\",\"sku\":\"{Huge}\",\"warehouse\":\"{Huge}\",\"reason\":\"{Huge}\",\"type\":\"{Huge}\",\"quantity\":1,\"delta\":1}}"),
        ("control characters", "{\"name\":\"a\\u0000b\",\"reference\":\"\\u0001\\u0007\",\"sku\":\"A\\u0000\",\"warehouse\":\"W\\u001b\",\"type\":\"warehouse\\u0000\",\"reason\":\"damage\\u0000\",\"quantity\":1,\"delta\":1,\"baseUnit\":\"piece\\u0000\"}"),
        ("control character in an otherwise valid warehouse", "{\"name\":\"Main\\u0000Hall\",\"type\":\"warehouse\",\"canShip\":true,\"canReceive\":true}"),
        ("control character in an otherwise valid product", "{\"name\":\"Tile\\u0007\",\"type\":\"FINISHED\",\"baseUnit\":\"piece\",\"costingMethod\":\"FIFO\"}"),
        ("nested too deep", string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)),
        ("null body", "null"),
        ("array body", "[{\"quantity\":1}]"),
        ("wrong types", "{\"quantity\":\"five\",\"delta\":true,\"lines\":\"all\",\"name\":7,\"ttlSeconds\":\"soon\"}"),
    ];

    [Fact]
    public async Task Every_json_route_answers_hostile_bodies_with_a_4xx_problem_and_changes_nothing()
    {
        var routes = JsonRoutes();
        Assert.True(routes.Count >= 25, $"only {routes.Count} routes with a JSON body found");
        var before = await FingerprintAsync();
        var client = fixture.Server.As("admin");
        var failures = new List<string>();
        var sent = 0;
        foreach (var (method, path, optional) in routes)
        {
            foreach (var (why, body) in Bodies)
            {
                if (optional && why == "null body") continue; // no body at all is allowed there
                var reply = await client.Send(new HttpMethod(method), path, body);
                sent++;
                if (Check(reply) is { } wrong) failures.Add($"{method} {path} with {why}: {wrong}");
            }
            using var plain = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("quantity=1", Encoding.UTF8, "text/plain") };
            using var response = await client.SendAsync(plain);
            if ((int)response.StatusCode != 415) failures.Add($"{method} {path} with text/plain: {(int)response.StatusCode}");
            sent++;
        }
        output.WriteLine($"{routes.Count} routes, {sent} requests, {failures.Count} wrong answers");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task Forged_expired_and_missing_tokens_are_401_problems_on_every_json_route()
    {
        var other = new TokenService(new byte[32]);
        var clients = new (string Why, HttpClient Client)[]
        {
            ("forged", fixture.Server.NewClient(other.Issue("mallory", ["admin"], TimeSpan.FromHours(1)))),
            ("expired", fixture.Server.NewClient(fixture.Server.Tokens.Issue("late", ["admin"], TimeSpan.FromSeconds(-600)))),
            ("garbage", fixture.Server.NewClient("not.a.token")),
            ("none", fixture.Server.NewClient(null)),
        };
        var before = await FingerprintAsync();
        var failures = new List<string>();
        foreach (var (method, path, _) in JsonRoutes())
            foreach (var (why, client) in clients)
            {
                var reply = await client.Send(new HttpMethod(method), path, "{\"quantity\":1,\"name\":\"n\",\"type\":\"warehouse\"}");
                if (reply.Code != 401 || Check(reply) is { } wrong) failures.Add($"{method} {path} with a {why} token: {reply.Code} {reply.Text}");
            }
        foreach (var (_, client) in clients) client.Dispose();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
        Assert.Equal(before, await FingerprintAsync());
    }

    /// <summary>Null when the reply is a proper 4xx problem; else what is wrong with it.</summary>
    private static string? Check(Reply reply)
    {
        if (reply.Code is < 400 or >= 500) return $"status {reply.Code}: {Cut(reply.Text)}";
        if (reply.ContentType != "application/problem+json") return $"content type {reply.ContentType}: {Cut(reply.Text)}";
        try
        {
            // Valid RFC 9457 JSON: one object, every member once, a code and the standard members typed as specified.
            using var document = JsonDocument.Parse(reply.Text, new JsonDocumentOptions { AllowDuplicateProperties = false });
            var root = document.RootElement;
            if (root.GetProperty("code").GetString() is not { Length: > 0 }) return "no code";
            if (root.GetProperty("status").GetInt32() != reply.Code) return "status member differs from the HTTP status";
            if (!root.GetProperty("type").GetString()!.StartsWith("urn:inventory:problem:", StringComparison.Ordinal)) return "type is not ours";
            _ = root.GetProperty("title").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"not a valid problem body ({e.Message}): {Cut(reply.Text)}";
        }
        return null;
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "..." : text;

    /// <summary>The POST/PUT/PATCH routes whose handler reads a JSON body, with their parameters filled in.</summary>
    private List<(string Method, string Path, bool OptionalBody)> JsonRoutes()
    {
        var routes = new List<(string, string, bool)>();
        foreach (var endpoint in MappedRoutes.Of(fixture.Server))
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (!pattern.StartsWith("/api/v1/", StringComparison.Ordinal)) continue;
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not { } accepts || !accepts.ContentTypes.Any(c => c.Contains("json", StringComparison.Ordinal))) continue;
            var path = MappedRoutes.Fill(pattern, (name, constraint) => (name, constraint) switch
            {
                (_, ":long" or ":int") => "1",
                ("warehouse" or "code" or "from" or "to", _) => "BI-WH",
                ("sku", _) => "BI-SKU",
                _ => "bi-" + name.ToLowerInvariant(),
            });
            foreach (var method in MappedRoutes.Methods(endpoint))
                if (method is "POST" or "PUT" or "PATCH") routes.Add((method, path, accepts.IsOptional));
        }
        return routes.Distinct().ToList();
    }

    /// <summary>Row counts of every table the API writes, and the catalog's contents (expiry by the sweep aside).</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
              AND table_name NOT IN ('alerts', 'idempotency_keys', 'event_checkpoints', 'stock_ledger', 'schema_migrations')
            ORDER BY 1
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var parts = new StringBuilder();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            parts.Append(table).Append('=').Append(await count.ExecuteScalarAsync()).Append(' ');
        }
        await using var content = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM stock_ledger WHERE type <> 'expired')::text
                || ' ' || coalesce((SELECT md5(string_agg(p::text, ',' ORDER BY p::text)) FROM products p), '')
                || ' ' || coalesce((SELECT md5(string_agg(w::text, ',' ORDER BY w::text)) FROM warehouses w), '')
            """, connection);
        return parts.Append(await content.ExecuteScalarAsync()).ToString();
    }
}
