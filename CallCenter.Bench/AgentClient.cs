using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CallCenter.Bench;

/// <summary>
/// One agent's WebSocket to /cti/ws: sends the source's frames (<c>message</c> is the inner object as a JSON string),
/// keeps one request in flight and matches it with its answer event, and counts every event it receives in
/// <see cref="BenchState"/>.
/// </summary>
public sealed class AgentClient(int index, BenchState state, string queuesJson)
{
    public const int Login = 100, Ready = 101, NotReady = 102;
    public const int LoggedIn = 580, NotReadyEvent = 582, ReadyEvent = 583, Failed = 9999;
    public const int Incoming = 503, Established = 506, Released = 515;

    private static readonly JavaScriptEncoder Relaxed = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    private static readonly JsonSerializerOptions Js = new() { Encoder = Relaxed };

    private readonly ClientWebSocket _ws = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);

    // The one request in flight: what answers it, when it left, who waits for it.
    private int _expect;
    private int _requestId;
    private long _sentAt;
    private TaskCompletionSource<Answer>? _waiter;
    private Action<AgentClient, Answer>? _callback;

    public int Index { get; } = index;
    public string Dn { get; } = Seeder.AgentDn(index);
    public string Extension { get; } = Seeder.Extension(index);

    /// <summary>The last agent state event seen: 583 (true) or 582 (false).</summary>
    public bool IsReady { get; private set; }

    /// <summary>Stopwatch timestamps of the last answers to 101 and 102 (the 2-second duplicate rule is counted from them).</summary>
    public long LastAnswerReady { get; private set; }
    public long LastAnswerNotReady { get; private set; }

    /// <summary>0 idle, 1 ringing (503 seen), 2 talking (506 seen).</summary>
    private int _callState;

    public bool Closed { get; private set; }

    /// <summary>The answer to a request: ok (the expected event) or a 9999; round trip in Stopwatch ticks; delivery in ms
    /// (event's eventTime to receipt).</summary>
    public readonly record struct Answer(bool Ok, long ElapsedTicks, long SentAt, long DeliveryMs);

    public async Task ConnectAsync(Uri uri, HttpMessageInvoker? invoker, CancellationToken ct)
    {
        _ws.Options.KeepAliveInterval = TimeSpan.Zero; // the server pings; the client answers
        await _ws.ConnectAsync(uri, invoker, ct);
        _ = ReceiveLoopAsync();
    }

    private byte[] Frame(int requestId)
    {
        var inner = requestId switch
        {
            Login => $$"""{"messageId":100,"thisDN":"{{Dn}}","extension":"{{Extension}}","thisQueues":{{queuesJson}}}""",
            NotReady => $$"""{"messageId":102,"thisDN":"{{Dn}}","reasonCode":3}""",
            _ => $$"""{"messageId":{{requestId}},"thisDN":"{{Dn}}"}""",
        };
        var type = requestId == Login ? "login" : "request";
        return Encoding.UTF8.GetBytes($$"""{"thisDN":"{{Dn}}","type":"{{type}}","message":{{JsonSerializer.Serialize(inner, Js)}}}""");
    }

    /// <summary>Sends a request and waits for its answer event (or a 9999 about it) up to <paramref name="timeout"/>.</summary>
    public async Task<Answer?> RequestAsync(int requestId, int expect, TimeSpan timeout, CancellationToken ct)
    {
        var waiter = new TaskCompletionSource<Answer>(TaskCreationOptions.RunContinuationsAsynchronously);
        await SendAsync(requestId, expect, waiter, null, ct);
        var done = await Task.WhenAny(waiter.Task, Task.Delay(timeout, ct));
        if (done == waiter.Task) return waiter.Task.Result;
        Interlocked.CompareExchange(ref _waiter, null, waiter);
        Volatile.Write(ref _expect, 0);
        return null;
    }

    /// <summary>Sends a request; <paramref name="done"/> runs on the receive loop when the answer arrives.</summary>
    public void Fire(int requestId, int expect, Action<AgentClient, Answer> done, CancellationToken ct) =>
        _ = SendAsync(requestId, expect, null, done, ct);

    private async Task SendAsync(int requestId, int expect, TaskCompletionSource<Answer>? waiter, Action<AgentClient, Answer>? callback,
        CancellationToken ct)
    {
        var frame = Frame(requestId);
        await _sendGate.WaitAsync(ct);
        try
        {
            _requestId = requestId;
            _waiter = waiter;
            _callback = callback;
            _sentAt = Stopwatch.GetTimestamp();
            Volatile.Write(ref _expect, expect);
            await _ws.SendAsync(frame, WebSocketMessageType.Text, true, ct);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Complete(new Answer(false, 0, _sentAt, 0));
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private void Complete(Answer answer)
    {
        if (Interlocked.Exchange(ref _expect, 0) == 0) return;
        var waiter = Interlocked.Exchange(ref _waiter, null);
        var callback = Interlocked.Exchange(ref _callback, null);
        waiter?.TrySetResult(answer);
        callback?.Invoke(this, answer);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var r = await _ws.ReceiveAsync(buffer.AsMemory(filled), CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close) break;
                filled += r.Count;
                if (!r.EndOfMessage)
                {
                    if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                    continue;
                }
                OnEvent(buffer.AsSpan(0, filled));
                filled = 0;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        Closed = true;
        if (!state.ShuttingDown) state.UnexpectedClose(Dn, _ws.CloseStatusDescription ?? _ws.CloseStatus?.ToString() ?? "aborted");
        Complete(new Answer(false, 0, _sentAt, 0));
    }

    private void OnEvent(ReadOnlySpan<byte> json)
    {
        var now = Stopwatch.GetTimestamp();
        int messageId = 0, errorMessageId = 0;
        long eventTime = 0;
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("messageId"u8)) { reader.Read(); messageId = reader.GetInt32(); }
                else if (reader.ValueTextEquals("errorMessageId"u8)) { reader.Read(); errorMessageId = reader.GetInt32(); }
                else if (reader.ValueTextEquals("eventTime"u8)) { reader.Read(); eventTime = reader.GetInt64(); }
                else { reader.Read(); reader.Skip(); }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            state.BadEvent(Dn, Encoding.UTF8.GetString(json));
            return;
        }
        state.Count(messageId, now);

        switch (messageId)
        {
            case ReadyEvent: IsReady = true; break;
            case NotReadyEvent: IsReady = false; break;
            case Incoming:
                if (_callState == 0) state.Ringing(+1);
                _callState = 1;
                break;
            case Established:
                if (_callState == 1) state.Ringing(-1);
                if (_callState != 2) state.Talking(+1);
                _callState = 2;
                break;
            case Released:
                if (_callState == 1) state.Ringing(-1);
                else if (_callState == 2) state.Talking(-1);
                _callState = 0;
                break;
            case Failed:
                state.Unexpected9999(Dn, Encoding.UTF8.GetString(json));
                break;
        }

        var expect = Volatile.Read(ref _expect);
        if (expect == 0) return;
        var ok = messageId == expect;
        if (!ok && !(messageId == Failed && errorMessageId == _requestId)) return;
        if (_requestId == Ready) LastAnswerReady = now;
        else if (_requestId == NotReady) LastAnswerNotReady = now;
        var delivery = eventTime > 0 ? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - eventTime : 0;
        Complete(new Answer(ok, now - _sentAt, _sentAt, delivery));
    }

    public void Abort()
    {
        try { _ws.Abort(); } catch (Exception) { }
        _ws.Dispose();
    }
}
