using System.Globalization;

namespace Inventory.Bench;

/// <summary>What one benchmark run does; every option has a default sized for a 2-core machine.</summary>
public sealed class BenchOptions
{
    public const int DefaultDurationSeconds = 6;
    public const int DefaultWarmupSeconds = 2;
    public const int DefaultHotStock = 20_000;
    public const int DefaultZipfSkus = 10_000;
    public const int DefaultCartSkus = 1_000;
    public const double DefaultZipfExponent = 1.0;
    public const int DefaultSeed = 20_240_601;

    /// <summary>Measured seconds per scenario, system and concurrency (after the warm-up).</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(DefaultDurationSeconds);

    /// <summary>Unmeasured seconds before each measurement: JIT, connection pools, activations.</summary>
    public TimeSpan Warmup { get; set; } = TimeSpan.FromSeconds(DefaultWarmupSeconds);

    public IReadOnlyList<int> Concurrencies { get; set; } = [16, 64, 256];

    public IReadOnlyList<string> Scenarios { get; set; } = ["hot", "zipf", "carts"];

    /// <summary>Units of the flash-sale SKU (a fresh one per concurrency): the sale sells out mid-run.</summary>
    public int HotStock { get; set; } = DefaultHotStock;

    public int ZipfSkus { get; set; } = DefaultZipfSkus;

    public double ZipfExponent { get; set; } = DefaultZipfExponent;

    /// <summary>SKUs per warehouse that carts draw their 3-5 lines from (two warehouses).</summary>
    public int CartSkus { get; set; } = DefaultCartSkus;

    /// <summary>Random seed of every request stream; the same for both systems.</summary>
    public int Seed { get; set; } = DefaultSeed;

    /// <summary>Where results.md, results.json and throughput.png go.</summary>
    public string OutputDirectory { get; set; } = "";

    /// <summary>Skip building the server and the baseline (use what bin/Release holds).</summary>
    public bool NoBuild { get; set; }

    /// <summary>Also run the reservation path in-process (grains over PostgreSQL, no HTTP) to separate HTTP cost.</summary>
    public bool InProcess { get; set; } = true;

    /// <summary>Longest wait, before starting, for other processes to leave the cores idle.</summary>
    public TimeSpan WaitQuiet { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Repository root (holds Inventory.Orleans.sln); found from the current directory when empty.</summary>
    public string RepositoryRoot { get; set; } = "";

    /// <summary>When above 0, run only the cluster scenario: one node against this many (--cluster N).</summary>
    public int ClusterNodes { get; set; }

    public static string Usage => $"""
        Usage: dotnet run -c Release --project bench/Inventory.Bench -- [options]
          --duration <s>          measured seconds per run (default {DefaultDurationSeconds})
          --warmup <s>            warm-up seconds before each run (default {DefaultWarmupSeconds})
          --concurrency <list>    client concurrencies, comma separated (default 16,64,256)
          --scenarios <list>      hot,zipf,carts (default all)
          --hot-stock <n>         units of the flash-sale SKU (default {DefaultHotStock})
          --zipf-skus <n>         catalogue size of the Zipf scenario (default {DefaultZipfSkus})
          --zipf-s <x>            Zipf exponent (default {DefaultZipfExponent})
          --cart-skus <n>         SKUs per warehouse for carts (default {DefaultCartSkus})
          --seed <n>              random seed (default {DefaultSeed})
          --output <dir>          results directory (default bench/results)
          --wait-quiet <s>        wait up to this long for an idle machine before starting (default 120)
          --no-build              do not build the server and the baseline first
          --no-in-process         skip the in-process (no HTTP) profile of the reservation path
          --grain-costs [N]       only measure one grain call, result copying and the memory of N (100000) active positions
          --cluster <N>           only the cluster scenario: one node against N nodes of one cluster, clients spread
                                  over the nodes (writes cluster.md)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--duration": options.Duration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--warmup": options.Warmup = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--concurrency": options.Concurrencies = Value().Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--scenarios": options.Scenarios = Value().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries); break;
                case "--hot-stock": options.HotStock = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--zipf-skus": options.ZipfSkus = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--zipf-s": options.ZipfExponent = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--cart-skus": options.CartSkus = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--seed": options.Seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--output": options.OutputDirectory = Value(); break;
                case "--repo": options.RepositoryRoot = Value(); break;
                case "--wait-quiet": options.WaitQuiet = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--no-build": options.NoBuild = true; break;
                case "--no-in-process": options.InProcess = false; break;
                case "--cluster": options.ClusterNodes = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }
        foreach (var scenario in options.Scenarios)
        {
            if (scenario is not ("hot" or "zipf" or "carts"))
                throw new ArgumentException($"Unknown scenario '{scenario}' (hot, zipf, carts).");
        }
        if (options.Concurrencies.Count == 0 || options.Concurrencies.Any(c => c < 1))
            throw new ArgumentException("Concurrencies must be positive.");
        if (options.Duration <= TimeSpan.Zero)
            throw new ArgumentException("Duration must be positive.");
        return options;
    }
}
