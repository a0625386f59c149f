using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.TestSupport;

/// <summary>
/// A small real HTTP server on a free loopback port that plays a service the server talks to (an identity provider,
/// a telemetry collector): <paramref name="map"/> adds its endpoints. Dispose stops it.
/// </summary>
public sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubServer(WebApplication app)
    {
        _app = app;
        Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    /// <summary>Its base address, without a trailing slash (http://127.0.0.1:PORT).</summary>
    public string Address { get; }

    public static async Task<StubServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new StubServer(app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
