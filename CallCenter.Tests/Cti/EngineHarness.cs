using System.Collections.Concurrent;
using CallCenter.Domain.Acds;
using CallCenter.Domain.Blacklists;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;
using CallCenter.Domain.Tenants;
using Microsoft.Extensions.Time.Testing;

namespace CallCenter.Tests.Cti;

/// <summary>A switch that does nothing but remember the commands; the test plays the switch's part by posting events.</summary>
public sealed class ScriptedSwitch : ISwitch
{
    public ConcurrentQueue<(string Command, string Channel, object? Arg)> Commands { get; } = new();
    public ConcurrentDictionary<string, OriginateCommand> Originated { get; } = new();

    /// <summary>Originate commands in the order given (a dictionary's order is not).</summary>
    private readonly ConcurrentQueue<OriginateCommand> _originatedInOrder = new();

    public void Originate(OriginateCommand c)
    {
        Originated[c.ChannelId] = c;
        _originatedInOrder.Enqueue(c);
        Commands.Enqueue(("originate", c.ChannelId, c.Target));
    }
    public void Answer(string ch) => Commands.Enqueue(("answer", ch, null));
    public void Bridge(string a, string b) => Commands.Enqueue(("bridge", a, b));
    public void Hold(string ch) => Commands.Enqueue(("hold", ch, null));
    public void Unhold(string ch) => Commands.Enqueue(("unhold", ch, null));
    public void Hangup(string ch, string cause) => Commands.Enqueue(("hangup", ch, cause));
    public void Park(string ch) => Commands.Enqueue(("park", ch, null));
    public void JoinConference(string ch, string room) => Commands.Enqueue(("conference", ch, room));
    public void Eavesdrop(string spy, string target, EavesdropMode mode) => Commands.Enqueue(("eavesdrop", spy, (target, mode)));
    public void SetDeaf(string ch, bool deaf) => Commands.Enqueue(("deaf", ch, deaf));
    public void SetMute(string ch, bool mute) => Commands.Enqueue(("mute", ch, mute));
    public void StartRecording(string ch, string file, int? limit) => Commands.Enqueue(("record", ch, file));
    public void StopRecording(string ch, string file) => Commands.Enqueue(("stoprecord", ch, file));
    public void SendDtmf(string ch, string digits) => Commands.Enqueue(("dtmf", ch, digits));
    public void Play(string ch, string file) => Commands.Enqueue(("play", ch, file));
    public void RunIvr(string ch, int tenant, int ivr) => Commands.Enqueue(("ivr", ch, ivr));

    /// <summary>The channel last originated towards an extension or a number.</summary>
    public string ChannelTo(string extensionOrNumber) => _originatedInOrder.Last(o => o.Target switch
    {
        ExtensionEndpoint e => e.Extension == extensionOrNumber,
        ExternalEndpoint x => x.Number == extensionOrNumber,
        _ => false,
    }).ChannelId;

    public bool Did(string command, string channel) => Commands.Any(c => c.Command == command && c.Channel == channel);
    public bool Bridged(string a, string b) => Commands.Any(c => c.Command == "bridge" &&
        ((c.Channel == a && (string?)c.Arg == b) || (c.Channel == b && (string?)c.Arg == a)));
}

public sealed class MemoryRecords : IRecordSink
{
    public ConcurrentQueue<CallCenterRecord> All { get; } = new();
    public void Write(CallCenterRecord record) => All.Enqueue(record);
    public IReadOnlyList<T> Of<T>() where T : CallCenterRecord => All.OfType<T>().ToList();
}

/// <summary>An agent's socket as the engine sees it: collects events in order.</summary>
public sealed class TestConnection(string id) : IAgentConnection
{
    private readonly ConcurrentQueue<CtiEvent> _events = new();
    public string ConnectionId { get; } = id;
    public string? ClosedBecause { get; private set; }
    public void Send(CtiEvent e) => _events.Enqueue(e);
    public void Close(string reason) => ClosedBecause = reason;

    /// <summary>Every event received so far, and forgets them.</summary>
    public List<CtiEvent> Drain()
    {
        var list = new List<CtiEvent>();
        while (_events.TryDequeue(out var e)) list.Add(e);
        return list;
    }
}

