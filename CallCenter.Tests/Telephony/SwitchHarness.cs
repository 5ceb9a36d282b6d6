using CallCenter.Domain.Telephony;
using CallCenter.Infrastructure.Telephony.Simulated;
using Microsoft.Extensions.Time.Testing;

namespace CallCenter.Tests.Telephony;

/// <summary>Collects what the switch publishes, and notices if it is ever called concurrently.</summary>
public sealed class CollectingSink : ISwitchEventSink
{
    private readonly List<SwitchEvent> _events = [];
    private int _inside;

    /// <summary>Runs inside Publish, after the event is recorded (to test a sink that calls the switch back).</summary>
    public Action<SwitchEvent>? OnPublish { get; set; }

    public int ConcurrentCalls { get; private set; }

    public void Publish(SwitchEvent e)
    {
        if (Interlocked.Exchange(ref _inside, 1) == 1) ConcurrentCalls++;
        lock (_events) _events.Add(e);
        OnPublish?.Invoke(e);
        Volatile.Write(ref _inside, 0);
    }

    public IReadOnlyList<SwitchEvent> All
    {
        get { lock (_events) return _events.ToList(); }
    }

    public IReadOnlyList<T> Of<T>() where T : SwitchEvent => All.OfType<T>().ToList();

    /// <summary>The events about one channel, in order.</summary>
    public IReadOnlyList<SwitchEvent> For(string channelId) => All.Where(e => e switch
    {
        ChannelRinging r => r.ChannelId == channelId,
        ChannelAnswered a => a.ChannelId == channelId,
        ChannelHungUp h => h.ChannelId == channelId,
        ChannelsBridged b => b.ChannelA == channelId || b.ChannelB == channelId,
        InboundCall i => i.ChannelId == channelId,
        RecordingStarted s => s.ChannelId == channelId,
        RecordingStopped s => s.ChannelId == channelId,
        IvrProgress p => p.ChannelId == channelId,
        IvrFinished f => f.ChannelId == channelId,
        DtmfReceived d => d.ChannelId == channelId,
        _ => false,
    }).ToList();

    public ChannelHungUp? HungUp(string channelId) => Of<ChannelHungUp>().SingleOrDefault(h => h.ChannelId == channelId);

    public void Clear()
    {
        lock (_events) _events.Clear();
    }
}

/// <summary>A simulated switch on a fake clock with a fixed seed, its sink and a scratch recordings folder.</summary>
public sealed class SwitchHarness : IDisposable
{
    public const int Tenant = 10001;

    public FakeTimeProvider Clock { get; } = new();
    public CollectingSink Events { get; } = new();
    public SimulatedSwitch Switch { get; }
    public SimulatedSwitchOptions Options { get; }
    public DateTimeOffset Start { get; }
    public string RecordingsFolder { get; } = Path.Combine(Path.GetTempPath(), "cc-simswitch-" + Guid.NewGuid().ToString("N"));

    public SwitchHarness(Action<SimulatedSwitchOptions>? configure = null, int seed = 12345)
    {
        Options = new SimulatedSwitchOptions { Seed = seed, RecordingsFolder = RecordingsFolder };
        configure?.Invoke(Options);
        Start = Clock.GetUtcNow();
        Switch = new SimulatedSwitch(Options, Clock);
        Switch.Connect(Events);
    }

    public void Advance(double seconds) => Clock.Advance(TimeSpan.FromSeconds(seconds));

    public TimeSpan Elapsed(SwitchEvent e) => e.At - Start;

    public void Originate(string channelId, SwitchEndpoint target, int ringTimeoutSeconds = 30) =>
        Switch.Originate(new OriginateCommand(channelId, Tenant, target, "4008000000", ringTimeoutSeconds));

    public static ExtensionEndpoint Ext(string extension) => new(Tenant, extension);

    public static ExternalEndpoint Number(string number) => new(number);

    /// <summary>An answered channel to a registered extension (auto-answer after the default delay).</summary>
    public string AnsweredExtensionChannel(string channelId, string extension = "1000")
    {
        if (!Switch.IsRegistered(Tenant, extension)) Switch.RegisterExtension(Tenant, extension);
        Originate(channelId, Ext(extension));
        if (Switch.GetChannel(channelId)?.State != SimulatedChannelState.Answered) Assert.True(Switch.AnswerExtension(Tenant, extension));
        return channelId;
    }

    /// <summary>An inbound call answered by the "engine".</summary>
    public string AnsweredInboundChannel(string acd = "10001_8000")
    {
        var id = Switch.PlaceInboundCall(Tenant, acd);
        Switch.Answer(id);
        return id;
    }

    public void Dispose()
    {
        Switch.Dispose();
        if (Directory.Exists(RecordingsFolder)) Directory.Delete(RecordingsFolder, recursive: true);
    }
}
