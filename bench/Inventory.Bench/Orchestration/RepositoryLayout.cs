namespace Inventory.Bench.Orchestration;

/// <summary>Where the projects the benchmark builds and starts live, from the repository root.</summary>
public sealed class RepositoryLayout(string root)
{
    public const string SolutionFile = "Inventory.Orleans.sln";

    public string Root { get; } = root;

    public string ServerProject => Path.Combine(Root, "src", "Inventory.Server", "Inventory.Server.csproj");

    public string ServerDll => Path.Combine(Root, "src", "Inventory.Server", "bin", "Release", "net10.0", "Inventory.Server.dll");

    public string BaselineProject => Path.Combine(Root, "bench", "Inventory.Bench.Baseline", "Inventory.Bench.Baseline.csproj");

    public string BaselineDll => Path.Combine(Root, "bench", "Inventory.Bench.Baseline", "bin", "Release", "net10.0", "Inventory.Bench.Baseline.dll");

    public string DefaultResults => Path.Combine(Root, "bench", "results");

    public static RepositoryLayout Find(string? root)
    {
        if (!string.IsNullOrEmpty(root))
            return new RepositoryLayout(Path.GetFullPath(root));
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                    return new RepositoryLayout(dir.FullName);
            }
        }
        throw new InvalidOperationException($"Cannot find {SolutionFile} above the current directory; pass --repo.");
    }
}
