using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Inventory.Admin.Connections;

/// <summary>
/// The server's admin endpoints over HTTP. Every failure becomes an <see cref="AdminException"/> that says what to do:
/// unreachable (exit 3), token refused (4), not found (5), refused (7).
/// </summary>
public sealed class ServerClient(Uri address, Func<Task<string>> token, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        BaseAddress = address,
        Timeout = timeout,
    };

    public Uri Address => address;

    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) => SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    public Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken) => SendAsync<T>(HttpMethod.Post, path, body ?? new { }, cancellationToken);

    /// <summary>GET without a token (health); returns the status code and the JSON body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAnonymousAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendRawAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, Parse(text));
    }

    /// <summary>True when something answers HTTP at the address (any status).</summary>
    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            using var response = await SendRawAsync(request, cancellationToken);
            return true;
        }
        catch (AdminException e) when (e.ExitCode == ExitCodes.ServerUnreachable)
        {
            return false;
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token());
        if (body is not null)
            request.Content = JsonContent.Create(body, options: AdminJson.Options);
        using var response = await SendRawAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
            return JsonSerializer.Deserialize<T>(text, AdminJson.Options)!;
        throw Refusal(response.StatusCode, Parse(text), path);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e.InnerException is SocketException s ? s.Message : e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable($"no answer within {_http.Timeout.TotalSeconds:0} s");
        }
    }

    private AdminException Unreachable(string why) => new(ExitCodes.ServerUnreachable,
        $"The server at {address} is unreachable ({why}).",
        "Check that it runs (dotnet run --project src/Inventory.Server) and point --server or INVENTORY_SERVER at it. " +
        "While it is down, migrate, reconcile, ledger export/tail, position show, reservations list, alerts list, report daily and " +
        "check consistency work directly on PostgreSQL: add --connection \"Host=...;Database=inventory;...\" (or INVENTORY_CONNECTION), " +
        "or --data-dir <server data directory> for the embedded database.");

    private static AdminException Refusal(HttpStatusCode status, JsonElement problem, string path)
    {
        var code = Text(problem, "code");
        var detail = Text(problem, "detail") ?? Text(problem, "title") ?? $"HTTP {(int)status}";
        return (int)status switch
        {
            401 => new AdminException(ExitCodes.Unauthorized, $"The server rejected the token: {detail}",
                "Mint a new one with: inventory-admin token mint --role admin --user <you> --data-dir <server data directory> " +
                "(or let the CLI mint one per call by passing --data-dir), then pass it with --token or INVENTORY_TOKEN.", code),
            403 => new AdminException(ExitCodes.Unauthorized, $"The token's role may not do this: {detail}",
                "Admin commands need the admin role: inventory-admin token mint --role admin --user <you> --data-dir <server data directory>.", code),
            404 when code is null or "NOT_FOUND" => new AdminException(ExitCodes.NotFound,
                $"The server has no {path.Split('?')[0]} endpoint: is --server pointing at an Inventory server of this version?", null, code),
            404 => new AdminException(ExitCodes.NotFound, detail, NotFoundHint(code), code),
            409 or 400 or 422 => new AdminException(ExitCodes.Refused, detail, null, code),
            503 => new AdminException(ExitCodes.ServerUnreachable, $"The server is up but cannot serve: {detail}",
                "Its database is probably unreachable; see inventory-admin health.", code),
            _ => new AdminException(ExitCodes.Failed, $"The server answered {(int)status}: {detail}", null, code),
        };
    }

    private static string? NotFoundHint(string? code) => code switch
    {
        "POSITION_NOT_FOUND" => "Check the warehouse and SKU codes (case-sensitive); list positions with GET /api/v1/stock.",
        "RESERVATION_NOT_FOUND" => "List reservations with: inventory-admin reservations list",
        "ALERT_NOT_FOUND" => "List alerts with: inventory-admin alerts list --status active",
        "GRAIN_NOT_ACTIVE" => "See what is active with: inventory-admin grains",
        _ => null,
    };

    private static JsonElement Parse(string text)
    {
        try
        {
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public void Dispose() => _http.Dispose();
}
