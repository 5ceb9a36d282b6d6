using System.Net.WebSockets;
using System.Threading.Channels;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Protocol;

namespace CallCenter.Web.Cti;

/// <summary>
/// One agent protocol session: outlives its WebSocket so a client that reconnects within the grace period with the same
/// <c>session</c> id (and the last <c>seq</c> it saw) gets the events it missed and keeps its state. Every event carries
/// a per-session <c>seq</c> and the engine's <c>eventTime</c> (milliseconds since the Unix epoch) — additions to the
/// source's fields, never renames.
/// </summary>
public sealed class AgentSession(string id, TimeProvider clock, int replayCapacity = 2048, int sendQueueCapacity = 10_000)
    : IAgentConnection
{
    private readonly object _gate = new();
    private readonly Queue<(long Seq, byte[] Frame)> _replay = new();
    private Channel<byte[]> _outbound = NewOutbound(sendQueueCapacity);
    private long _seq;

    public string ConnectionId { get; } = id;
    public string? ClosedBecause { get; private set; }
    public bool Attached { get; private set; }
    public DateTimeOffset DetachedAt { get; private set; }
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

    /// <summary>Binds a (new) socket; returns the frames after <paramref name="lastSeq"/> to send first, or null when they are gone.</summary>
    public (ChannelReader<byte[]> Outbound, List<byte[]>? Missed) Attach(long? lastSeq)
    {
        lock (_gate)
        {
            ClosedBecause = null;
            _outbound = NewOutbound(sendQueueCapacity);
            Attached = true;
            List<byte[]>? missed = null;
            if (lastSeq is long last)
            {
                var oldest = _replay.Count == 0 ? _seq + 1 : _replay.Peek().Seq;
                missed = last + 1 >= oldest || last >= _seq
                    ? _replay.Where(r => r.Seq > last).Select(r => r.Frame).ToList()
                    : null;
            }
            return (_outbound.Reader, missed);
        }
    }

    public void Detach()
    {
        lock (_gate)
        {
            Attached = false;
            DetachedAt = clock.GetUtcNow();
            _outbound.Writer.TryComplete();
        }
    }

    public long LastSeq { get { lock (_gate) return _seq; } }
}
