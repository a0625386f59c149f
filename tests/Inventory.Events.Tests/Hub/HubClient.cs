using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Inventory.Events.Tests.Hub;

/// <summary>
/// A minimal SignalR client for tests: negotiate, then a WebSocket speaking SignalR's JSON hub protocol (handshake
/// <c>{"protocol":"json","version":1}</c> + 0x1E record separator; invocation = type 1, completion = type 3,
/// ping = type 6, close = type 7).
/// </summary>
/// <remarks>
/// Why not the official Microsoft.AspNetCore.SignalR.Client: it cannot be restored from the package registry
/// reachable here (its dependencies Http.Connections.Client, SignalR.Protocols.Json and SignalR.Common are missing).
/// The server side is the real ASP.NET Core SignalR from the shared framework, and the dashboard test drives the real
/// JavaScript client (@microsoft/signalr) in Chromium, so this client only has to be faithful to the wire protocol.
/// </remarks>
internal sealed class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<HubMessage> _received = Channel.CreateUnbounded<HubMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    // One decoder for the whole stream: a UTF-8 character may be split across two WebSocket reads.
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
    private Task _receiveLoop = Task.CompletedTask;
    private Task _pingLoop = Task.CompletedTask;
    private int _invocationId;

    private HubClient(ClientWebSocket socket) => _socket = socket;

    /// <summary>A server-to-client invocation (target and arguments) and when it arrived (Stopwatch timestamp).</summary>
    public sealed record HubMessage(string Target, JsonElement[] Arguments, long ArrivedAt);

    /// <summary>Negotiates and connects; throws <see cref="HubRefusedException"/> when the server refuses (e.g. 401).</summary>
    public static async Task<HubClient> ConnectAsync(Uri server, string path, string? token, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, path + "/negotiate?negotiateVersion=1");
        if (token is not null)
            negotiate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var reply = await http.SendAsync(negotiate, cancellationToken);
        if (!reply.IsSuccessStatusCode)
            throw new HubRefusedException((int)reply.StatusCode, await reply.Content.ReadAsStringAsync(cancellationToken));
        using var body = JsonDocument.Parse(await reply.Content.ReadAsStringAsync(cancellationToken));
        var connectionToken = body.RootElement.GetProperty("connectionToken").GetString()!;

        var query = "id=" + Uri.EscapeDataString(connectionToken) + (token is null ? "" : "&access_token=" + Uri.EscapeDataString(token));
        var uri = new UriBuilder(server) { Scheme = server.Scheme == "https" ? "wss" : "ws", Path = path, Query = query }.Uri;
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
        }
        catch (WebSocketException e)
        {
            var status = (int)socket.HttpStatusCode;
            socket.Dispose();
            throw new HubRefusedException(status, e.Message);
        }

        var client = new HubClient(socket);
        await client.SendRawAsync("""{"protocol":"json","version":1}""", cancellationToken);
        var handshake = await client.ReadRecordAsync(new StringBuilder(), cancellationToken)
                        ?? throw new HubRefusedException(0, "The server closed the connection during the handshake.");
        using (var answer = JsonDocument.Parse(handshake))
        {
            if (answer.RootElement.TryGetProperty("error", out var error))
                throw new HubRefusedException(0, error.GetString() ?? "handshake refused");
        }
        client._receiveLoop = Task.Run(client.ReceiveLoopAsync);
        client._pingLoop = Task.Run(client.PingLoopAsync);
        return client;
    }

    /// <summary>Every invocation the server sent, in arrival order.</summary>
    public ChannelReader<HubMessage> Messages => _received.Reader;

    /// <summary>Invokes a hub method and returns its result (throws <see cref="InvalidOperationException"/> with the hub's error).</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _invocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendRawAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }, Json), _stop.Token);
        return await completion.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The next invocation of <paramref name="target"/> matching <paramref name="match"/>, or null after <paramref name="timeout"/>.</summary>
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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException)
            {
            }
        }
        await Task.WhenAll(_receiveLoop, _pingLoop).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new StringBuilder();
        try
        {
            while (await ReadRecordAsync(buffer, _stop.Token) is { } record)
            {
                var arrivedAt = Stopwatch.GetTimestamp();
                using var message = JsonDocument.Parse(record);
                var root = message.RootElement;
                switch (root.GetProperty("type").GetInt32())
                {
                    case 1: // invocation from the server
                        var arguments = root.GetProperty("arguments").EnumerateArray().Select(a => a.Clone()).ToArray();
                        _received.Writer.TryWrite(new HubMessage(root.GetProperty("target").GetString()!, arguments, arrivedAt));
                        break;
                    case 3: // completion of one of our invocations
                        if (_pending.TryRemove(root.GetProperty("invocationId").GetString()!, out var completion))
                        {
                            if (root.TryGetProperty("error", out var error))
                                completion.TrySetException(new InvalidOperationException(error.GetString()));
                            else
                                completion.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                        }
                        break;
                    case 7: // close
                        return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            _received.Writer.TryComplete();
            foreach (var pending in _pending.Values)
                pending.TrySetException(new InvalidOperationException("The hub connection closed."));
        }
    }

    private async Task PingLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
                await SendRawAsync("""{"type":6}""", _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>The next complete record (text before a 0x1E), or null when the socket closes.</summary>
    private async Task<string?> ReadRecordAsync(StringBuilder buffer, CancellationToken cancellationToken)
    {
        var bytes = new byte[8192];
        while (true)
        {
            var text = buffer.ToString();
            var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                buffer.Remove(0, end + 1);
                return text[..end];
            }
            var read = await _socket.ReceiveAsync(bytes, cancellationToken);
            if (read.MessageType == WebSocketMessageType.Close)
                return null;
            var chars = new char[_utf8.GetCharCount(bytes, 0, read.Count)];
            _utf8.GetChars(bytes, 0, read.Count, chars, 0);
            buffer.Append(chars);
        }
    }

    private async Task SendRawAsync(string json, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(json + RecordSeparator);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}

/// <summary>The server refused a hub connection (<see cref="Status"/> is the HTTP status, 0 when unknown).</summary>
internal sealed class HubRefusedException(int status, string message) : Exception($"Hub connection refused ({status}): {message}")
{
    public int Status { get; } = status;
}
