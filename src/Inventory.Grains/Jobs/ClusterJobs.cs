using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inventory.Grains.Jobs;

/// <summary>
/// Background work that must run once per cluster (sweeps, checks, reports, purges), not once per silo. Every silo
/// calls the singleton <see cref="IClusterJobsGrain"/> every <see cref="KeepAliveInterval"/>; Orleans keeps one
/// activation of it in the cluster, and the silo holding that activation runs the jobs. When that silo dies, the next
/// call from a survivor activates the grain there, and the jobs move with it. No election of our own: Orleans' single
/// activation per grain is the election. While membership changes Orleans may briefly run two activations, so every
/// job is written to be harmless when run twice (sweeps and checks are idempotent).
/// </summary>
public sealed partial class ClusterJobs(IServiceProvider services, IEnumerable<ClusterJob> jobs, ILogger<ClusterJobs> logger) : BackgroundService
{
    public const string GrainKey = "cluster";

    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IHostedService[]? _running;

    /// <summary>Whether this silo runs the jobs now.</summary>
    public bool RunningHere => Volatile.Read(ref _running) is not null;

    /// <summary>The names of the jobs, in the order they start.</summary>
    public IReadOnlyList<string> Names { get; } = jobs.Select(j => j.Name).ToList();

    /// <summary>Completes when this silo starts running the jobs (tests, start-up checks).</summary>
    public Task StartedHere => _startedHere.Task;

    private TaskCompletionSource _startedHere = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<IClusterJobsGrain>(GrainKey).KeepRunningAsync();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogKeepAliveFailed(logger, e);
            }
            try
            {
                await Task.Delay(KeepAliveInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Called by the grain's activation on this silo.</summary>
    internal async Task StartHereAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_running is not null) return;
            var started = new List<IHostedService>();
            foreach (var job in jobs)
            {
                var service = job.Resolve(services);
                await service.StartAsync(cancellationToken);
                started.Add(service);
            }
            Volatile.Write(ref _running, [.. started]);
            LogStarted(logger, string.Join(", ", Names));
            _startedHere.TrySetResult();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Called when the grain's activation on this silo ends (the silo stops, or Orleans moves it).</summary>
    internal async Task StopHereAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (_running is not { } running) return;
            for (var i = running.Length - 1; i >= 0; i--)
                await running[i].StopAsync(cancellationToken);
            Volatile.Write(ref _running, null);
            _startedHere = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            LogStopped(logger);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await StopHereAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This silo now runs the cluster's background jobs: {Jobs}")]
    private static partial void LogStarted(ILogger logger, string jobs);

    [LoggerMessage(Level = LogLevel.Information, Message = "This silo no longer runs the cluster's background jobs")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the cluster jobs grain; retrying")]
    private static partial void LogKeepAliveFailed(ILogger logger, Exception exception);
}

/// <summary>One background job run once per cluster: a hosted service started only on the silo that holds the jobs grain.</summary>
public sealed record ClusterJob(string Name, Func<IServiceProvider, IHostedService> Resolve);

public static class ClusterJobsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TJob"/> (a singleton, so APIs can also run it on demand) as a job that runs on one
    /// silo of the cluster at a time (<see cref="ClusterJobs"/>).
    /// </summary>
    public static IServiceCollection AddClusterJob<TJob>(this IServiceCollection services) where TJob : class, IHostedService
    {
        services.TryAddSingleton<TJob>();
        if (services.Any(d => d.ServiceType == typeof(ClusterJob) && d.ImplementationInstance is ClusterJob { Name: var name } && name == typeof(TJob).Name))
            return services;
        services.AddSingleton(new ClusterJob(typeof(TJob).Name, sp => sp.GetRequiredService<TJob>()));
        if (!services.Any(d => d.ServiceType == typeof(ClusterJobs)))
        {
            services.AddSingleton<ClusterJobs>();
            services.AddHostedService(sp => sp.GetRequiredService<ClusterJobs>());
        }
        return services;
    }
}
