using System.Text.RegularExpressions;
using Inventory.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Server.Tests;

/// <summary>The real route table of a running server, for tests that walk every route.</summary>
internal static partial class MappedRoutes
{
    /// <summary>Every route endpoint the server maps.</summary>
    public static IEnumerable<RouteEndpoint> Of(TestServer server) =>
        server.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>();

    /// <summary>The HTTP methods an endpoint answers; none named means any.</summary>
    public static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];

    /// <summary>A request path from a route pattern: each parameter replaced by <paramref name="value"/>(name, constraint).</summary>
    public static string Fill(string pattern, Func<string, string, string> value) =>
        Parameter().Replace(pattern, m => value(m.Groups[1].Value, m.Groups[2].Value));

    [GeneratedRegex("{([^}:]+)([^}]*)}")]
    private static partial Regex Parameter();
}
