using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Inventory.Server.Tests;

/// <summary>JSON over HTTP in one line per call, and the assertions every test makes about problem responses.</summary>
public static class Http
{
    public static async Task<Reply> Send(this HttpClient client, HttpMethod method, string path, object? body = null,
        string? idempotencyKey = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null)
            request.Content = JsonContent.Create(body);
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var contentType = response.Content.Headers.ContentType?.MediaType;
        JsonElement json = default;
        if (text.Length > 0 && contentType is not null && contentType.Contains("json", StringComparison.Ordinal))
            json = JsonDocument.Parse(text).RootElement.Clone();
        var responseHeaders = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply(response.StatusCode, text, json, contentType, responseHeaders);
    }

    public static Task<Reply> Get(this HttpClient client, string path, IDictionary<string, string>? headers = null) =>
        client.Send(HttpMethod.Get, path, headers: headers);

    public static Task<Reply> Post(this HttpClient client, string path, object? body = null, string? idempotencyKey = null) =>
        client.Send(HttpMethod.Post, path, body ?? new { }, idempotencyKey);

    public static Task<Reply> Put(this HttpClient client, string path, object body) => client.Send(HttpMethod.Put, path, body);
}

public sealed record Reply(HttpStatusCode Status, string Text, JsonElement Json, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public int Code => (int)Status;

    public JsonElement this[string property] => Json.GetProperty(property);

    public decimal Decimal(string property) => Json.GetProperty(property).GetDecimal();

    public string? String(string property) => Json.GetProperty(property).GetString();

    /// <summary>Asserts a success status and returns this reply.</summary>
    public Reply Ok(int expected = 200)
    {
        Assert.True(Code == expected, $"Expected {expected} but got {Code}: {Text}");
        return this;
    }

    /// <summary>Asserts an RFC 7807 problem with this status and stable code.</summary>
    public Reply Problem(int status, string code)
    {
        Assert.True(Code == status, $"Expected {status} {code} but got {Code}: {Text}");
        Assert.Equal("application/problem+json", ContentType);
        Assert.Equal(code, String("code"));
        Assert.Equal(status, Json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(String("title")));
        Assert.False(string.IsNullOrWhiteSpace(String("detail")));
        return this;
    }
}
