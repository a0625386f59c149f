using System.Diagnostics;
using Inventory.Postgres.Embedded;
using Npgsql;
using Xunit.Abstractions;

namespace Inventory.Storage.Postgres.Tests;

/// <summary>Each test runs a server of its own: starting, settings, stopping and start-up errors.</summary>
public sealed class EmbeddedPostgresTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TemporaryServerStartsWithDurableSettingsAndStops()
    {
        var stopwatch = Stopwatch.StartNew();
        var server = await EmbeddedPostgres.StartTemporaryAsync();
        output.WriteLine($"temporary server started in {stopwatch.ElapsedMilliseconds} ms on port {server.Port}");
        await using (server)
        {
            Assert.True(server.SocketDirectory.Length < 100 - 15);
            var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString);
            Assert.Equal(("127.0.0.1", server.Port, "postgres", "inventory", 100, true),
                (builder.Host, builder.Port, builder.Username, builder.Database, builder.MaxPoolSize, builder.NoResetOnClose));

            await using (var connection = new NpgsqlConnection(server.ConnectionString))
            {
                await connection.OpenAsync();
                foreach (var (setting, expected) in new[]
                {
                    ("fsync", "on"), ("synchronous_commit", "on"), ("shared_buffers", "128MB"),
                    ("max_connections", "200"), ("listen_addresses", "127.0.0.1"), ("server_encoding", "UTF8"),
                    ("unix_socket_directories", server.SocketDirectory),
                })
                {
                    await using var show = new NpgsqlCommand($"show {setting}", connection);
                    Assert.Equal(expected, await show.ExecuteScalarAsync());
                }
            }

            stopwatch.Restart();
            await server.StopAsync();
            output.WriteLine($"stopped in {stopwatch.ElapsedMilliseconds} ms");

            Assert.False(File.Exists(Path.Combine(server.DataDirectory, "postmaster.pid")));
        }

        Assert.False(Directory.Exists(server.DataDirectory));
    }

    [Fact]
    public async Task TemporaryServerLeftBehindByADeadOwnerIsRemovedByTheNextStart()
    {
        var orphan = await EmbeddedPostgres.StartTemporaryAsync();
        var orphanRoot = Path.GetDirectoryName(orphan.DataDirectory)!;
        var orphanPid = int.Parse(File.ReadLines(Path.Combine(orphan.DataDirectory, "postmaster.pid")).First());
        using (var gone = Process.Start("true"))
        {
            await gone.WaitForExitAsync();
            await File.WriteAllTextAsync(Path.Combine(orphanRoot, "owner"), $"{gone.Id} 1");
        }

        await using var next = await EmbeddedPostgres.StartTemporaryAsync();

        Assert.False(Directory.Exists(orphanRoot));
        Assert.False(Directory.Exists($"/proc/{orphanPid}") && File.ReadAllText($"/proc/{orphanPid}/cmdline").Contains(orphan.DataDirectory));
    }

    [Fact]
    public async Task MissingServerBinariesGiveAnActionableError()
    {
        using var scratch = new ScratchDirectory();
        Directory.CreateDirectory(scratch.Combine("bin"));
        var options = new EmbeddedPostgresOptions { DataDirectory = scratch.Combine("pg"), BinDirectory = scratch.Combine("bin") };

        await using var server = new EmbeddedPostgres(options);
        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() => server.StartAsync());

        Assert.Contains(
            "PostgreSQL server binaries not found (initdb, pg_ctl). Install the Debian package 'postgresql' " +
            "(apt-get install postgresql) or set ConnectionStrings:Inventory to use an existing server.",
            error.Message);
        Assert.Contains(scratch.Combine("bin"), error.Message);
    }

    [Fact]
    public async Task NonEmptyDirectoryWithoutAClusterIsNotOverwritten()
    {
        using var scratch = new ScratchDirectory();
        Directory.CreateDirectory(scratch.Combine("pg"));
        await File.WriteAllTextAsync(scratch.Combine("pg/precious.txt"), "not a database");

        await using var server = new EmbeddedPostgres(new EmbeddedPostgresOptions { DataDirectory = scratch.Combine("pg") });
        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() => server.StartAsync());

        Assert.Contains("holds no PostgreSQL cluster", error.Message);
        Assert.True(File.Exists(scratch.Combine("pg/precious.txt")));
    }

    [Fact]
    public async Task AsRootADataDirectoryThePostgresUserCannotReachGivesAClearError()
    {
        using var scratch = new ScratchDirectory();
        var closed = scratch.Combine("closed");
        Directory.CreateDirectory(closed);
        File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await using var server = new EmbeddedPostgres(new EmbeddedPostgresOptions { DataDirectory = Path.Combine(closed, "pg") });
        if (Environment.UserName != "root")
        {
            // A non-root process runs the server as itself, which can reach its own directories.
            await server.StartAsync();
            return;
        }

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() => server.StartAsync());

        Assert.Contains($"not traversable by others (o+x missing): {closed}.", error.Message);
    }

    [Fact]
    public void DefaultSocketDirectoryStaysShortForLongDataDirectories()
    {
        var longPath = "/tmp/" + new string('d', 150) + "/pg";

        var server = new EmbeddedPostgres(new EmbeddedPostgresOptions { DataDirectory = longPath });

        Assert.StartsWith("/tmp/invpg-", server.SocketDirectory);
        Assert.True(server.SocketDirectory.Length + "/.s.PGSQL.65535".Length < 100);
    }
}
