using System.Text.RegularExpressions;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Server.Tests;

/// <summary>
/// docs/api.md against the running server: its one route table lists exactly the routes the server maps, each with the
/// capability it requires; its role matrix is the one the server enforces; its error table has every code the server
/// may answer with, at the status it answers.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class DocumentationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string Api = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "api.md"));

    [Fact]
    public void The_route_table_lists_every_route_the_server_maps_with_its_capability()
    {
        var documented = Rows(Section("## Routes"), 4)
            .Select(r => (Method: r[0], Route: Unquote(r[1]).Split('?')[0], Capability: r[2]))
            .ToList();
        Assert.True(documented.Count >= 70, $"only {documented.Count} documented routes");
        Assert.Equal(documented.Count, documented.Select(d => (d.Method, d.Route)).Distinct().Count());

        var mapped = new HashSet<(string Method, string Route, string Capability)>();
        foreach (var endpoint in MappedRoutes.Of(fixture.Server))
        {
            var route = Normalize(endpoint.RoutePattern.RawText ?? "");
            if (route.EndsWith("/negotiate", StringComparison.Ordinal)) continue; // SignalR's handshake, part of the hub
            var capability = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? "anonymous"
                : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null) ?? "anonymous";
            foreach (var method in MappedRoutes.Methods(endpoint) is { Count: > 0 } methods ? methods : ["GET"])
                mapped.Add((method, route, capability));
        }

        var missing = mapped.Where(m => !documented.Contains(m)).Select(m => $"{m.Method} {m.Route} ({m.Capability})").ToList();
        var stale = documented.Where(d => !mapped.Contains(d)).Select(d => $"{d.Method} {d.Route} ({d.Capability})").ToList();
        Assert.True(missing.Count == 0, "mapped but not documented (or with another capability): " + string.Join("; ", missing));
        Assert.True(stale.Count == 0, "documented but not mapped: " + string.Join("; ", stale));
    }

    [Fact]
    public void The_role_matrix_is_the_one_the_server_enforces()
    {
        var header = Rows(Section("## Roles"), 7, includeHeader: true).First();
        Assert.Equal(["capability", .. Roles.All], header);
        var documented = Rows(Section("## Roles"), 7).ToDictionary(
            r => r[0].Split(' ')[0],
            r => Roles.All.Where((_, i) => r[i + 1] == "✓").ToHashSet());

        Assert.Equal(Policies.Matrix.Keys.Order(), documented.Keys.Order());
        foreach (var (capability, roles) in Policies.Matrix)
            Assert.True(documented[capability].SetEquals(roles), $"{capability}: documented {string.Join(",", documented[capability])}, enforced {string.Join(",", roles)}");
    }

    [Fact]
    public void The_error_table_has_every_code_at_the_status_the_server_answers_with()
    {
        var documented = new Dictionary<string, int>();
        foreach (var row in Rows(Section("## Errors"), 3))
        {
            foreach (var code in Regex.Matches(row[1], "[A-Z][A-Z_]+[A-Z]").Select(m => m.Value))
                documented[code] = int.Parse(row[0]);
        }

        foreach (var code in ProblemCatalog.Codes)
        {
            Assert.True(documented.TryGetValue(code, out var status), $"{code} is not in docs/api.md's error table");
            Assert.True(status == ProblemCatalog.StatusOf(code), $"{code}: documented {status}, answered {ProblemCatalog.StatusOf(code)}");
        }
        Assert.Empty(documented.Keys.Except(ProblemCatalog.Codes));
    }

    private static string Section(string heading)
    {
        var start = Api.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/api.md has no '{heading}'");
        var end = Api.IndexOf("\n## ", start + heading.Length + 1, StringComparison.Ordinal);
        return end < 0 ? Api[start..] : Api[start..end];
    }

    /// <summary>The cells of a markdown table's rows (separator and, unless asked, header left out).</summary>
    private static IEnumerable<string[]> Rows(string section, int columns, bool includeHeader = false)
    {
        var first = true;
        foreach (var line in section.Split('\n').Where(l => l.StartsWith('|')))
        {
            var cells = Regex.Split(line.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim()).ToArray();
            if (cells.All(c => c.StartsWith("---", StringComparison.Ordinal) || c.StartsWith(":-", StringComparison.Ordinal))) continue;
            Assert.True(cells.Length == columns, $"a row of {cells.Length} cells, not {columns}: {line}");
            if (first && !includeHeader) { first = false; continue; }
            first = false;
            yield return cells;
        }
    }

    private static string Unquote(string cell) => cell.Trim('`');

    private static string Normalize(string pattern)
    {
        var route = pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;
        if (!route.StartsWith('/')) route = "/" + route;
        if (route.StartsWith("/orleans-dashboard", StringComparison.Ordinal)) return "/orleans-dashboard"; // one entry for its pages
        return route.Replace("{documentName}", "v1", StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Inventory.Orleans.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("Inventory.Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
