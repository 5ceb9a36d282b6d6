using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Infrastructure.Cti;

namespace CallCenter.Web.Cti;

/// <summary>
/// The agent protocol over WebSocket at <c>/cti/ws</c> (the source documents no path; decision D-P1). Text frames carry
/// the source's envelope; events go back as flat JSON objects. Query parameters (optional, additions):
/// <c>session</c> — a client-chosen id that makes a reconnect a resume; <c>lastSeq</c> — the last event seq received.
/// Who may act for which agent: <see cref="SocketCaller"/> (decision P-auth); a session is resumed only by its owner.
/// </summary>
public static class AgentSocketEndpoint
{
    public const string Path = "/cti/ws";

    private static readonly ConcurrentDictionary<string, AgentSession> Sessions = new(StringComparer.Ordinal);

    public static void MapAgentSocket(this IEndpointRouteBuilder app) =>
        app.Map(Path, async (HttpContext http, CtiEngineHost host, EngineOptions options, CtiOptions cti, TimeProvider clock,
            ILoggerFactory logs, AgentSocketGate gate) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.Response.WriteAsync("This is the agent protocol WebSocket: connect with ws:// or wss://.");
                return;
            }
            var caller = await SocketCaller.IdentifyAsync(http);
            if (caller == SocketCaller.InvalidKey || (caller.IsAnonymous && cti.RequireSignIn))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await http.Response.WriteAsync(caller.IsAnonymous
                    ? "Sign in to the console (same-origin cookie) or send 'Authorization: Bearer <API key>' to connect."
                    : "The API key is unknown or revoked.");
                return;
            }
            var requested = http.Request.Query["session"].ToString();
            if (Sessions.TryGetValue(requested, out var existing) && !existing.Caller.IsAnonymous && existing.Caller.Key != caller.Key)
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.Response.WriteAsync("This session belongs to another user.");
                return;
            }
            if (!gate.TryEnter())
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                http.Response.Headers.RetryAfter = "30";
                await http.Response.WriteAsync($"The server holds its maximum of {gate.Max} agent connections; try again later.");
                return;
            }
            try
            {
                await ServeAsync(http, caller, host, options, clock, logs);
            }
            finally
            {
                gate.Leave();
            }
        });

    private static async Task ServeAsync(HttpContext http, SocketCaller caller, CtiEngineHost host, EngineOptions options, TimeProvider clock,
        ILoggerFactory logs)
    {
        var log = logs.CreateLogger("CallCenter.Cti.Socket");
        var requested = http.Request.Query["session"].ToString();
        long? lastSeq = long.TryParse(http.Request.Query["lastSeq"], out var l) ? l : null;
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var sessionId = IsValidSessionId(requested) ? requested : Guid.NewGuid().ToString("N");
        var resumed = Sessions.TryGetValue(sessionId, out var session);
        if (!resumed)
        {
            session = new AgentSession(sessionId, clock) { Caller = caller };
            Sessions[sessionId] = session;
        }
        // A session still attached is taken over: its old socket may be half-open after a network drop.
        var attachment = session!.Attach(resumed ? lastSeq ?? session.LastSeq : null);
        var missed = attachment.Missed;
        if (resumed && session.TenantId is int tenant && host.Find(tenant) is { } engineOfTenant)
            engineOfTenant.Post(new ConnectionResumed(session, session));
        if (resumed && missed is null)
            log.LogInformation("Session {Session} resumed after its replay window; some events were lost", sessionId);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, attachment.TakenOver);
        var sender = SendLoopAsync(socket, attachment.Outbound, missed, cts.Token);
        try
        {
            await ReceiveLoopAsync(socket, session, host, cts.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            var wasCurrent = session.Detach(attachment.Generation);
            cts.Cancel();
            try { await sender; } catch (Exception) { }
            if (wasCurrent)
            {
                if (session.TenantId is int t && host.Find(t) is { } engine) engine.Post(new ConnectionLost(session));
                ForgetLater(sessionId, session, options.ResumeGrace, clock);
            }
            else if (socket.State == WebSocketState.Open)
            {
                await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "taken over by a newer connection", CancellationToken.None);
            }
        }
    }

    private static bool IsValidSessionId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length is >= 8 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static void ForgetLater(string id, AgentSession session, TimeSpan grace, TimeProvider clock)
    {
        _ = Task.Delay(grace + TimeSpan.FromSeconds(5), clock).ContinueWith(_ =>
        {
            if (!session.Attached) Sessions.TryRemove(new KeyValuePair<string, AgentSession>(id, session));
        }, TaskScheduler.Default);
    }

    private static async Task ReceiveLoopAsync(WebSocket socket, AgentSession session, CtiEngineHost host, CancellationToken ct)
    {
        var chunk = new byte[16 * 1024];
        var frame = new ArrayBufferWriter<byte>(4096);
        while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
        {
            frame.Clear();
            WebSocketReceiveResult result;
            var tooBig = false;
            do
            {
                result = await socket.ReceiveAsync(new ArraySegment<byte>(chunk), ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }
                if (frame.WrittenCount + result.Count > ProtocolCodec.MaxFrameBytes) tooBig = true;
                else frame.Write(chunk.AsSpan(0, result.Count));
            } while (!result.EndOfMessage && !tooBig);

            if (tooBig)
            {
                await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"frames are limited to {ProtocolCodec.MaxFrameBytes} bytes",
                    CancellationToken.None);
                return;
            }
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                session.Send(Events.RequestFailed(0, ErrorCodes.BadParameter, "", null, "binary frames are not part of the protocol; send JSON text"));
                continue;
            }
            await DispatchAsync(ProtocolCodec.Parse(frame.WrittenMemory), session, host, ct);
        }
    }

    private static async Task DispatchAsync(ParseResult parsed, AgentSession session, CtiEngineHost host, CancellationToken ct)
    {
        switch (parsed)
        {
            case ParseFailure f:
                var target = f.ThisDn is not null ? await host.ForDnAsync(f.ThisDn, ct) : null;
                if (target is not null && session.TenantId == target.TenantId)
                    target.Post(new BadRequestInput(session, f.MessageId, f.ThisDn ?? "", f.Reason));
                else
                    session.Send(f.ToEvent());
                break;
            case ParsedRequest p:
                if (p.Type != FrameType.Ping && session.Caller.Refuses(p.ThisDn) is { } refusal)
                {
                    session.Send(Events.RequestFailed(p.Request.MessageId, ErrorCodes.UnknownAgent, p.ThisDn, null, refusal));
                    return;
                }
                var engine = await host.ForDnAsync(p.ThisDn, ct);
                if (engine is null)
                {
                    session.Send(Events.RequestFailed(p.Request.MessageId, ErrorCodes.UnknownAgent, p.ThisDn, null, "unknown tenant"));
                    return;
                }
                // A session speaks for one tenant: the one of its first login.
                if (session.TenantId is int t && t != engine.TenantId)
                {
                    session.Send(Events.RequestFailed(p.Request.MessageId, ErrorCodes.UnknownAgent, p.ThisDn, null, "this session belongs to another tenant"));
                    return;
                }
                if (p.Request is LoginRequest) session.TenantId ??= engine.TenantId;
                engine.Post(new RequestInput(session, p.Request));
                break;
        }
    }

    private static async Task SendLoopAsync(WebSocket socket, System.Threading.Channels.ChannelReader<byte[]> outbound, List<byte[]>? missed,
        CancellationToken ct)
    {
        try
        {
            foreach (var frame in missed ?? new List<byte[]>())
                await socket.SendAsync(frame, WebSocketMessageType.Text, true, ct);
            await foreach (var frame in outbound.ReadAllAsync(ct))
                await socket.SendAsync(frame, WebSocketMessageType.Text, true, ct);
            if (socket.State == WebSocketState.Open)
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "session closed", CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }
}
