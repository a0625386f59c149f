using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Inventory.Server.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inventory.Events.Tests.Hub;

/// <summary>
/// The official SignalR .NET client (Microsoft.AspNetCore.SignalR.Client) as the tests use it: every server-to-client
/// call of <see cref="IStockClient"/> is kept in arrival order, to be waited for or drained.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<HubMessage> _received = Channel.CreateUnbounded<HubMessage>();

    private HubClient(HubConnection connection)
    {
        _connection = connection;
        foreach (var target in typeof(IStockClient).GetMethods().Select(m => m.Name))
            _connection.On<JsonElement>(target, argument => _received.Writer.TryWrite(new HubMessage(target, [argument], Stopwatch.GetTimestamp())));
    }

    /// <summary>A server-to-client invocation (target and arguments) and when it arrived (Stopwatch timestamp).</summary>
    public sealed record HubMessage(string Target, JsonElement[] Arguments, long ArrivedAt);

    /// <summary>Negotiates and connects; throws <see cref="HubRefusedException"/> when the server refuses (e.g. 401).</summary>
    public static async Task<HubClient> ConnectAsync(Uri server, string path, string? token, CancellationToken cancellationToken = default)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, path), options => options.AccessTokenProvider = () => Task.FromResult(token))
            .Build();
        var client = new HubClient(connection);
        try
        {
            await connection.StartAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            await connection.DisposeAsync();
            throw new HubRefusedException((int)(e.StatusCode ?? 0), e.Message);
        }
        return client;
    }

    /// <summary>Invokes a hub method and returns its result (throws with the hub's error).</summary>
    public Task<JsonElement> InvokeAsync(string target, params object?[] arguments) =>
        _connection.InvokeCoreAsync<JsonElement>(target, arguments).WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>The next invocation of <paramref name="target"/> matching <paramref name="match"/>, or null after <paramref name="timeout"/>.</summary>
    /// <summary>
    /// A round trip on this connection (a harmless hub call): whatever the server sent this client before it answered
    /// has arrived when this returns. The positive signal behind "nothing arrived".
    /// </summary>
    public Task RoundTripAsync() => InvokeAsync("UnsubscribeMetrics");

    public async Task<HubMessage?> WaitForAsync(string target, Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await _received.Reader.WaitToReadAsync(cancel.Token))
            {
                while (_received.Reader.TryRead(out var message))
                {
                    if (string.Equals(message.Target, target, StringComparison.OrdinalIgnoreCase) && match(message.Arguments[0]))
                        return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        return null;
    }

    /// <summary>Everything received so far that nobody has read.</summary>
    public List<HubMessage> Drain()
    {
        var all = new List<HubMessage>();
        while (_received.Reader.TryRead(out var message))
            all.Add(message);
        return all;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

internal sealed class HubRefusedException(int status, string message) : Exception($"Hub connection refused ({status}): {message}")
{
    public int Status { get; } = status;
}