/// <summary>
/// A tenant engine over tenant 10001 with agents 10001_1000…1004 on extensions 1000…1004, ACD 10001_8000 (all members)
/// and 10001_8001 (agent 1004 only), a fake clock and a scripted switch.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    public const int Tenant = 10001;
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    public ScriptedSwitch Switch { get; } = new();
    public MemoryRecords Records { get; } = new();
    public TenantEngine Engine { get; }
    public Dictionary<string, TestConnection> Connections { get; } = new();
    /// <summary>Everything the engine logged as a failure while handling an input (must stay empty).</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    public EngineHarness(Func<TenantConfig, TenantConfig>? configure = null, bool registerAll = true)
    {
        var config = DefaultConfig();
        if (configure is not null) config = configure(config);
        Engine = new TenantEngine(config, Switch, Records, Clock, new EngineOptions { RandomSeed = 7, TimeZone = TimeZoneInfo.Utc },
            (message, ex) => Errors.Enqueue($"{message}: {ex}"));
        if (registerAll)
            foreach (var ext in config.ExtensionsByNumber.Keys)
                Post(new ExtensionRegistered(Tenant, Clock.GetUtcNow(), ext, "127.0.0.1"));
    }

    public static TenantConfig DefaultConfig()
    {
        var agents = new Dictionary<string, AgentConfig>();
        for (var n = 1000; n <= 1004; n++)
        {
            var acds = new Dictionary<string, int> { ["10001_8000"] = 1 };
            if (n == 1004) acds["10001_8001"] = 1;
            agents[$"10001_{n}"] = new AgentConfig(n - 999, $"10001_{n}", n.ToString(), $"Agent {n}", n.ToString(), true, acds, "1", "Service");
        }
        var extensions = Enumerable.Range(1000, 6).ToDictionary(n => n.ToString(), n => new ExtensionConfig(n.ToString(), true));
        var acdsByNumber = new Dictionary<string, AcdConfig>
        {
            ["10001_8000"] = new(1, "10001_8000", "Default group", RoutingStrategy.LongestIdleAgent, 20, 60, OverflowAction.Hangup, null, "4008000000"),
            ["10001_8001"] = new(2, "10001_8001", "VIP", RoutingStrategy.LongestIdleAgent, 20, 0, OverflowAction.Hangup, null, null),
        };
        return new TenantConfig(Tenant, "Demo", true, AfterCallState.Idle, 0, 30, false, agents, extensions, acdsByNumber,
            new HashSet<int> { 9 }, new Dictionary<int, string> { [1] = "Main menu" },
            new List<BlacklistEntry> { new() { TenantId = Tenant, Mobile = "13800000000", CallType = BlacklistDirection.Both, Status = 1 } });
    }

    public void Post(SwitchEvent e) => Engine.Post(new SwitchInput(e));

    /// <summary>Waits until everything posted so far has been handled.</summary>
    public Task SyncAsync() => Engine.QueryAsync(_ => 0);

    public TestConnection Connection(string dn)
    {
        if (!Connections.TryGetValue(dn, out var c)) Connections[dn] = c = new TestConnection("conn-" + dn + "-" + Connections.Count);
        return c;
    }

    public async Task<List<CtiEvent>> SendAsync(string dn, AgentRequest request, TestConnection? via = null)
    {
        var connection = via ?? Connection(dn);
        Engine.Post(new RequestInput(connection, request));
        await SyncAsync();
        return connection.Drain();
    }

    /// <summary>Logs an agent in on its own extension and drains the events.</summary>
    public async Task LoginAsync(string dn, params string[] queues)
    {
        var events = await SendAsync(dn, new LoginRequest(dn, dn.Split('_')[1], queues.Length > 0 ? queues : new[] { "10001_8000" }, "1", null));
        Assert.Equal(Events.LoggedIn, Assert.Single(events, e => e.MessageId is Events.LoggedIn or Events.Failed).MessageId);
    }

    public async Task ReadyAsync(string dn)
    {
        var events = await SendAsync(dn, new ReadyRequest(dn));
        Assert.Contains(events, e => e.MessageId == Events.Ready);
    }

    public async Task AdvanceAsync(TimeSpan by)
    {
        await SyncAsync(); // what was posted before happens before the clock moves
        Clock.Advance(by);
        await SyncAsync();
    }

    public async Task<List<CtiEvent>> EventsOfAsync(string dn)
    {
        await SyncAsync();
        return Connection(dn).Drain();
    }

    public async ValueTask DisposeAsync() => await Engine.DisposeAsync();
}

public static class EventAssert
{
    public static CtiEvent Single(IEnumerable<CtiEvent> events, int messageId) => Assert.Single(events, e => e.MessageId == messageId);

    public static void Failed(IEnumerable<CtiEvent> events, int requestId, int code)
    {
        var e = Assert.Single(events, x => x.MessageId == Events.Failed);
        Assert.Equal(requestId, e["errorMessageId"]);
        Assert.Equal(code, e["errorCode"]);
    }
}
