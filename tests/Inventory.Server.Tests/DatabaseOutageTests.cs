using System.Collections.Concurrent;
using System.Diagnostics;
using Inventory.Postgres.Embedded;
using Inventory.TestSupport;
using Xunit.Abstractions;

namespace Inventory.Server.Tests;

/// <summary>
/// PostgreSQL itself killed with SIGKILL under a flood of checkouts and started again a few seconds later, while the
/// service keeps running: while it is down every request fails with a retryable 503 (no 500, no hang), the service
/// serves again by itself once it is back, and nothing acknowledged before, during or after is lost.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_killed_database_gives_retryable_503s_and_the_service_recovers_by_itself_with_nothing_lost()
    {
        var dbPort = FreePort.Next();
        await using var postgres = await EmbeddedPostgres.StartTemporaryAsync(o => o.Port = dbPort);
        var connectionString = await postgres.EnsureDatabaseAsync("outage");
        using var child = new ChildServer(connectionString, "outage", new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Critical",
            // What the outage left in flight is settled by the next call or the sweep; a short sweep keeps the test short.
            ["Inventory__Checks__ExpirySweepInterval"] = "00:00:02",
        });
        var (admin, sales) = (child.Admin, child.Sales);
        var outcomes = new ConcurrentDictionary<string, KillCycleTests.Outcome>();
        var server = child.Start();
        try
        {
            await ChildServer.WaitUntilLive(admin, server);
            await KillCycleTests.StockAsync(admin);

            var down = false;
            var duringOutage = new ConcurrentBag<(int Status, bool RetryAfter, string Body)>();
            var okAfterRestart = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            var restartedAt = Stopwatch.StartNew();
            var restarted = false;
            var answers = 0;
            void Answered(HttpResponseMessage? response)
            {
                if (response is null) return;
                Interlocked.Increment(ref answers);
                if (Volatile.Read(ref down))
                    duringOutage.Add(((int)response.StatusCode, response.Headers.RetryAfter is not null, response.Content.ReadAsStringAsync().Result));
                else if (Volatile.Read(ref restarted) && response.IsSuccessStatusCode)
                    okAfterRestart.TrySetResult(restartedAt.Elapsed);
            }

            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 12).Select(worker => Task.Run(() =>
                KillCycleTests.Checkouts(sales, $"c1-w{worker}", new Random(worker), outcomes, Answered, stop.Token))).ToArray();
            while (Volatile.Read(ref answers) < 200) await Task.Delay(5);

            // Kill the postmaster (its backends follow), keep the load on for a while, then start it again.
            var postmaster = int.Parse(File.ReadLines(Path.Combine(postgres.DataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
            Process.GetProcessById(postmaster).Kill();
            // Answers to requests that had committed just before the kill may still arrive for a moment; from then on
            // until the restart, every request meets the dead database.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            Volatile.Write(ref down, true);
            await Task.Delay(TimeSpan.FromSeconds(3));
            await postgres.StopAsync(); // forgets the dead server
            await Eventually.TrueAsync(() => IsGone(postmaster), "the killed postmaster is gone");
            await postgres.StartAsync(); // same data directory, same port
            Volatile.Write(ref down, false);
            restartedAt.Restart();
            Volatile.Write(ref restarted, true);

            var recoveredAfter = await okAfterRestart.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(2)); // and keeps serving
            stop.Cancel();
            await Task.WhenAll(workers);

            output.WriteLine($"{duringOutage.Count} answers while the database was down: " +
                string.Join(", ", duringOutage.GroupBy(a => a.Status).Select(g => $"{g.Count()} x {g.Key}")) +
                $"; first success {recoveredAfter.TotalMilliseconds:F0} ms after the database was back; {outcomes.Count} reservations in all");
            // A backend already committing when its postmaster died can still finish its commit (WAL is flushed by the
            // backend itself), so a success may still come back in the outage: it must then be durable, which the
            // verification below checks like every other acknowledged change. Everything else is a retryable 503.
            Assert.Contains(duringOutage, a => a.Status == 503);
            Assert.All(duringOutage, a =>
            {
                if (a.Status is >= 200 and < 300) return;
                Assert.True(a.Status == 503 && a.RetryAfter, $"while the database was down: {a.Status} {a.Body}");
                Assert.Contains("\"code\":\"STORAGE_UNAVAILABLE\"", a.Body);
            });

            await ChildServer.WaitUntilNoneInFlight(connectionString);
            Assert.Equal(0, await KillCycleTests.VerifyAsync(admin, connectionString, outcomes));
        }
        finally
        {
            if (!server.HasExited) server.Kill();
            await server.WaitForExitAsync();
        }
    }

    private static bool IsGone(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
