using System.Diagnostics;

namespace Inventory.Admin.Tests;

/// <summary>The built program as a person runs it: a child process, its help, its exit code.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Help_lists_every_command_and_the_exit_codes()
    {
        var (exit, stdout, _) = await RunAsync("--help");

        Assert.Equal(0, exit);
        foreach (var command in new[] { "grains", "grain", "position", "reconcile", "ledger", "reservations", "alerts", "token", "migrate", "health", "report", "check" })
            Assert.Contains("  " + command + " ", stdout);
        Assert.Contains("3 server unreachable", stdout);
    }

    [Fact]
    public async Task An_unreachable_server_exits_3_and_bad_usage_exits_2()
    {
        var (exit, _, stderr) = await RunAsync("grains", "--server", "http://127.0.0.1:1", "--token", "x");
        var usage = await RunAsync("position", "show");

        Assert.Equal(ExitCodes.ServerUnreachable, exit);
        Assert.Contains("is unreachable", stderr);
        Assert.Equal(ExitCodes.Usage, usage.Exit);
        Assert.Contains("Required argument 'warehouse' missing", usage.Stderr);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Inventory.Admin.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("INVENTORY_SERVER");
        start.Environment.Remove("INVENTORY_TOKEN");
        start.Environment.Remove("INVENTORY_DATA_DIR");
        start.Environment.Remove("INVENTORY_CONNECTION");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
