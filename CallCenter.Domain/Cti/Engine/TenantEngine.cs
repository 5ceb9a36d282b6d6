using System.Threading.Channels;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Acds;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Calls;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;

namespace CallCenter.Domain.Cti.Engine;

/// <summary>Settings of the engine that are not per tenant.</summary>
public sealed record EngineOptions
{
    /// <summary>How long a logged-in agent whose socket dropped keeps its state, waiting for a resume.</summary>
    public TimeSpan ResumeGrace { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>The "same request twice within two seconds" window (error 27).</summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Folder (as the switch sees it) where call recordings are written.</summary>
    public string RecordingFolder { get; init; } = "recordings";
    /// <summary>Folder (as the switch sees it) where voicemail messages are recorded.</summary>
    public string VoicemailFolder { get; init; } = "voicemail";
    /// <summary>Longest voicemail message in seconds; the recording stops and the call ends then.</summary>
    public int VoicemailMaxSeconds { get; init; } = 60;
    public int? RandomSeed { get; init; }
    /// <summary>The zone whose midnight starts a new day for the ACDs' figures (the server's, decision D3).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;
}

/// <summary>
/// The actor that owns one tenant's runtime state: agents, calls, queues and monitors. A single reader loop takes
/// <see cref="EngineInput"/>s from its mailbox; requests, switch events and timers are handled one at a time, so nothing
/// inside needs a lock. Effects leave through the agents' connections, the <see cref="ISwitch"/> and the
/// <see cref="IRecordSink"/>, none of which block.
/// </summary>
public sealed partial class TenantEngine : IAsyncDisposable
{
    private readonly Channel<EngineInput> _mailbox = Channel.CreateUnbounded<EngineInput>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly ISwitch _switch;
    private readonly IRecordSink _records;
    private readonly TimeProvider _clock;
    private readonly EngineOptions _options;
    private readonly Action<string, Exception?> _log;
    private readonly Random _random;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    private TenantConfig _config;
    private readonly Dictionary<string, AgentRuntime> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<IAgentConnection, string> _sessions = new();
    private readonly Dictionary<string, Call> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Call> _callByChannel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueueRuntime> _queues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _registered = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ITimer> _timers = new();
    private long _nextToken;

    public TenantEngine(TenantConfig config, ISwitch sw, IRecordSink records, TimeProvider clock, EngineOptions? options = null,
        Action<string, Exception?>? log = null)
    {
        _config = config;
        _switch = sw;
        _records = records;
        _clock = clock;
        _options = options ?? new EngineOptions();
        _log = log ?? ((_, _) => { });
        _random = _options.RandomSeed is int seed ? new Random(seed) : new Random();
        foreach (var acd in config.AcdsByNumber.Values) _queues[acd.Number] = new QueueRuntime(acd);
        _loop = Task.Run(RunAsync);
    }

    public int TenantId => _config.TenantId;
    public TenantConfig Config => _config;

    /// <summary>Hands an input to the loop. Never blocks; false once the engine is stopped.</summary>
    public bool Post(EngineInput input) => _mailbox.Writer.TryWrite(input);

