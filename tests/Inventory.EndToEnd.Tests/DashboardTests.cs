using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Inventory.EndToEnd.Tests;

/// <summary>A manager's browser on the live dashboard: real server, real PostgreSQL, real headless Chromium.</summary>
public sealed class DashboardTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly float Timeout = 15_000;
    private DashboardServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await DashboardServer.StartAsync();
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_manager_sees_a_reservation_change_the_level_live_and_acknowledges_an_alert()
    {
        using var admin = _server.As("admin", "ada");
        using var sales = _server.As("sales_staff", "sam");
        await SeedAsync(admin, sales);
        var alertId = await WaitForAlertAsync(admin, "MAIN", "TEA-GREEN", "low_stock");

        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        var console = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") console.Add($"{m.Text} ({m.Location})"); };
        await page.GotoAsync(new Uri(_server.Address, "/dashboard").ToString());

        // Sign in the documented way: paste a token minted for the manager.
        await page.FillAsync("#token-input", _server.Token("manager", "mia"));
        await page.ClickAsync("#connect");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("live", new() { Timeout = Timeout });
        var available = page.Locator("tr[data-position='MAIN/COFFEE-1KG'] td.available");
        await Assertions.Expect(available).ToHaveTextAsync("120", new() { Timeout = Timeout });
        var row = page.Locator("tr[data-position='MAIN/COFFEE-1KG']");
        var rowBefore = await row.ScreenshotAsync();

        // A reservation through the API moves the number on the page without a reload.
        var stopwatch = Stopwatch.StartNew();
        await DashboardServer.SendAsync(sales, HttpMethod.Post, "/api/v1/reservations",
            new { reservationId = "web-order-1001", reference = "order-1001", lines = new[] { new { sku = "COFFEE-1KG", warehouse = "MAIN", quantity = 8 } } });
        await Assertions.Expect(available).ToHaveTextAsync("112", new() { Timeout = Timeout });
        output.WriteLine($"reservation over HTTP -> number changed on the page after {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
        await Assertions.Expect(page.Locator("tr[data-position='MAIN/COFFEE-1KG'] td.reserved")).ToHaveTextAsync("8");
        // What the browser draws changed too, not only the DOM: the row's pixels differ from before the reservation.
        var rowAfter = await row.ScreenshotAsync();
        Assert.Equal(PngSize(rowBefore), PngSize(rowAfter));
        Assert.NotEqual(rowBefore, rowAfter);
        await Assertions.Expect(page.Locator("#reservations tr[data-reservation='web-order-1001']")).ToHaveCountAsync(1);

        // A role that may not acknowledge sees the alert without the button: the page asks the server what it may do.
        var salesPage = await _browser.NewPageAsync();
        await salesPage.GotoAsync(new Uri(_server.Address, "/dashboard").ToString());
        await salesPage.FillAsync("#token-input", _server.Token("sales_staff", "sam"));
        await salesPage.ClickAsync("#connect");
        var seenBySales = salesPage.Locator($"li[data-alert-id='{alertId}']");
        await Assertions.Expect(seenBySales).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Assertions.Expect(seenBySales.Locator("button.ack")).ToHaveCountAsync(0);
        await salesPage.CloseAsync();

        // Acknowledge the low-stock alert with a note.
        var alert = page.Locator($"li[data-alert-id='{alertId}']");
        await alert.Locator(".ack-note").FillAsync("PO 4711 sent to Leaf & Co");
        await alert.Locator("button.ack").ClickAsync();
        await Assertions.Expect(alert.Locator(".alert-status")).ToContainTextAsync("Acknowledged by mia", new() { Timeout = Timeout });
        var stored = await DashboardServer.SendAsync(admin, HttpMethod.Get, $"/api/v1/alerts/{alertId}");
        Assert.Equal(("acknowledged", "mia", "PO 4711 sent to Leaf & Co"),
            (stored.GetProperty("status").GetString(), stored.GetProperty("acknowledgedBy").GetString(), stored.GetProperty("note").GetString()));

        // Search and warehouse filter narrow the view.
        await page.FillAsync("#search", "tea");
        await Assertions.Expect(page.Locator("tr[data-position='MAIN/COFFEE-1KG']")).ToHaveCountAsync(0);
        await page.FillAsync("#search", "");
        await page.SelectOptionAsync("#warehouse", "NORTH");
        await Assertions.Expect(page.Locator("tr[data-position='MAIN/COFFEE-1KG']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("tr[data-position='NORTH/COFFEE-1KG']")).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#warehouse", "");
        await Assertions.Expect(page.Locator("tr[data-position='MAIN/COFFEE-1KG']")).ToHaveCountAsync(1);

        // One more live movement so the feed and chart show activity, then the artifact.
        await DashboardServer.SendAsync(sales, HttpMethod.Post, "/api/v1/reservations",
            new { reservationId = "web-order-1002", lines = new[] { new { sku = "MUG-WHITE", warehouse = "NORTH", quantity = 3 } } });
        await Assertions.Expect(page.Locator("tr[data-position='NORTH/MUG-WHITE'] td.reserved")).ToHaveTextAsync("15", new() { Timeout = Timeout });
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
        // The whole page, as wide as the window and at least as tall: a PNG of what the manager saw.
        var (width, height) = PngSize(await File.ReadAllBytesAsync(screenshot));
        Assert.Equal(1440, width);
        Assert.True(height >= 1000, $"screenshot is {width}x{height}");
        Assert.Empty(console);
    }

    /// <summary>Width and height from a PNG's header (its IHDR chunk); fails on anything that is not a PNG.</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 24 && png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)),
            System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>Two warehouses, a few products with some history, and conditions that raise alerts.</summary>
    private static async Task SeedAsync(HttpClient admin, HttpClient sales)
    {
        foreach (var (code, name) in new[] { ("MAIN", "Main warehouse"), ("NORTH", "North depot") })
            await DashboardServer.SendAsync(admin, HttpMethod.Put, $"/api/v1/warehouses/{code}", new { name, type = "warehouse", canShip = true, canReceive = true });
        foreach (var (sku, supplier) in new[] { ("COFFEE-1KG", "Bean Traders"), ("TEA-GREEN", "Leaf & Co"), ("MUG-WHITE", "Ceramics Ltd"), ("MILK-1L", "Dairy Co") })
        {
            await DashboardServer.SendAsync(admin, HttpMethod.Put, $"/api/v1/products/{sku}", new
            {
                name = sku,
                type = "FINISHED",
                baseUnit = "piece",
                costingMethod = "FIFO",
                leadTimeDays = 5,
                metadata = new Dictionary<string, string> { ["preferredSupplier"] = supplier },
            });
        }

        async Task Receive(string w, string sku, decimal quantity, string? lot = null, DateOnly? expiresOn = null) =>
            await DashboardServer.SendAsync(admin, HttpMethod.Post, $"/api/v1/stock/{w}/{sku}/receipts", new { quantity, unitCost = 3.2m, lot, expiresOn });
        async Task Policy(string w, string sku, object policy) =>
            await DashboardServer.SendAsync(admin, HttpMethod.Put, $"/api/v1/stock/{w}/{sku}/policy", policy);
        async Task Reserve(string id, string w, string sku, decimal quantity) =>
            await DashboardServer.SendAsync(sales, HttpMethod.Post, "/api/v1/reservations", new { reservationId = id, lines = new[] { new { sku, warehouse = w, quantity } } });

        await Receive("MAIN", "COFFEE-1KG", 120);
        await Policy("MAIN", "COFFEE-1KG", new { reorderPoint = 30, reorderQuantity = 100, maxStock = 300 });
        await Receive("MAIN", "TEA-GREEN", 40);
        await Policy("MAIN", "TEA-GREEN", new { reorderPoint = 25, reorderQuantity = 60 });
        await Reserve("shop-17", "MAIN", "TEA-GREEN", 22); // 18 available: low stock
        await Receive("MAIN", "MUG-WHITE", 60);
        await Receive("NORTH", "COFFEE-1KG", 45);
        await Receive("NORTH", "MUG-WHITE", 500);
        await Policy("NORTH", "MUG-WHITE", new { maxStock = 300 });
        await Reserve("shop-18", "NORTH", "MUG-WHITE", 12); // overstock
        await Receive("NORTH", "MILK-1L", 24, "L-2611", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5)); // lot expiring soon
        await Reserve("shop-19", "MAIN", "MUG-WHITE", 5);
    }

    private static async Task<long> WaitForAlertAsync(HttpClient client, string warehouse, string sku, string kind)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var list = await DashboardServer.SendAsync(client, HttpMethod.Get, $"/api/v1/alerts?status=active&warehouse={warehouse}&kind={kind}&sku={sku}");
            var items = list.GetProperty("items");
            if (items.GetArrayLength() > 0)
                return items[0].GetProperty("id").GetInt64();
            Assert.True(DateTime.UtcNow < deadline, $"no {kind} alert for {warehouse}/{sku}");
            await Task.Delay(50);
        }
    }
}
