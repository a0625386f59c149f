using System.Diagnostics;
using System.Net.Http.Headers;
using Inventory.Postgres.Embedded;

namespace Inventory.Bench.Orchestration;

/// <summary>A web app the benchmark started: where it listens, its database, and its process.</summary>
public sealed class SystemUnderTest(SystemKind kind, string name, Uri baseAddress, string connectionString, ChildProcess process) : IAsyncDisposable
{
    public SystemKind Kind { get; } = kind;

    public string Name { get; } = name;

    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>The system's own database, for seeding checks and the oversell verification.</summary>
    public string ConnectionString { get; } = connectionString;

    public ChildProcess Process { get; } = process;

    public static async Task<SystemUnderTest> StartAsync(SystemKind kind, string name, string dll, string connectionString,
        IReadOnlyDictionary<string, string> environment, string token, string logDirectory, TimeSpan startTimeout)
    {
        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var env = new Dictionary<string, string>(environment)
        {
            ["Urls"] = baseAddress.ToString().TrimEnd('/'),
            ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
        };
        var process = ChildProcess.Start(name, "dotnet", [dll], Path.GetDirectoryName(dll)!, env, logDirectory);
        var system = new SystemUnderTest(kind, name, baseAddress, connectionString, process);
        try
        {
            await system.WaitHealthyAsync(token, startTimeout);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    private async Task WaitHealthyAsync(string token, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var watch = Stopwatch.StartNew();
        string last = "no answer";
        while (watch.Elapsed < timeout)
        {
            if (Process.HasExited)
                throw new InvalidOperationException($"{Name} exited during start-up:\n{Process.Tail(40)}");
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                    return;
                last = $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name} was not healthy within {timeout.TotalSeconds} s ({last}):\n{Process.Tail(40)}");
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
