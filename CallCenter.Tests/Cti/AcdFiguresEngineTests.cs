using CallCenter.Domain.Cti.Acds;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;

namespace CallCenter.Tests.Cti;

/// <summary>
/// Today's ACD figures the wallboard shows: offered / answered (in the service-level target or not) / abandoned / timed
/// out, the rates over the calls whose wait is over, the 15-minute intervals, midnight, and a restart in the day.
/// </summary>
public sealed class AcdFiguresEngineTests
{
    private const string Acd = "10001_8000";
    private const string Me = AgentSituations.Me;

    private static Task<AcdView> AcdAsync(EngineHarness h) => h.Engine.QueryAsync(e => e.Acds().Single(a => a.Number == Acd));

    private static void Inbound(EngineHarness h, string channel) =>
        h.Post(new InboundCall(EngineHarness.Tenant, h.Clock.GetUtcNow(), channel, "13912345678", "4008000000", Acd));

    private static void Answer(EngineHarness h) =>
        h.Post(new ChannelAnswered(EngineHarness.Tenant, h.Clock.GetUtcNow(), h.Switch.ChannelTo("1000")));

    private static void HangUp(EngineHarness h, string channel) =>
        h.Post(new ChannelHungUp(EngineHarness.Tenant, h.Clock.GetUtcNow(), channel, HangupCauses.NormalClearing));

    [Fact]
    public async Task Service_level_and_abandon_rate_count_the_calls_whose_wait_is_over()
    {
        await using var h = new EngineHarness();
        await h.LoginAsync(Me);
        await h.ReadyAsync(Me);
        Assert.Null((await AcdAsync(h)).ServiceLevel); // nothing yet: no rate rather than 0 %

        Inbound(h, "c1"); // rings agent 1000 at once
        await h.AdvanceAsync(TimeSpan.FromSeconds(5));
        Answer(h); // waited 5 s: within the 20 s target
        Inbound(h, "c2");
        Inbound(h, "c3");
        await h.AdvanceAsync(TimeSpan.FromSeconds(10));
        var busy = await AcdAsync(h);
        Assert.Equal((3, 1, 2), (busy.OfferedToday, busy.AnsweredToday, busy.Waiting));
        Assert.Equal(100, busy.ServiceLevel); // the two waiting calls do not count yet
        HangUp(h, "c3"); // gave up after 10 s
        await h.AdvanceAsync(TimeSpan.FromSeconds(20));
        HangUp(h, "c1"); // agent 1000 is free: c2 (waited 30 s) rings it
        await h.SyncAsync();
        Answer(h);
        await h.SyncAsync();

        var acd = await AcdAsync(h);
        Assert.Equal((3, 2, 1, 1, 0), (acd.OfferedToday, acd.AnsweredToday, acd.AnsweredInTargetToday, acd.AbandonedToday, acd.TimedOutToday));
        Assert.Equal(3, acd.FinishedToday);
        Assert.Equal(33.3, acd.ServiceLevel);
        Assert.Equal(33.3, acd.AbandonRate);
        Assert.Equal(20, acd.ServiceLevelSeconds);
        Assert.Equal(new DateOnly(2026, 3, 2), acd.Day);
        // 09:00 UTC (the harness's zone) is interval 36 of the day.
        Assert.Equal(new AcdInterval(36, 3, 2, 1), Assert.Single(acd.Intervals!));
        Assert.Equal(new TimeOnly(9, 0), acd.Intervals![0].Start);
    }

