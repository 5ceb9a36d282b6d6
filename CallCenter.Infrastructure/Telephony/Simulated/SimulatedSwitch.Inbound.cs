using CallCenter.Domain.Telephony;

namespace CallCenter.Infrastructure.Telephony.Simulated;

/// <summary>
/// Inbound traffic: callers from the virtual public network dialling the service number, one call at a time
/// (<see cref="PlaceInboundCall"/>) or as a Poisson arrival process per (tenant, ACD) (<see cref="StartInbound"/>).
/// An inbound caller waits for the engine: once bridged (after Answer and Bridge) it talks for a
/// <see cref="SimulatedSwitchOptions.TalkTime"/> draw and hangs up (send_bye); while parked it may abandon after a
/// <see cref="SimulatedSwitchOptions.Patience"/> draw (send_bye).
/// </summary>
public sealed partial class SimulatedSwitch
{
    private sealed class InboundGenerator(int tenantId, string acdNumber)
    {
        public int TenantId { get; } = tenantId;
        public string AcdNumber { get; } = acdNumber;
        public double CallsPerMinute { get; set; }
        public ScheduledJob? Next { get; set; }
    }

    private readonly Dictionary<(int TenantId, string AcdNumber), InboundGenerator> _generators = new();

    /// <summary>
    /// Starts (or changes the rate of) the arrivals of inbound calls for an ACD: exponential inter-arrival times of
    /// mean 60 / <paramref name="callsPerMinute"/> seconds, each arrival an <see cref="InboundCall"/> with a random
    /// mobile number, the service number as DNIS and <paramref name="acdNumber"/> as target ACD.
    /// </summary>
    public void StartInbound(int tenantId, string acdNumber, double callsPerMinute)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(acdNumber);
        if (!double.IsFinite(callsPerMinute) || callsPerMinute <= 0)
            throw new ArgumentOutOfRangeException(nameof(callsPerMinute), callsPerMinute, "Calls per minute must be a finite number > 0.");
        Command(now =>
        {
            var key = (tenantId, acdNumber);
            if (!_generators.TryGetValue(key, out var generator)) _generators[key] = generator = new InboundGenerator(tenantId, acdNumber);
            generator.CallsPerMinute = callsPerMinute;
            generator.Next?.Cancel(); // arrivals are memoryless: drawing the next one afresh keeps the process Poisson
            ScheduleArrival(generator, now);
        });
    }

    /// <summary>Stops the arrivals for an ACD; calls already placed go on. False when none was running.</summary>
    public bool StopInbound(int tenantId, string acdNumber) => Command(_ =>
    {
        if (!_generators.Remove((tenantId, acdNumber), out var generator)) return false;
        generator.Next?.Cancel();
        return true;
    });

    /// <summary>The generators running now.</summary>
    public IReadOnlyList<InboundRate> InboundRates
    {
        get
        {
            lock (_gate)
                return _generators.Values.OrderBy(g => g.TenantId).ThenBy(g => g.AcdNumber, StringComparer.Ordinal)
                    .Select(g => new InboundRate(g.TenantId, g.AcdNumber, g.CallsPerMinute)).ToList();
        }
    }

    /// <summary>
    /// One inbound call now (for tests and demos): <see cref="InboundCall"/> on a new channel, whose id is returned.
    /// <paramref name="ani"/> defaults to a random mobile number.
    /// </summary>
    public string PlaceInboundCall(int tenantId, string acdNumber, string? ani = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(acdNumber);
        return Command(now => NewInboundCall(tenantId, acdNumber, ani, now));
    }

    private void ScheduleArrival(InboundGenerator generator, DateTimeOffset from)
    {
        var meanSeconds = 60.0 / generator.CallsPerMinute;
        // Capped at a day: a tiny rate would otherwise overflow the schedule's date (callers of StartInbound are not all the console).
        var gap = Math.Min(-Math.Log(1 - _random.NextDouble()) * meanSeconds, TimeSpan.FromDays(1).TotalSeconds);
        generator.Next = After(from, gap, at =>
        {
            if (!_generators.TryGetValue((generator.TenantId, generator.AcdNumber), out var current) || current != generator) return;
            NewInboundCall(generator.TenantId, generator.AcdNumber, null, at);
            ScheduleArrival(generator, at);
        });
    }

    private string NewInboundCall(int tenantId, string acdNumber, string? ani, DateTimeOffset at)
    {
        string id;
        do id = NewChannelId(); while (_channels.ContainsKey(id));
        var caller = string.IsNullOrWhiteSpace(ani) ? RandomMobile() : ani;
        var channel = new SimChannel(id, tenantId, SimulatedChannelKind.Inbound, caller, at) { State = SimulatedChannelState.Ringing };
        _channels.Add(id, channel);
        Emit(new InboundCall(tenantId, at, id, caller, _options.ServiceNumber, acdNumber));
        return id;
    }
}
