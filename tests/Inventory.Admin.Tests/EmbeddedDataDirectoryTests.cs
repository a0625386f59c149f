using Inventory.Admin.Cli;

namespace Inventory.Admin.Tests;

/// <summary>
/// The default deployment: the server runs its own embedded PostgreSQL under its data directory. With the server
/// stopped, --data-dir alone is enough: the CLI starts that PostgreSQL for the command and stops it again.
/// </summary>
public sealed class EmbeddedDataDirectoryTests
{
    [Fact]
    public async Task With_the_server_stopped_data_dir_commands_start_and_stop_the_embedded_database()
    {
        var dataDirectory = Scratch.NewDirectory("admin-embedded");
        await using (var server = await LiveServer.StartAsync("", dataDirectory: dataDirectory))
        {
            await server.StockedAsync("E1", "EMB", 6, 4m);
            await server.ReserveAsync("emb-1", "E1", "EMB", 2, ttlSeconds: 3600);
            var live = await CliFor(server.Address, dataDirectory).RunAsync("position", "show", "E1", "EMB", "--json");
            Assert.True(live.Succeeded().Json.GetProperty("activeInMemory").GetBoolean());
            await server.StopAsync();

            var cli = CliFor(server.Address, dataDirectory);
            var position = (await cli.RunAsync("position", "show", "E1", "EMB", "--json")).Succeeded();
            var export = (await cli.RunAsync("ledger", "export", "--from", "2020-01-01")).Succeeded();
            var migrate = (await cli.RunAsync("migrate")).Succeeded();
            var reconcile = (await cli.RunAsync("reconcile")).Succeeded();
            var grains = (await cli.RunAsync("grains")).Exited(ExitCodes.ServerUnreachable);

            Assert.Equal((6m, 2m), (position.Json.GetProperty("onHand").GetDecimal(), position.Json.GetProperty("reserved").GetDecimal()));
            Assert.Contains("embedded PostgreSQL", position.Error);
            Assert.Equal(3, export.Out.Trim().Split('\n').Length);
            Assert.Contains("up to date", migrate.Out);
            Assert.Contains("every snapshot equals", reconcile.Out);
            Assert.Contains("unreachable", grains.Error);
            // Each command stopped the server it started: nothing holds the cluster now.
            Assert.False(File.Exists(Path.Combine(dataDirectory, "pg", "postmaster.pid")));
        }
    }

    [Fact]
    public async Task A_data_dir_without_a_cluster_says_what_it_must_be()
    {
        var empty = Scratch.NewDirectory("admin-nopg");
        var result = (await CliFor(new Uri("http://127.0.0.1:1"), empty).RunAsync("migrate")).Exited(ExitCodes.DatabaseUnreachable);

        Assert.Contains("There is no embedded PostgreSQL under", result.Error);
        Assert.Contains("server's data directory", result.Error);
        Assert.False(Directory.Exists(Path.Combine(empty, "pg")));
    }

    private static Cli CliFor(Uri server, string dataDirectory) => new(new Dictionary<string, string?>
    {
        [GlobalOptions.ServerVariable] = server.ToString(),
        [GlobalOptions.DataDirectoryVariable] = dataDirectory,
    });
}
