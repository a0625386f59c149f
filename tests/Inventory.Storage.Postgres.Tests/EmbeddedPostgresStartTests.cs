using System.Net;
using System.Net.Sockets;
using Inventory.Postgres.Embedded;
using Inventory.TestSupport;
using Microsoft.Extensions.Logging.Testing;

namespace Inventory.Storage.Postgres.Tests;

/// <summary>What a start attempt that fails does: retried when the server's log names a transient cause, else reported.</summary>
public sealed class EmbeddedPostgresStartTests
{
    [Fact]
    public async Task A_taken_port_is_retried_then_reported_with_the_server_log_and_the_next_start_works_once_it_is_free()
    {
        using var scratch = new ScratchDirectory();
        var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var logger = new FakeLogger<EmbeddedPostgres>();
        await using var postgres = new EmbeddedPostgres(new EmbeddedPostgresOptions { DataDirectory = scratch.Combine("pg"), Port = port }, logger);

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() => postgres.StartAsync());
        Assert.Contains("Server log", error.Message);
        Assert.Contains("could not", error.Message); // PostgreSQL's own words: could not bind / create any TCP/IP sockets
        var retries = logger.Collector.GetSnapshot().Where(r => r.Id.Id == 5).ToList(); // PortTaken
        Assert.Equal([1, 2, 3, 4], retries.Select(r => int.Parse(r.StructuredState!.Single(s => s.Key == "Attempt").Value!)));

        squatter.Stop();
        await postgres.StartAsync();
        Assert.Equal(port, postgres.Port);
        Assert.Equal(1, await Sql.ScalarAsync<int>(postgres.ConnectionString, "select 1"));
    }
}
