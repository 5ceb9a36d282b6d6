using System.Text.RegularExpressions;
using CallCenter.Domain.Telephony;
using CallCenter.Infrastructure.Telephony.Simulated;
using static CallCenter.Tests.Telephony.SwitchHarness;

namespace CallCenter.Tests.Telephony;

public class SimulatedInboundTests
{
    [Fact]
    public void Sixty_calls_a_minute_for_ten_minutes_is_about_six_hundred_calls_until_stopped()
    {
        using var h = new SwitchHarness();
        h.Switch.StartInbound(Tenant, "10001_8000", 60);
        Assert.Equal([new InboundRate(Tenant, "10001_8000", 60)], h.Switch.InboundRates);

        for (var minute = 0; minute < 10; minute++) h.Advance(60);
        var calls = h.Events.Of<InboundCall>();
        // Poisson with mean 600: within 5 standard deviations (sqrt(600) ~ 24.5).
        Assert.InRange(calls.Count, 600 - 5 * 24.5, 600 + 5 * 24.5);
        Assert.All(calls, c =>
        {
            Assert.Equal(Tenant, c.TenantId);
            Assert.Equal("10001_8000", c.TargetAcd);
            Assert.Equal("4008000000", c.Dnis);
            Assert.Matches(new Regex("^13[0-9]{9}$"), c.Ani);
            Assert.InRange(h.Elapsed(c).TotalSeconds, 0, 600);
        });
        Assert.Equal(calls.Count, calls.Select(c => c.ChannelId).Distinct().Count());
        Assert.Equal(calls.OrderBy(c => c.At).Select(c => c.ChannelId), calls.Select(c => c.ChannelId));
        // Exponential gaps: the mean gap is about a second and no two calls are stuck together.
        var gaps = calls.Zip(calls.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).ToList();
        Assert.InRange(gaps.Average(), 0.8, 1.2);
        Assert.Equal(calls.Count, h.Switch.Snapshot().Channels);

        Assert.True(h.Switch.StopInbound(Tenant, "10001_8000"));
        Assert.False(h.Switch.StopInbound(Tenant, "10001_8000"));
        Assert.Empty(h.Switch.InboundRates);
        h.Advance(600);
        Assert.Equal(calls.Count, h.Events.Of<InboundCall>().Count);
    }

    [Fact]
    public void Generators_run_per_tenant_and_acd_and_their_rate_can_change()
    {
        using var h = new SwitchHarness();
        h.Switch.StartInbound(Tenant, "10001_8000", 30);
        h.Switch.StartInbound(20002, "20002_8000", 10);
        h.Switch.StartInbound(Tenant, "10001_8000", 120); // a new rate, not a second generator
        Assert.Equal([new InboundRate(Tenant, "10001_8000", 120), new InboundRate(20002, "20002_8000", 10)], h.Switch.InboundRates);
        Assert.Equal(2, h.Switch.Snapshot().InboundGenerators);

        h.Advance(600);
        var calls = h.Events.Of<InboundCall>();
        Assert.InRange(calls.Count(c => c.TenantId == Tenant), 1200 - 5 * 34.6, 1200 + 5 * 34.6);
        Assert.InRange(calls.Count(c => c.TenantId == 20002), 100 - 5 * 10, 100 + 5 * 10);
        Assert.All(calls.Where(c => c.TenantId == 20002), c => Assert.Equal("20002_8000", c.TargetAcd));

        Assert.Throws<ArgumentOutOfRangeException>(() => h.Switch.StartInbound(Tenant, "10001_8000", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Switch.StartInbound(Tenant, "10001_8000", double.NaN));
    }

    [Fact]
    public void A_tiny_rate_schedules_without_overflowing_and_can_be_stopped()
    {
        using var h = new SwitchHarness();
        h.Switch.StartInbound(Tenant, "10001_8000", 1e-12); // a mean gap of millions of years
        Assert.Equal([new InboundRate(Tenant, "10001_8000", 1e-12)], h.Switch.InboundRates);
        h.Advance(600);
        Assert.True(h.Switch.StopInbound(Tenant, "10001_8000"));
    }

    [Fact]
    public void Place_inbound_call_places_one_call_now()
    {
        using var h = new SwitchHarness();
        var id = h.Switch.PlaceInboundCall(Tenant, "10001_8000", "13700000001");
        var other = h.Switch.PlaceInboundCall(Tenant, "10001_8000");
        Assert.NotEqual(id, other);
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal(new InboundCall(Tenant, h.Start, id, "13700000001", "4008000000", "10001_8000"), h.Events.All[0]);
        Assert.Matches(new Regex("^13[0-9]{9}$"), h.Events.Of<InboundCall>()[1].Ani);
        Assert.Equal(SimulatedChannelKind.Inbound, h.Switch.GetChannel(id)!.Kind);
        h.Advance(3600); // an inbound caller nobody answered or parked just waits
        Assert.Empty(h.Events.Of<ChannelHungUp>());
    }

    [Fact]
    public void The_service_number_is_configurable()
    {
        using var h = new SwitchHarness(o => o.ServiceNumber = "95555");
        h.Switch.PlaceInboundCall(Tenant, "10001_8000");
        Assert.Equal("95555", h.Events.Of<InboundCall>().Single().Dnis);
    }
}