    /// <summary>Reads the engine's state inside its loop (so the read sees a consistent state).</summary>
    public Task<T> QueryAsync<T>(Func<TenantEngine, T> read)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Post(new QueryInput(e =>
            {
                try { done.SetResult(read(e)); }
                catch (Exception ex) { done.SetException(ex); }
            })))
            done.SetException(new ObjectDisposedException(nameof(TenantEngine)));
        return done.Task;
    }

    /// <summary>Inputs waiting in the mailbox (for diagnostics and benchmarks).</summary>
    public int Backlog => _mailbox.Reader.CanCount ? _mailbox.Reader.Count : -1;

    private async Task RunAsync()
    {
        var reader = _mailbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var input))
                {
                    try
                    {
                        Handle(input);
                    }
                    catch (Exception ex)
                    {
                        // One bad input must never stop the tenant: log it and go on with the next.
                        _log($"tenant {TenantId}: failed to handle {input.GetType().Name}", ex);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Handle(EngineInput input)
    {
        switch (input)
        {
            case RequestInput r: HandleRequest(r.Connection, r.Request); break;
            case BadRequestInput b: Fail(b.Connection, b.MessageId, ErrorCodes.BadParameter, b.ThisDn, b.Reason); break;
            case SwitchInput s: HandleSwitch(s.Event); break;
            case TimerInput t: HandleTimer(t); break;
            case ConnectionLost l: HandleConnectionLost(l.Connection); break;
            case ConnectionResumed r: HandleConnectionResumed(r.Old, r.New); break;
            case ConfigChanged c: HandleConfigChanged(c.Config); break;
            case QueryInput q: q.Read(this); break;
            case SupervisorInput s: s.Done(Supervise(s.Command)); break;
            case ReplayQueueRecords r: Replay(r.Records); break;
        }
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    // ------------------------------------------------------------------ timers

    private long StartTimer(TimerKind kind, string key, TimeSpan due)
    {
        var token = ++_nextToken;
        var timer = _clock.CreateTimer(_ =>
        {
            Post(new TimerInput(kind, key, token));
        }, null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        _timers[token] = timer;
        return token;
    }

    private void CancelTimer(long token)
    {
        if (token != 0 && _timers.Remove(token, out var timer)) timer.Dispose();
    }

    /// <summary>True (and forgets the timer) when the token is still live.</summary>
    private bool Claim(long token) => _timers.Remove(token, out var t) && DisposeTimer(t);

    private static bool DisposeTimer(ITimer t)
    {
        t.Dispose();
        return true;
    }

    private void HandleTimer(TimerInput t)
    {
        if (!Claim(t.Token)) return;
        switch (t.Kind)
        {
            case TimerKind.RingTimeout: OnRingTimeout(t.Key, t.Token); break;
            case TimerKind.QueueTimeout: OnQueueTimeout(t.Key, t.Token); break;
            case TimerKind.RestExpired: OnRestExpired(t.Key, t.Token); break;
            case TimerKind.ResumeGrace: OnResumeGraceExpired(t.Key, t.Token); break;
        }
    }

    // ------------------------------------------------------------------ output helpers

    private void Send(AgentRuntime agent, CtiEvent e) => agent.Connection?.Send(e);

    private void Fail(IAgentConnection connection, int messageId, int code, string thisDn, string? detail = null)
    {
        var ext = _sessions.TryGetValue(connection, out var dn) && _agents.TryGetValue(dn, out var a) ? a.Extension : null;
        connection.Send(Events.RequestFailed(messageId, code, thisDn, ext, detail));
    }

    private void Prompt(AgentRuntime agent, int messageId, int referenceId) =>
        Send(agent, Events.RequestPrompt(messageId, referenceId, agent.Dn, agent.Extension));

    private Events.AgentStatus Status(AgentRuntime a) =>
        new(a.Dn, a.Queues, (int)a.State, a.Reason, DeviceState(a), TenantId, a.Extension);

    /// <summary>deviceState: 1 registered, 2 unregistered (0 unknown when the agent has no extension).</summary>
    private int DeviceState(AgentRuntime a) => a.Extension is null ? 0 : _registered.Contains(a.Extension) ? 1 : 2;

    /// <summary>Changes an agent's state, writes the closed interval, tells the agent (582/583) and its monitors.</summary>
    private void ChangeState(AgentRuntime agent, AgentState state, int? reason, bool notifyAgent = true)
    {
        var record = agent.SetState(state, reason, Now);
        if (record is null) return;
        _records.Write(record);
        if (notifyAgent)
        {
            if (state == AgentState.Ready) Send(agent, Events.AgentReady(Status(agent)));
            else if (state == AgentState.Busy) Send(agent, Events.AgentNotReady(Status(agent)));
        }
        AgentChanged(agent);
    }

    private AgentRuntime Runtime(AgentConfig config)
    {
        if (!_agents.TryGetValue(config.Dn, out var agent))
        {
            agent = new AgentRuntime(config, TenantId, Now);
            _agents[config.Dn] = agent;
        }
        return agent;
    }

    /// <summary>The agent behind a session, when the session is logged in as <paramref name="thisDn"/>.</summary>
    private AgentRuntime? SessionAgent(IAgentConnection connection, string thisDn) =>
        _sessions.TryGetValue(connection, out var dn) && dn == thisDn && _agents.TryGetValue(dn, out var agent) && agent.LoggedIn
            ? agent
            : null;

    private int _disposed;

    /// <summary>Stops the loop; safe to call more than once and from several threads (only the first call acts).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _mailbox.Writer.TryComplete();
        _stop.Cancel();
        try { await _loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        foreach (var t in _timers.Values) t.Dispose();
        _timers.Clear();
        _stop.Dispose();
    }
}
