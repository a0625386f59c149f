using System.Diagnostics;
using Inventory.Postgres.Embedded;
using Inventory.TestSupport;
using Xunit.Abstractions;

namespace Inventory.Storage.Postgres.Tests;

/// <summary>Starting again on a data directory after a clean stop, a killed owner, or a crashed server.</summary>
public sealed class EmbeddedPostgresRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RestartOnTheSameDataDirectoryKeepsTheData()
    {
        using var scratch = new ScratchDirectory();
        var options = new EmbeddedPostgresOptions { DataDirectory = scratch.Combine("pg") };

        await using (var first = new EmbeddedPostgres(options))
        {
            await first.StartAsync();
            await Sql.ExecuteAsync(first.ConnectionString, "create table kept (value text); insert into kept values ('survives a restart')");
            await first.StopAsync();
        }

        await using var second = new EmbeddedPostgres(options);
        var stopwatch = Stopwatch.StartNew();
        await second.StartAsync();
        output.WriteLine($"restart on an initialized data directory took {stopwatch.ElapsedMilliseconds} ms");

        Assert.False(second.AdoptedRunningServer);
        Assert.Equal("survives a restart", await Sql.ScalarAsync<string>(second.ConnectionString, "select value from kept"));
    }

    [Fact]
    public async Task StartAdoptsTheServerItsKilledOwnerLeftRunning()
    {
        using var scratch = new ScratchDirectory();
        var options = new EmbeddedPostgresOptions { DataDirectory = scratch.Combine("pg") };

        // The first owner "dies" without stopping its server, as after kill -9 of the service.
        var orphaned = new EmbeddedPostgres(options);
        await orphaned.StartAsync();
        await Sql.ExecuteAsync(orphaned.ConnectionString, "create table kept (value text); insert into kept values ('committed before the kill')");
        var serverProcess = ReadPostmasterPid(options.DataDirectory);

        await using var next = new EmbeddedPostgres(options);
        var stopwatch = Stopwatch.StartNew();
        await next.StartAsync();
        output.WriteLine($"adopting the running server took {stopwatch.ElapsedMilliseconds} ms");

        Assert.True(next.AdoptedRunningServer);
        Assert.Equal(orphaned.Port, next.Port);
        Assert.Equal(serverProcess, ReadPostmasterPid(options.DataDirectory));
        Assert.Equal("committed before the kill", await Sql.ScalarAsync<string>(next.ConnectionString, "select value from kept"));

        await next.StopAsync();
        Assert.False(File.Exists(Path.Combine(options.DataDirectory, "postmaster.pid")));
        await orphaned.DisposeAsync(); // nothing left to stop: harmless
    }

    [Fact]
    public async Task StartRecoversAfterTheServerItselfWasKilled()
    {
        using var scratch = new ScratchDirectory();
        var options = new EmbeddedPostgresOptions { DataDirectory = scratch.Combine("pg") };
        var crashed = new EmbeddedPostgres(options);
        await crashed.StartAsync();
        await Sql.ExecuteAsync(crashed.ConnectionString, "create table kept (value text); insert into kept values ('committed before the crash')");

        var pid = ReadPostmasterPid(options.DataDirectory);
        using (var postmaster = Process.GetProcessById(pid))
        {
            postmaster.Kill(); // SIGKILL: no shutdown checkpoint, postmaster.pid stays behind
        }

        await using var next = new EmbeddedPostgres(options);
        var stopwatch = Stopwatch.StartNew();
        await next.StartAsync();
        output.WriteLine($"start with crash recovery took {stopwatch.ElapsedMilliseconds} ms");

        Assert.False(next.AdoptedRunningServer);
        Assert.NotEqual(pid, ReadPostmasterPid(options.DataDirectory));
        Assert.Equal("committed before the crash", await Sql.ScalarAsync<string>(next.ConnectionString, "select value from kept"));
    }

    [Fact]
    public async Task StalePidFileNamingAnUnrelatedLiveProcessDoesNotBlockStart()
    {
        using var scratch = new ScratchDirectory();
        var options = new EmbeddedPostgresOptions { DataDirectory = scratch.Combine("pg") };
        await using (var first = new EmbeddedPostgres(options))
        {
            await first.StartAsync();
        }

        // After a container restart the recorded pid may belong to any process; here, this test process.
        var pidFile = Path.Combine(options.DataDirectory, "postmaster.pid");
        await File.WriteAllLinesAsync(pidFile, [Environment.ProcessId.ToString(), options.DataDirectory, "1700000000", "5999", "/tmp", "127.0.0.1", "0 0", "ready"]);

        await using var next = new EmbeddedPostgres(options);
        await next.StartAsync();

        Assert.False(next.AdoptedRunningServer);
        Assert.Equal(1, await Sql.ScalarAsync<int>(next.ConnectionString, "select 1"));
    }

    [Fact]
    public async Task StalePidFileNamingAnUnreapedDeadServerDoesNotBlockStart()
    {
        using var scratch = new ScratchDirectory();
        var options = new EmbeddedPostgresOptions { DataDirectory = scratch.Combine("pg") };
        await using (var first = new EmbeddedPostgres(options))
        {
            await first.StartAsync();
        }

        // A zombie: the background child exits, and its parent (now `sleep`) never reaps it.
        using var parent = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 0.1 & echo $!; exec sleep 30"]) { RedirectStandardOutput = true })!;
        var zombie = int.Parse(await parent.StandardOutput.ReadLineAsync() ?? "0");
        await Eventually.TrueAsync(() => File.ReadAllText($"/proc/{zombie}/stat").Contains(") Z ", StringComparison.Ordinal), "the process is a zombie");
        var pidFile = Path.Combine(options.DataDirectory, "postmaster.pid");
        await File.WriteAllLinesAsync(pidFile, [zombie.ToString(), options.DataDirectory, "1700000000", "5999", "/tmp", "127.0.0.1", "0 0", "ready"]);

        try
        {
            await using var next = new EmbeddedPostgres(options);
            await next.StartAsync();

            Assert.Equal(1, await Sql.ScalarAsync<int>(next.ConnectionString, "select 1"));
        }
        finally
        {
            parent.Kill();
        }
    }

    [Fact]
    public async Task EmptyPidFileLeftByACrashDuringStartupDoesNotBlockStart()
    {
        using var scratch = new ScratchDirectory();
        var options = new EmbeddedPostgresOptions { DataDirectory = scratch.Combine("pg") };
        await using (var first = new EmbeddedPostgres(options))
        {
            await first.StartAsync();
        }

        await File.WriteAllTextAsync(Path.Combine(options.DataDirectory, "postmaster.pid"), string.Empty);

        await using var next = new EmbeddedPostgres(options);
        await next.StartAsync();

        Assert.Equal(1, await Sql.ScalarAsync<int>(next.ConnectionString, "select 1"));
    }

    private static int ReadPostmasterPid(string dataDirectory) =>
        int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First());
}
