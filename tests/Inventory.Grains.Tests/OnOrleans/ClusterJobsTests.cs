using Inventory.Grains.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;

namespace Inventory.Grains.Tests.OnOrleans;

/// <summary>
/// The cluster's background jobs run on exactly one silo of three, and move to a survivor when that silo dies.
/// </summary>
public sealed class ClusterJobsTests
{
    [Fact]
    public async Task Jobs_run_on_one_silo_and_move_to_a_survivor_when_it_dies()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.Services.AddClusterJob<CountingJob>());
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        var owner = await OwnerAsync(cluster);
        Assert.Single(cluster.Silos, s => Jobs(cluster, s).RunningHere);
        Assert.True(Job(cluster, owner).Starts >= 1);

        await cluster.KillSiloAsync(owner);
        var survivors = cluster.Silos.Where(s => s != owner).ToList();
        await Task.WhenAny(survivors.Select(s => Jobs(cluster, s).StartedHere)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Single(cluster.GetActiveSilos(), s => Jobs(cluster, s).RunningHere);
        Assert.Equal(1, survivors.Sum(s => Job(cluster, s).Starts));
    }

    private static ClusterJobs Jobs(InProcessTestCluster cluster, InProcessSiloHandle silo) =>
        cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<ClusterJobs>();

    private static CountingJob Job(InProcessTestCluster cluster, InProcessSiloHandle silo) =>
        cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<CountingJob>();

    private static async Task<InProcessSiloHandle> OwnerAsync(InProcessTestCluster cluster)
    {
        await Task.WhenAny(cluster.Silos.Select(s => Jobs(cluster, s).StartedHere)).WaitAsync(TimeSpan.FromMinutes(1));
        return cluster.Silos.Single(s => Jobs(cluster, s).RunningHere);
    }

    /// <summary>A job that only counts how often it was started on its silo.</summary>
    public sealed class CountingJob : IHostedService
    {
        private int _starts;

        public int Starts => Volatile.Read(ref _starts);

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _starts);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
