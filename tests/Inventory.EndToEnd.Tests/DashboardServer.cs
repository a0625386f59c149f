using System.Net.Http.Json;
using System.Text.Json;
using Inventory.Postgres.Embedded;
using Inventory.TestSupport;
using Inventory.Tokens;

namespace Inventory.EndToEnd.Tests;

/// <summary>
/// A temporary embedded PostgreSQL server and the shared in-process server (<see cref="TestServer"/>) on it: what a
/// manager's browser talks to.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly EmbeddedPostgres _postgres;
    private readonly TestServer _server;

    private DashboardServer(EmbeddedPostgres postgres, TestServer server)
    {
        _postgres = postgres;
        _server = server;
    }

    public Uri Address => _server.Address;

    public TokenService Tokens => _server.Tokens;

    public static async Task<DashboardServer> StartAsync()
    {
        var postgres = await EmbeddedPostgres.StartTemporaryAsync();
        return new DashboardServer(postgres, await TestServer.StartAsync(await postgres.EnsureDatabaseAsync("e2e")));
    }

    public string Token(string role, string user) => _server.Token(role, user);

    /// <summary>A new client with a token for <paramref name="user"/> as <paramref name="role"/>; the caller disposes it.</summary>
    public HttpClient As(string role, string user) => _server.NewClient(Token(role, user));

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
        await _server.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
