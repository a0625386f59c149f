using Inventory.TestSupport;
using Inventory.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Inventory.Server.Tests;

/// <summary>JWT authentication and the role matrix: every role against a representative endpoint of each capability.</summary>
[Collection(ServerCollection.Name)]
public sealed class AuthTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Wh = "AU-MAIN";
    private const string Sku = "AU-SKU";
    private TestServer Server => fixture.Server;

    public async Task InitializeAsync()
    {
        await Setup.Stocked(Server, Wh, Sku, 1000);
        await Setup.Warehouse(Server, "AU-OTHER");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, bool> Matrix()
    {
        // capability -> roles allowed; every other role must get 403.
        var allowed = new Dictionary<string, string[]>
        {
            ["read"] = ["admin", "manager", "warehouse_staff", "sales_staff", "purchaser", "viewer"],
            ["reserve"] = ["admin", "manager", "sales_staff"],
            ["receive"] = ["admin", "manager", "warehouse_staff", "purchaser"],
            ["adjust"] = ["admin", "manager", "warehouse_staff"],
            ["count"] = ["admin", "manager", "warehouse_staff"],
            ["transfer"] = ["admin", "manager", "warehouse_staff"],
            ["product"] = ["admin", "manager", "purchaser"],
            ["warehouse"] = ["admin", "manager"],
            ["policy"] = ["admin", "manager"],
            ["valuation"] = ["admin", "manager"],
            ["reconcile"] = ["admin"],
        };
        var data = new TheoryData<string, string, bool>();
        foreach (var (capability, roles) in allowed)
        {
            foreach (var role in new[] { "admin", "manager", "warehouse_staff", "sales_staff", "purchaser", "viewer" })
                data.Add(role, capability, roles.Contains(role));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleMayDoWhatItsNameSays(string role, string capability, bool allowed)
    {
        var client = Server.As(role);
        var reply = capability switch
        {
            "read" => await client.Get($"/api/v1/stock/{Wh}/{Sku}"),
            "reserve" => await client.Post("/api/v1/reservations", new { lines = new[] { new { sku = Sku, warehouse = Wh, quantity = 1 } } }),
            "receive" => await client.Post($"/api/v1/stock/{Wh}/{Sku}/receipts", new { quantity = 1, unitCost = 1 }),
            "adjust" => await client.Post($"/api/v1/stock/{Wh}/{Sku}/adjustments", new { delta = 1, reason = "found" }),
            "count" => await client.Post($"/api/v1/stock/{Wh}/{Sku}/counts", new { counted = 1000 + Random.Shared.Next(1, 50) }),
            "transfer" => await client.Post("/api/v1/transfers", new { from = Wh, to = "AU-OTHER", sku = Sku, quantity = 1 }),
            "product" => await client.Put($"/api/v1/products/AU-P-{role}", new { name = "p", type = "RAW", baseUnit = "kg" }),
            "warehouse" => await client.Put($"/api/v1/warehouses/AU-W-{role}", new { name = "w", type = "warehouse" }),
            "policy" => await client.Put($"/api/v1/stock/{Wh}/{Sku}/policy", new { reorderPoint = 5 }),
            "valuation" => await client.Get($"/api/v1/reports/valuation?warehouse={Wh}"),
            "reconcile" => await client.Post($"/api/v1/admin/reconcile?warehouse={Wh}"),
            _ => throw new ArgumentOutOfRangeException(nameof(capability)),
        };

        if (allowed)
        {
            Assert.True(reply.Code is >= 200 and < 300, $"{role} {capability}: {reply.Code} {reply.Text}");
        }
        else
        {
            reply.Problem(403, "FORBIDDEN");
            Assert.Contains(role, reply.Text);
        }
    }

    [Fact]
    public async Task Every_admin_route_refuses_every_role_but_admin()
    {
        var routes = MappedRoutes.Of(Server)
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/admin/", StringComparison.Ordinal) == true)
            .SelectMany(e => MappedRoutes.Methods(e).Select(method => (Method: method,
                Path: MappedRoutes.Fill(e.RoutePattern.RawText!, (name, _) => name switch
                {
                    "warehouse" => Wh,
                    "sku" => Sku,
                    _ => "au-" + name,
                }))))
            .ToList();
        Assert.True(routes.Count >= 12, $"only {routes.Count} admin routes found");

        foreach (var (method, path) in routes)
        {
            foreach (var role in Roles)
            {
                var reply = await Server.As(role).Send(new HttpMethod(method), path, method == "GET" ? null : new { });
                if (role == "admin")
                    Assert.True(reply.Code is not (401 or 403), $"admin {method} {path}: {reply.Code} {reply.Text}");
                else
                    reply.Problem(403, "FORBIDDEN");
            }
        }
    }

    private static readonly string[] Roles = ["admin", "manager", "warehouse_staff", "sales_staff", "purchaser", "viewer"];

    [Fact]
    public async Task The_dashboard_is_told_each_roles_capabilities_as_the_server_enforces_them()
    {
        // capability -> roles, written out by hand (the page shows an action only when its capability is listed).
        var expected = new Dictionary<string, string[]>
        {
            ["reserve"] = ["admin", "manager", "sales_staff"],
            ["receive"] = ["admin", "manager", "warehouse_staff", "purchaser"],
            ["move-stock"] = ["admin", "manager", "warehouse_staff"],
            ["manage-products"] = ["admin", "manager", "purchaser"],
            ["valuation"] = ["admin", "manager"],
            ["admin"] = ["admin"],
            ["acknowledge-alerts"] = ["admin", "manager", "warehouse_staff", "purchaser"],
        };
        foreach (var role in Roles)
        {
            var reply = await Server.As(role).Get("/api/v1/dashboard/capabilities");
            Assert.Equal(200, reply.Code);
            var granted = reply.Json.EnumerateArray().Select(c => c.GetString()).ToHashSet();
            Assert.Contains("read", granted);
            foreach (var (capability, roles) in expected)
                Assert.True(roles.Contains(role) == granted.Contains(capability), $"{role} {capability}: listed {granted.Contains(capability)}");
        }
    }

    [Fact]
    public async Task RequestsWithoutAValidTokenAreUnauthorized()
    {
        var path = $"/api/v1/stock/{Wh}/{Sku}";
        var tokens = Server.Tokens;
        var otherKey = new TokenService(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var cases = new (string Name, string? Header)[]
        {
            ("none", null),
            ("not bearer", "Basic YWxpY2U6c2VjcmV0"),
            ("garbage", "Bearer not-a-token"),
            ("bad signature", "Bearer " + otherKey.Issue("mallory", ["admin"], TimeSpan.FromHours(1))),
            ("expired", "Bearer " + tokens.Issue("alice", ["admin"], TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-2))),
            ("tampered", "Bearer " + Tamper(tokens.Issue("alice", ["viewer"], TimeSpan.FromHours(1)))),
            ("unsigned", "Bearer " + Unsigned()),
        };

        foreach (var (name, header) in cases)
        {
            using var client = Server.NewClient(null);
            if (header is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
            var reply = await client.Get(path);
            reply.Problem(401, "UNAUTHORIZED");
            Assert.True(reply.Headers.ContainsKey("WWW-Authenticate"), name);
        }

        var expired = await NewClientWith("Bearer " + tokens.Issue("alice", ["admin"], TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-2))).Get(path);
        Assert.Contains("expired", expired.String("detail"));
        (await Server.NewClient(tokens.Issue("alice", ["janitor"], TimeSpan.FromHours(1))).Get(path)).Problem(403, "FORBIDDEN");
        (await Server.Anonymous.Post($"/api/v1/stock/{Wh}/{Sku}/receipts", new { quantity = 1, unitCost = 1 })).Problem(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_expires_and_a_forged_one_is_never_remembered()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new TokenService(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), clock);
        var token = tokens.Issue("alice", ["sales_staff"], TimeSpan.FromMinutes(5));

        Assert.Equal("alice", (await tokens.ValidateAsync(token)).Identity?.Name);
        Assert.Equal("alice", (await tokens.ValidateAsync(token)).Identity?.Name); // remembered
        clock.Advance(TimeSpan.FromMinutes(5) + TokenService.ClockSkew + TimeSpan.FromSeconds(1));
        var (identity, error) = await tokens.ValidateAsync(token);
        Assert.Null(identity);
        Assert.Contains("expired", error);

        var forged = Tamper(tokens.Issue("bob", ["viewer"], TimeSpan.FromHours(1)));
        Assert.Null((await tokens.ValidateAsync(forged)).Identity);
        Assert.Null((await tokens.ValidateAsync(forged)).Identity);
    }

    private HttpClient NewClientWith(string header)
    {
        var client = Server.NewClient(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        return client;
    }

    // Swaps the payload for one claiming the admin role; the signature no longer matches.
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Base64Url(parts[1])).Replace("\"viewer\"", "\"admin\"", StringComparison.Ordinal);
        return parts[0] + "." + ToBase64Url(System.Text.Encoding.UTF8.GetBytes(payload)) + "." + parts[2];
    }

    private static string Unsigned()
    {
        var header = ToBase64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8.ToArray());
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var payload = ToBase64Url(System.Text.Encoding.UTF8.GetBytes($"{{\"sub\":\"eve\",\"role\":\"admin\",\"iss\":\"inventory\",\"aud\":\"inventory\",\"exp\":{exp}}}"));
        return header + "." + payload + ".";
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
