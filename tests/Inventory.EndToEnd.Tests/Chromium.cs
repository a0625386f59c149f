using Microsoft.Playwright;

namespace Inventory.EndToEnd.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright's bundled node driver (shipped inside the NuGet package, so nothing is
/// downloaded). Playwright never installs a browser here: it is told the executable path.
/// </summary>
internal static class Chromium
{
    /// <summary>Overridable for other machines; Debian's package puts it here (.ci/install-deps.sh installs it).</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("INVENTORY_CHROMIUM") ?? "/usr/bin/chromium";

    // As root (CI) Chromium needs --no-sandbox; the rest keep it from calling hosts this network refuses.
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-dev-shm-usage",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}: run .ci/install-deps.sh (apt-get install chromium).");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
            Timeout = 60_000,
        });
        return (playwright, browser);
    }
}