    [Fact]
    public async Task A_caller_who_hangs_up_while_an_agent_rings_is_abandoned_and_a_timeout_counts_as_finished()
    {
        await using var h = new EngineHarness(c => c with
        {
            AcdsByNumber = c.AcdsByNumber.ToDictionary(kv => kv.Key, kv => kv.Value with { MaxWait = 30, ServiceLevelSeconds = 10 }),
        });
        await h.LoginAsync(Me);
        await h.ReadyAsync(Me);
        Inbound(h, "c1");
        await h.AdvanceAsync(TimeSpan.FromSeconds(4));
        HangUp(h, "c1"); // while agent 1000's phone rings
        await h.SyncAsync();
        Inbound(h, "c2"); // nobody ready now (the agent who did not answer is busy): it times out after 30 s
        await h.AdvanceAsync(TimeSpan.FromSeconds(31));

        var acd = await AcdAsync(h);
        Assert.Equal((2, 0, 1, 1), (acd.OfferedToday, acd.AnsweredToday, acd.AbandonedToday, acd.TimedOutToday));
        Assert.Equal(0, acd.ServiceLevel);
        Assert.Equal(50, acd.AbandonRate);
        Assert.Equal(10, acd.ServiceLevelSeconds);
        var outcomes = h.Records.Of<QueueRecord>().Select(r => r.Outcome).Order().ToArray();
        Assert.Equal(new[] { "abandoned", "timeout" }, outcomes); // the records and the figures agree
    }

    [Fact]
    public async Task A_new_day_starts_from_zero_at_midnight()
    {
        await using var h = new EngineHarness();
        Inbound(h, "c1");
        await h.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, (await AcdAsync(h)).OfferedToday);
        await h.AdvanceAsync(TimeSpan.FromHours(15)); // 00:00:05 the next day
        var acd = await AcdAsync(h);
        Assert.Equal(new DateOnly(2026, 3, 3), acd.Day);
        Assert.Equal((0, 0, 0), (acd.OfferedToday, acd.AbandonedToday, acd.TimedOutToday));
        Assert.Empty(acd.Intervals!);
    }

    [Fact]
    public async Task Queue_records_of_today_written_before_a_restart_are_added_once_and_other_days_ignored()
    {
        await using var h = new EngineHarness();
        var now = h.Clock.GetUtcNow().UtcDateTime; // 2026-03-02 09:00 UTC
        QueueRecord Record(DateTime start, string outcome, int waited, string queue = Acd) => new()
        {
            TenantId = EngineHarness.Tenant, ThisQueue = queue, StartTime = start, EndTime = start.AddSeconds(waited), Outcome = outcome,
        };
        h.Engine.Post(new ReplayQueueRecords(new[]
        {
            Record(now.AddHours(-1), "answered", 12),
            Record(now.AddHours(-1), "answered", 45),
            Record(now.AddMinutes(-20), "abandoned", 30),
            Record(now.AddMinutes(-20), "timeout", 60),
            Record(now.AddDays(-1), "answered", 1), // yesterday
            Record(now.AddHours(-2), "answered", 1, "10001_9999"), // no such ACD
        }));
        var seen = new List<AcdView>();
        h.Engine.AcdStateChanged += v => { lock (seen) seen.Add(v); };
        Inbound(h, "c1");
        await h.SyncAsync();

        var acd = await AcdAsync(h);
        Assert.Equal((5, 2, 1, 1, 1), (acd.OfferedToday, acd.AnsweredToday, acd.AnsweredInTargetToday, acd.AbandonedToday, acd.TimedOutToday));
        Assert.Equal(25, acd.ServiceLevel);
        Assert.Equal(new[] { new AcdInterval(32, 2, 2, 0), new AcdInterval(34, 2, 0, 1), new AcdInterval(36, 1, 0, 0) }, acd.Intervals);
        lock (seen) Assert.Contains(seen, v => v.Number == Acd && v.OfferedToday == 5);
    }

    [Fact]
    public void Rates_are_percentages_of_the_finished_calls_rounded_to_a_tenth()
    {
        Assert.Null(AcdFigures.Percent(0, 0));
        Assert.Equal(66.7, AcdFigures.Percent(2, 3));
        Assert.Equal(3, AcdFigures.Finished(1, 1, 1));
        var stats = new AcdDayStats();
        stats.Roll(new DateOnly(2026, 3, 2));
        stats.Offer(new DateTime(2026, 3, 2, 23, 59, 0));
        stats.Leave(new DateTime(2026, 3, 2, 23, 59, 0), "answered", 20, 20); // exactly the target counts as in it
        Assert.Equal((1, 1), (stats.Answered, stats.AnsweredInTarget));
        Assert.Equal(95, Assert.Single(stats.Intervals()).Index);
    }
}
