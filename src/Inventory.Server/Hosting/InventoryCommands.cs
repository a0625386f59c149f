using Inventory.Server.Infrastructure;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Database;
using Inventory.Tokens;

namespace Inventory.Server.Hosting;

/// <summary>
/// The service's command-line verbs besides serving:
/// <c>migrate</c> applies the migrations and exits; <c>token --role R --user U [--hours H]</c> prints a bearer token
/// signed with the service's key (the same configuration and data directory as the server).
/// </summary>
public static class InventoryCommands
{
    public const double DefaultTokenHours = 8;

    /// <summary>Runs the verb named by the first argument and returns its exit code; null when there is none (serve).</summary>
    public static async Task<int?> TryRunAsync(WebApplicationBuilder builder, string[] args)
    {
        if (args.Length == 0) return null;
        return args[0] switch
        {
            "token" => Token(builder.Configuration, args[1..]),
            "migrate" => await MigrateAsync(builder.Configuration),
            _ => null,
        };
    }

    public static int Token(IConfiguration configuration, string[] args)
    {
        var roles = new List<string>();
        string? user = null;
        var hours = DefaultTokenHours;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--role" when value is not null:
                    roles.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    i++;
                    break;
                case "--user" when value is not null:
                    user = value;
                    i++;
                    break;
                case "--hours" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var h) && h > 0 && h <= 24 * 366:
                    hours = h;
                    i++;
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains('='):
                    break; // a configuration override (--Auth:SigningKey=...), already read by the host builder
                default:
                    return Usage($"Unexpected argument '{args[i]}'.");
            }
        }

        if (roles.Count == 0 || string.IsNullOrWhiteSpace(user))
            return Usage("Both --role and --user are required.");
        if (roles.FirstOrDefault(r => !Roles.IsKnown(r)) is { } unknown)
            return Usage($"Unknown role '{unknown}'.");

        var key = SigningKey.Resolve(configuration, DataDirectory.Resolve(configuration));
        var token = new TokenService(key).Issue(user, roles.Distinct(), TimeSpan.FromHours(hours));
        Console.Error.WriteLine($"Token for {user} ({string.Join(", ", roles)}), valid {hours} h. Use it as: Authorization: Bearer <token>");
        Console.WriteLine(token);
        return 0;
    }

    public static async Task<int> MigrateAsync(IConfiguration configuration)
    {
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggers.CreateLogger("Inventory.Migrate");
        await using var database = await InventoryDatabase.StartAsync(configuration, loggers);
        await database.MigrateAsync(logger);
        Console.Error.WriteLine("Migrations applied.");
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine("Usage: dotnet run --project src/Inventory.Server -- token --role <role>[,<role>...] --user <name> [--hours 8]");
        Console.Error.WriteLine("       dotnet run --project src/Inventory.Server -- migrate");
        Console.Error.WriteLine($"Roles: {string.Join(", ", Roles.All)}");
        return 2;
    }
}
