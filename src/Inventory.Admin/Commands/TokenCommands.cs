using System.CommandLine;
using System.Globalization;
using Inventory.Admin.Cli;
using Inventory.Admin.Connections;

namespace Inventory.Admin.Commands;

/// <summary><c>token mint</c>: a bearer token signed with the server's key (from --data-dir or INVENTORY_SIGNING_KEY). No server needed.</summary>
public static class TokenCommands
{
    public static Command Create(AdminConsole console)
    {
        var role = new Option<string>("--role") { Description = $"Role(s), comma-separated: {string.Join(", ", LocalTokens.Roles)}", Required = true };
        var user = new Option<string>("--user") { Description = "User name recorded on every ledger entry made with the token", Required = true };
        var hours = new Option<double>("--hours") { Description = "Lifetime in hours", DefaultValueFactory = _ => 8 };
        var mint = new Command("mint", "Mint a bearer token signed with the server's key (no server needed)") { role, user, hours };
        mint.Runs(console, (session, parse, _) =>
        {
            var roles = parse.GetValue(role)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();
            var unknown = roles.FirstOrDefault(r => !LocalTokens.Roles.Contains(r));
            if (roles.Length == 0 || unknown is not null)
                throw new AdminException(ExitCodes.Usage, $"Unknown role '{unknown ?? ""}'.", $"Roles: {string.Join(", ", LocalTokens.Roles)}.");
            var lifetime = parse.GetValue(hours);
            if (lifetime is <= 0 or > 24 * 366)
                throw new AdminException(ExitCodes.Usage, "--hours must be between 0 and 8784 (one year).");
            var name = parse.GetValue(user)!;
            if (string.IsNullOrWhiteSpace(name))
                throw new AdminException(ExitCodes.Usage, "--user must name someone.");
            var key = LocalTokens.FindKey(console.Variable(LocalTokens.KeyVariable), session.DataDirectory)
                ?? throw new AdminException(ExitCodes.Usage, "No signing key to mint with.",
                    $"Give the server's data directory with --data-dir (it holds signing-key) or set {LocalTokens.KeyVariable} to the server's Auth:SigningKey.");
            var expires = DateTimeOffset.UtcNow.AddHours(lifetime);
            var token = LocalTokens.Issue(key, name, roles, TimeSpan.FromHours(lifetime));
            if (session.Json)
            {
                session.WriteJson(new { token, user = name, roles, expiresAt = expires });
            }
            else
            {
                session.Note($"Token for {name} ({string.Join(", ", roles)}), valid until {expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}Z. " +
                    $"Use it with --token or {GlobalOptions.TokenVariable}, or as the header Authorization: Bearer <token>.");
                console.Out.WriteLine(token);
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return new Command("token", "Bearer tokens") { mint };
    }
}
