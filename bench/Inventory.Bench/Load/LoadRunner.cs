using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Inventory.Bench.Scenarios;

namespace Inventory.Bench.Load;

/// <summary>
/// A closed loop: N workers, each sending its next request as soon as the previous one is answered, over one
/// HttpClient whose handler keeps up to N pooled connections. A warm-up (unmeasured) precedes the measured window;
/// a request counts when it started inside the window.
/// </summary>
public static class LoadRunner
{
    public static Task<(RunMeasurement Measurement, long[] Acknowledged)> RunAsync(
        Uri baseAddress, string token, string system, IWorkload workload, int concurrency,
        TimeSpan warmup, TimeSpan duration, int seed, int positionCount) =>
        RunAsync([baseAddress], token, system, workload, concurrency, warmup, duration, seed, positionCount);

    /// <summary>The same load spread over several nodes of one system: worker w sends to node w mod n.</summary>
    public static async Task<(RunMeasurement Measurement, long[] Acknowledged)> RunAsync(
        IReadOnlyList<Uri> baseAddresses, string token, string system, IWorkload workload, int concurrency,
        TimeSpan warmup, TimeSpan duration, int seed, int positionCount)
    {
        var clients = baseAddresses.Select(address =>
        {
            var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = concurrency,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                UseProxy = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            };
            var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }).ToArray();
        try
        {
            return await RunAsync(clients, system, workload, concurrency, warmup, duration, seed, positionCount);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    private static async Task<(RunMeasurement Measurement, long[] Acknowledged)> RunAsync(
        HttpClient[] clients, string system, IWorkload workload, int concurrency,
        TimeSpan warmup, TimeSpan duration, int seed, int positionCount)
    {

        var frequency = Stopwatch.Frequency;
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(warmup.TotalSeconds * frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * frequency);

        var recorders = new WorkerRecorder[concurrency];
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            var recorder = recorders[w] = new WorkerRecorder(positionCount);
            var random = new Random(HashCode.Combine(seed, workload.Name, w));
            var client = clients[w % clients.Length];
            workers[w] = Task.Run(() => WorkAsync(client, workload, random, recorder, measureFrom, measureTo));
        }
        await Task.WhenAll(workers);
        return Summarize(system, workload, concurrency, duration, recorders, measureFrom, positionCount);
    }

    private static async Task WorkAsync(HttpClient client, IWorkload workload, Random random, WorkerRecorder recorder,
        long measureFrom, long measureTo)
    {
        while (true)
        {
            var sentAt = Stopwatch.GetTimestamp();
            if (sentAt >= measureTo)
                return;
            var measured = sentAt >= measureFrom;
            var item = workload.Next(random, warmup: !measured);
            using var request = new HttpRequestMessage(item.Method, item.Path);
            if (item.Body is { } body)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = JsonContentType;
            }

            Outcome outcome;
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                var answeredAt = Stopwatch.GetTimestamp();
                var status = (int)response.StatusCode;
                if (status is >= 200 and < 300)
                {
                    outcome = Outcome.Success;
                    if (item.Positions.Length > 0)
                        recorder.Acknowledge(item.Positions, item.Quantities, measured ? answeredAt : 0);
                }
                else if (status == 409)
                {
                    outcome = Outcome.Refused;
                }
                else
                {
                    outcome = Outcome.Error;
                    if (measured) recorder.Error($"HTTP {status}");
                }
                if (measured)
                    recorder.Record(answeredAt - sentAt, outcome);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                if (measured)
                {
                    recorder.Record(Stopwatch.GetTimestamp() - sentAt, Outcome.Error);
                    recorder.Error(e.GetType().Name);
                }
            }
        }
    }

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private static (RunMeasurement, long[]) Summarize(string system, IWorkload workload, int concurrency, TimeSpan duration,
        WorkerRecorder[] recorders, long measureFrom, int positionCount)
    {
        var total = recorders.Sum(r => r.Count);
        var all = new long[total];
        var successTicks = new List<long>(total);
        long successes = 0, refused = 0, errors = 0, lastSuccess = 0;
        var offset = 0;
        var acknowledged = new long[positionCount];
        var errorKinds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var recorder in recorders)
        {
            recorder.Latencies.CopyTo(all.AsSpan(offset));
            var outcomes = recorder.Outcomes;
            var latencies = recorder.Latencies;
            for (var i = 0; i < outcomes.Length; i++)
            {
                switch ((Outcome)outcomes[i])
                {
                    case Outcome.Success: successes++; successTicks.Add(latencies[i]); break;
                    case Outcome.Refused: refused++; break;
                    default: errors++; break;
                }
            }
            offset += recorder.Count;
            lastSuccess = Math.Max(lastSuccess, recorder.LastSuccessAt);
            for (var p = 0; p < positionCount; p++)
                acknowledged[p] += recorder.Acknowledged[p];
            foreach (var (kind, count) in recorder.ErrorKinds)
                errorKinds[kind] = errorKinds.GetValueOrDefault(kind) + count;
        }

        var seconds = duration.TotalSeconds;
        double? sellOut = null;
        var window = seconds;
        if (workload.SellsOut && refused > 0 && lastSuccess > measureFrom)
        {
            // Stock ran out: the selling rate is what was sold over the time it took to sell it.
            sellOut = (double)(lastSuccess - measureFrom) / Stopwatch.Frequency;
            window = Math.Min(seconds, sellOut.Value);
        }
        var measurement = new RunMeasurement(
            workload.Name, system, concurrency, seconds, total, successes, refused, errors,
            window > 0 ? successes / window : 0, total / seconds, sellOut,
            LatencySummary.Of(all), LatencySummary.Of([.. successTicks]), errorKinds);
        return (measurement, acknowledged);
    }
}
