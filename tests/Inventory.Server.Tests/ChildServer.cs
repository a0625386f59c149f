using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Inventory.Postgres.Embedded;
using Inventory.TestSupport;
using Inventory.Tokens;
using Npgsql;

namespace Inventory.Server.Tests;

/// <summary>
/// The service as a child process (so it can be killed with SIGKILL) on its own database, port, data directory and
/// signing key, with an admin and a checkout client; and the helpers the process tests share.
/// </summary>
internal sealed class ChildServer : IDisposable
{
    private readonly ScratchDirectory _scratch;
    private readonly Dictionary<string, string> _environment;

    /// <param name="signingKey">The token signing key; nodes of one cluster share one (default: a key of its own).</param>
    public ChildServer(string connectionString, string name, IReadOnlyDictionary<string, string>? settings = null, byte[]? signingKey = null)
    {
        var key = signingKey ?? RandomNumberGenerator.GetBytes(32);
        var tokens = new TokenService(key);
        _scratch = new ScratchDirectory($"inventory-{name}-");
        var port = FreePort.Next();
        _environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Inventory"] = connectionString,
            ["Auth__SigningKey"] = Convert.ToBase64String(key),
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Inventory__DataDirectory"] = _scratch.Path,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (setting, value) in settings ?? new Dictionary<string, string>()) _environment[setting] = value;
        AdminToken = tokens.Issue("admin", ["admin"], TimeSpan.FromHours(3));
        Admin = Client(port, AdminToken);
        Sales = Client(port, tokens.Issue("checkout", ["sales_staff"], TimeSpan.FromHours(3)));
    }

    public HttpClient Admin { get; }

    public string AdminToken { get; }

    public HttpClient Sales { get; }

    /// <summary>Starts the service process (again, after a kill: same database, port and data directory).</summary>
    public Process Start() => Start(_environment, _scratch.Path);

    public void Dispose()
    {
        Admin.Dispose();
        Sales.Dispose();
        _scratch.Dispose();
    }

    public static Process Start(Dictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Inventory.Server.dll"));
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static Task WaitUntilLive(HttpClient client, Process process) => Eventually.TrueAsync(async () =>
    {
        Assert.False(process.HasExited, $"the server exited with {(process.HasExited ? process.ExitCode : 0)}");
        try
        {
            using var response = await client.GetAsync("/health/ready");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }, "the server is ready", TimeSpan.FromSeconds(90));

    /// <summary>
    /// The start-up sweep settles what a crash left in flight: a record in an "-ing" state or pending, or a cart whose
    /// lines were held (pending lines) but whose record was never written. Waits for it.
    /// </summary>
    public static async Task WaitUntilNoneInFlight(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await Eventually.TrueAsync(async () =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT (SELECT count(*) FROM reservations WHERE status IN ('pending', 'committing', 'releasing', 'expiring', 'extending', 'failing'))
                     + (SELECT count(*) FROM reservation_pending_lines)
                """, connection);
            return (long)(await command.ExecuteScalarAsync())! == 0;
        }, "nothing is left in flight", TimeSpan.FromSeconds(60));
    }

    public static HttpClient Client(int port, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
