using System.Net.WebSockets;
using System.Threading.Channels;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Protocol;

namespace CallCenter.Web.Cti;

/// <summary>
/// One agent protocol session: outlives its WebSocket so a client that reconnects within the grace period with the same
/// <c>session</c> id (and the last <c>seq</c> it saw) gets the events it missed and keeps its state. Every event carries
/// a per-session <c>seq</c> and the engine's <c>eventTime</c> (milliseconds since the Unix epoch) — additions to the
/// source's fields, never renames. The last 256 events are kept for a resume (an agent gets a few events a minute, so
/// that covers the grace period many times over at a bounded ~50 KB per session).
/// </summary>
public sealed class AgentSession(string id, TimeProvider clock, int replayCapacity = 256, int sendQueueCapacity = 10_000)
    : IAgentConnection
{
    private readonly object _gate = new();
    private readonly Queue<(long Seq, byte[] Frame)> _replay = new();
    private Channel<byte[]> _outbound = NewOutbound(sendQueueCapacity);
    private long _seq;
    private long _generation;
    private CancellationTokenSource? _attachment;

    public string ConnectionId { get; } = id;
    public string? ClosedBecause { get; private set; }
    public bool Attached { get; private set; }
    public DateTimeOffset DetachedAt { get; private set; }
    /// <summary>Who opened the session: it alone may resume it, and it may act only for the agents it is allowed.</summary>
    public SocketCaller Caller { get; init; } = SocketCaller.Anonymous;
    /// <summary>The tenant of the agent this session logged in (set by the endpoint on the first request).</summary>
    public int? TenantId { get; set; }

    private static Channel<byte[]> NewOutbound(int capacity) =>
        Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public void Send(CtiEvent e)
    {
        byte[] frame;
        lock (_gate)
        {
            var seq = ++_seq;
            frame = ProtocolCodec.SerializeToUtf8Bytes(e, seq, clock.GetUtcNow().ToUnixTimeMilliseconds());
            _replay.Enqueue((seq, frame));
            while (_replay.Count > replayCapacity) _replay.Dequeue();
            if (!Attached) return;
        }
        if (!_outbound.Writer.TryWrite(frame))
        {
            // The client does not read: drop the socket; it may resume and replay from its last seq.
            Close("client too slow");
        }
    }

    public void Close(string reason)
    {
        ClosedBecause = reason;
        lock (_gate) _outbound.Writer.TryComplete();
    }

    /// <summary>One socket's hold on the session: its generation, what to send, and a token cancelled when a newer socket takes over.</summary>
    public sealed record Attachment(long Generation, ChannelReader<byte[]> Outbound, List<byte[]>? Missed, CancellationToken TakenOver);

    /// <summary>
    /// Binds a (new) socket. A socket still attached (a half-open connection the server has not noticed) is taken over:
    /// its token is cancelled. <see cref="Attachment.Missed"/> holds the frames after <paramref name="lastSeq"/>, or is
    /// null when they are no longer kept.
    /// </summary>
    public Attachment Attach(long? lastSeq)
    {
        lock (_gate)
        {
            _attachment?.Cancel();
            _attachment?.Dispose();
            _attachment = new CancellationTokenSource();
            _outbound.Writer.TryComplete();
            ClosedBecause = null;
            _outbound = NewOutbound(sendQueueCapacity);
            Attached = true;
            var generation = ++_generation;
            List<byte[]>? missed = null;
            if (lastSeq is long last)
            {
                var oldest = _replay.Count == 0 ? _seq + 1 : _replay.Peek().Seq;
                missed = last + 1 >= oldest || last >= _seq
                    ? _replay.Where(r => r.Seq > last).Select(r => r.Frame).ToList()
                    : null;
            }
            return new Attachment(generation, _outbound.Reader, missed, _attachment.Token);
        }
    }

    /// <summary>The socket of <paramref name="generation"/> is gone; true when it was still the current one.</summary>
    public bool Detach(long generation)
    {
        lock (_gate)
        {
            if (generation != _generation) return false;
            Attached = false;
            DetachedAt = clock.GetUtcNow();
            _outbound.Writer.TryComplete();
            return true;
        }
    }

    public long LastSeq { get { lock (_gate) return _seq; } }
}
