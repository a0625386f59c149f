using System.Diagnostics;
using System.Security.Cryptography;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Storage.Postgres;
using Inventory.TestSupport;
using Inventory.Tokens;
using Npgsql;

namespace Inventory.Server.Tests;

/// <summary>The command-line verbs, run as a person would: the built server as a child process.</summary>
[Collection(ServerCollection.Name)]
public sealed class CommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task TheTokenCommandPrintsATokenSignedWithTheConfiguredKey()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var scratch = new ScratchDirectory("inventory-cmd-");

        var (exit, stdout, stderr) = await RunServerAsync(scratch.Path, new() { ["Auth__SigningKey"] = Convert.ToBase64String(key) },
            "token", "--role", "admin,viewer", "--user", "alice", "--hours", "2");

        Assert.True(exit == 0, stderr);
        var (identity, error) = await new TokenService(key).ValidateAsync(stdout.Trim().Split('\n')[^1]);
        Assert.Null(error);
        Assert.Equal("alice", identity!.Name);
        Assert.Equal(["admin", "viewer"], identity.FindAll("role").Select(c => c.Value).Order().ToArray());
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(identity.FindFirst("exp")!.Value));
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(119), TimeSpan.FromMinutes(121));
    }

    [Fact]
    public async Task WithoutAConfiguredKeyOneIsGeneratedOnceAndKeptPrivate()
    {
        using var scratch = new ScratchDirectory("inventory-cmd-");
        var settings = new Dictionary<string, string> { ["Inventory__DataDirectory"] = System.IO.Path.Combine(scratch.Path, "data") };

        var first = await RunServerAsync(scratch.Path, settings, "token", "--role", "viewer", "--user", "bob");
        var second = await RunServerAsync(scratch.Path, settings, "token", "--role", "viewer", "--user", "bob");

        Assert.True(first.Exit == 0 && second.Exit == 0, first.Stderr + second.Stderr);
        var keyFile = System.IO.Path.Combine(scratch.Path, "data", SigningKey.FileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Contains("*", await File.ReadAllTextAsync(System.IO.Path.Combine(scratch.Path, "data", ".gitignore")));
        var tokens = new TokenService(Convert.FromBase64String(await File.ReadAllTextAsync(keyFile)));
        Assert.Null((await tokens.ValidateAsync(first.Stdout.Trim().Split('\n')[^1])).Error);
        Assert.Null((await tokens.ValidateAsync(second.Stdout.Trim().Split('\n')[^1])).Error);
    }

    [Fact]
    public async Task TheTokenCommandRefusesUnknownRoles()
    {
        using var scratch = new ScratchDirectory("inventory-cmd-");
        var (exit, _, stderr) = await RunServerAsync(scratch.Path, new() { ["Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
            "token", "--role", "superuser", "--user", "eve");

        Assert.Equal(2, exit);
        Assert.Contains("Unknown role 'superuser'", stderr);
    }

    [Fact]
    public async Task TheMigrateCommandMigratesAndExits()
    {
        var connectionString = await postgres.Server.EnsureDatabaseAsync("migrate_command");
        using var scratch = new ScratchDirectory("inventory-cmd-");

        var (exit, _, stderr) = await RunServerAsync(scratch.Path, new() { ["ConnectionStrings__Inventory"] = connectionString }, "migrate");

        Assert.True(exit == 0, stderr);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from schema_migrations", connection);
        Assert.Equal((long)MigrationRunner.Migrations.Count, await count.ExecuteScalarAsync());
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunServerAsync(string workingDirectory,
        Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "Inventory.Server.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
