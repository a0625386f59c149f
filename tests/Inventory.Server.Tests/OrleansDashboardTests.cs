using System.Net;
using Inventory.Server.Hosting;
using Inventory.Server.Infrastructure.Auth;
using Inventory.TestSupport;
using Microsoft.Extensions.Configuration;

namespace Inventory.Server.Tests;

/// <summary>The Orleans Dashboard under /orleans-dashboard: admin role only, reachable from a browser through a cookie.</summary>
[Collection(ServerCollection.Name)]
public sealed class OrleansDashboardTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public void It_is_off_unless_enabled()
    {
        Assert.False(OrleansHosting.DashboardEnabled(new ConfigurationBuilder().Build()));
        Assert.True(OrleansHosting.DashboardEnabled(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [OrleansHosting.DashboardEnabledKey] = "true" }).Build()));
    }

    [Fact]
    public async Task Anonymous_is_401_other_roles_are_403_and_admin_gets_the_dashboard()
    {
        (await Server.Anonymous.Get("/orleans-dashboard/")).Problem(401, "UNAUTHORIZED");
        foreach (var role in Roles.All.Where(r => r != Roles.Admin))
            (await Server.As(role).Get("/orleans-dashboard/")).Problem(403, "FORBIDDEN");

        var page = await Server.As("admin").Get("/orleans-dashboard/");
        Assert.Equal(200, page.Code);
        Assert.Contains("<html", page.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_browser_signs_in_once_with_access_token_and_then_uses_the_cookie()
    {
        var token = Server.Tokens.Issue("admin-browser", ["admin"], TimeSpan.FromHours(1));
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Server.Address };

        var signIn = await browser.GetAsync($"/orleans-dashboard/?access_token={token}");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/orleans-dashboard/", signIn.Headers.Location?.OriginalString);
        Assert.Contains("httponly", string.Join(";", signIn.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);

        var page = await browser.GetAsync("/orleans-dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var staffToken = Server.Tokens.Issue("staff-browser", ["warehouse_staff"], TimeSpan.FromHours(1));
        using var staff = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = Server.Address };
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/orleans-dashboard/?access_token={staffToken}")).StatusCode);
    }
}
