using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Inventory.Server.Infrastructure;

/// <summary>Once Kestrel listens, logs where, and the exact command that mints a token for it.</summary>
public sealed partial class StartupBanner(IServer server, IHostApplicationLifetime lifetime, ILogger<StartupBanner> logger) : IHostedService
{
    public const string TokenCommand = "dotnet run --project src/Inventory.Server -- token --role admin --user alice --hours 8";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var first = addresses.FirstOrDefault() ?? "(unknown)";
            LogListening(logger, string.Join(", ", addresses), first + "/openapi/v1.json", first + "/health", TokenCommand);
            // The structured log is for machines; a person starting the service wants these lines plainly.
            Console.Out.WriteLine($"""

                Inventory is running at {first}
                  API docs:   {first}/openapi/v1.json
                  Dashboard:  {first}/dashboard/
                  Health:     {first}/health
                  Get a token (in another terminal): {TokenCommand}

                """);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Inventory API listening on {Addresses} (OpenAPI {OpenApi}, health {Health}). Mint a bearer token with: {TokenCommand}")]
    private static partial void LogListening(ILogger logger, string addresses, string openApi, string health, string tokenCommand);
}
