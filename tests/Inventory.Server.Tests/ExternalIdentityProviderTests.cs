using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Inventory.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Inventory.Server.Tests;

/// <summary>
/// Tokens of an external OpenID Connect provider (Auth:Authority, Auth:Audience, Auth:RoleClaim): a provider stood up
/// here serves its discovery document and the JWKS of a locally generated RSA key; the server fetches them and accepts
/// the RS256 tokens signed with it, with roles from the configured claim, next to its own tokens.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ExternalIdentityProviderTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Audience = "inventory-api";
    private readonly RSA _rsa = RSA.Create(2048);
    private StubServer _provider = null!;
    private TestServer _server = null!;
    private string _issuer = "";

    public async Task InitializeAsync()
    {
        var key = new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "test-key" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        _provider = await StubServer.StartAsync(app =>
        {
            app.MapGet("/.well-known/openid-configuration", (HttpContext http) => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = _issuer,
                ["jwks_uri"] = _issuer + "/keys",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            }));
            app.MapGet("/keys", () => Results.Text(JsonSerializer.Serialize(new
            {
                keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } },
            }), "application/json"));
        });
        _issuer = _provider.Address;

        _server = await TestServer.StartAsync(await postgres.Server.EnsureDatabaseAsync("external_idp"), new Dictionary<string, string?>
        {
            ["Auth:Authority"] = _issuer,
            ["Auth:Audience"] = Audience,
            ["Auth:RoleClaim"] = "groups",
            ["Auth:RequireHttpsMetadata"] = "false",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _provider.DisposeAsync();
        _rsa.Dispose();
    }

    [Fact]
    public async Task Its_tokens_are_accepted_with_roles_from_the_configured_claim_and_checked_like_ours()
    {
        var viewer = Client(Token("ext-viewer", ["viewer"]));
        Assert.Equal(200, (await viewer.Get("/api/v1/products")).Code);
        // The role comes from "groups"; a viewer may not receive stock, and the refusal names the role it found.
        var refused = (await viewer.Post("/api/v1/stock/W1/SKU-1/receipts", new { quantity = 1, unitCost = 1 })).Problem(403, "FORBIDDEN");
        Assert.Equal("viewer", refused.Json.GetProperty("roles")[0].GetString());

        var staff = Client(Token("ext-staff", ["warehouse_staff"]));
        Assert.Equal(200, (await staff.Get("/api/v1/products")).Code);

        // Checked like our own: another audience, another key, expired: 401.
        (await Client(Token("ext-viewer", ["viewer"], audience: "someone-else")).Get("/api/v1/products")).Problem(401, "UNAUTHORIZED");
        using (var other = RSA.Create(2048))
            (await Client(Token("ext-viewer", ["viewer"], signWith: other)).Get("/api/v1/products")).Problem(401, "UNAUTHORIZED");
        (await Client(Token("ext-viewer", ["viewer"], expires: DateTime.UtcNow.AddMinutes(-10))).Get("/api/v1/products")).Problem(401, "UNAUTHORIZED");
        // A role in the service's own claim name does not count for the provider's tokens.
        (await Client(Token("ext-sneaky", [], extra: new Dictionary<string, object> { ["role"] = "admin" })).Get("/api/v1/admin/activations"))
            .Problem(403, "FORBIDDEN");

        // The service's own tokens still work next to the provider's.
        Assert.Equal(200, (await _server.As("viewer").Get("/api/v1/products")).Code);
    }

    private string Token(string user, string[] groups, string audience = Audience, RSA? signWith = null, DateTime? expires = null,
        Dictionary<string, object>? extra = null)
    {
        var claims = new Dictionary<string, object>(extra ?? []) { ["groups"] = groups };
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", user)]),
            Claims = claims,
            Issuer = _issuer,
            Audience = audience,
            IssuedAt = (expires ?? now.AddHours(1)).AddHours(-1),
            NotBefore = (expires ?? now.AddHours(1)).AddHours(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? _rsa) { KeyId = "test-key" }, SecurityAlgorithms.RsaSha256),
        });
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = _server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
