using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CallCenter.Tests.Cti;

/// <summary>A WebSocket client that speaks the agent protocol as the seed document shows it.</summary>
public sealed class ProtocolClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly List<JsonObject> _received = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;

    public string Dn { get; }
    public List<JsonObject> Received { get { lock (_received) return _received.ToList(); } }
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    private ProtocolClient(string dn) => Dn = dn;

    /// <param name="configure">Sets request headers (Cookie, Origin, Authorization) before connecting.</param>
    public static async Task<ProtocolClient> ConnectAsync(string baseUrl, string dn, string? session = null, long? lastSeq = null,
        Action<ClientWebSocketOptions>? configure = null)
    {
        var client = new ProtocolClient(dn);
        configure?.Invoke(client._socket.Options);
        var query = session is null ? "" : $"?session={session}" + (lastSeq is null ? "" : $"&lastSeq={lastSeq}");
        await client._socket.ConnectAsync(new Uri(baseUrl.Replace("http://", "ws://") + "/cti/ws" + query), CancellationToken.None);
        client._reader = client.ReadAsync();
        return client;
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var builder = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, _stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    builder.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage);
                var e = (JsonObject)JsonNode.Parse(builder.ToArray())!;
                lock (_received) _received.Add(e);
                _signal.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { }
    }

    /// <summary>A request's inner message: <c>{"messageId": id, …fields}</c> (<see cref="SendAsync"/> adds <c>thisDN</c>).</summary>
    public static JsonObject Inner(int id, params (string Key, JsonNode? Value)[] fields)
    {
        var o = new JsonObject { ["messageId"] = id };
        foreach (var (k, v) in fields) o[k] = v;
        return o;
    }

    /// <summary>Sends a text frame exactly as given.</summary>
    public Task SendRawAsync(string frame) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Sends a request the way the source's examples build it: message = JSON.stringify(inner).</summary>
    public Task SendAsync(JsonObject inner, string type = "request")
    {
        inner["thisDN"] ??= Dn;
        var outer = new JsonObject { ["thisDN"] = Dn, ["type"] = type, ["message"] = inner.ToJsonString() };
        return SendRawAsync(outer.ToJsonString());
    }

    /// <summary>Waits for the next event with this messageId (after <paramref name="after"/> events), up to the timeout.</summary>
    public Task<JsonObject> WaitForAsync(int messageId, Func<JsonObject, bool>? where = null, int after = 0, int timeoutMs = 15_000) =>
        NextAsync(e => (int?)e["messageId"] == messageId && (where is null || where(e)), $"event {messageId}", after, timeoutMs);

    /// <summary>Waits for the first event (after <paramref name="after"/> events) that matches, up to the timeout.</summary>
    public async Task<JsonObject> NextAsync(Func<JsonObject, bool> match, string what = "matching event", int after = 0, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var found = Received.Skip(after).FirstOrDefault(match);
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"{Dn}: no {what} within {timeoutMs} ms; got {string.Join(", ", Received.Select(e => e["messageId"]))}");
            await _signal.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
    }

    /// <summary>Drops the connection without a close handshake (a network failure).</summary>
    public void Abort() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        try { await CloseAsync(); } catch (Exception) { }
        _stop.Cancel();
        if (_reader is not null) await _reader;
        _socket.Dispose();
    }
}
