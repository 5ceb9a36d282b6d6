using CallCenter.Domain.Telephony;
using CallCenter.Infrastructure.Telephony.Simulated;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CallCenter.Tests.Telephony;

public class SimulatedSwitchSetupTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void AddSimulatedSwitch_registers_one_singleton_behind_ISwitch_with_bound_options()
    {
        var clock = new FakeTimeProvider();
        var sink = new CollectingSink();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ISwitchEventSink>(sink);
        services.AddSimulatedSwitch(Config(
            ("Telephony:Simulated:Seed", "99"),
            ("Telephony:Simulated:AutoAnswerDelaySeconds", "2.5"),
            ("Telephony:Simulated:AnswerProbability", "0.5"),
            ("Telephony:Simulated:TalkTime:Kind", "Exponential"),
            ("Telephony:Simulated:TalkTime:Mean", "90"),
            ("Telephony:Simulated:Unanswered:UserBusy", "2"),
            ("Telephony:Simulated:IvrDigitAcds:3", "8003"),
            ("Telephony:Simulated:VacantPrefix", "")));
        using var provider = services.BuildServiceProvider();

        var simulated = provider.GetRequiredService<SimulatedSwitch>();
        Assert.Same(simulated, provider.GetRequiredService<ISwitch>());
        var o = simulated.Options;
        Assert.Equal(99, o.Seed);
        Assert.Equal(2.5, o.AutoAnswerDelaySeconds);
        Assert.Equal(0.5, o.AnswerProbability);
        Assert.Equal(DistributionKind.Exponential, o.TalkTime.Kind);
        Assert.Equal(90, o.TalkTime.Mean);
        Assert.Equal(2, o.Unanswered.UserBusy);
        Assert.Equal(0.5, o.Unanswered.NoAnswer); // untouched defaults stay
        Assert.Equal("8003", o.IvrDigitAcds["3"]);
        Assert.Equal("8000", o.IvrDigitAcds["1"]);
        Assert.Equal("", o.VacantPrefix);

        // It runs on the registered clock and publishes to the registered sink.
        simulated.RegisterExtension(10001, "1000");
        simulated.Originate(new OriginateCommand("c1", 10001, new ExtensionEndpoint(10001, "1000"), "1", 30));
        clock.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal([typeof(ExtensionRegistered), typeof(ChannelRinging), typeof(ChannelAnswered)], sink.All.Select(e => e.GetType()));
    }

    [Fact]
    public void AddSimulatedSwitch_works_with_no_section_and_no_clock_registered()
    {
        var services = new ServiceCollection();
        services.AddSimulatedSwitch(Config());
        using var provider = services.BuildServiceProvider();
        var sw = provider.GetRequiredService<SimulatedSwitch>();
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.True(sw.Options.AutoAnswer);
        Assert.Equal(0, sw.Snapshot().Channels);
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSimulatedSwitch(Config(
            ("Telephony:Simulated:AnswerProbability", "1.5"),
            ("Telephony:Simulated:TalkTime:Min", "50"),
            ("Telephony:Simulated:TalkTime:Max", "10"))));
        Assert.Contains("AnswerProbability", ex.Message);
        Assert.Contains("TalkTime.Max", ex.Message);

        Assert.Throws<ArgumentException>(() => new SimulatedSwitch(new SimulatedSwitchOptions { DefaultRingTimeoutSeconds = 0 }, TimeProvider.System));
        Assert.Throws<ArgumentException>(() => new SimulatedSwitch(
            new SimulatedSwitchOptions { AnswerProbability = 0.5, Unanswered = new UnansweredWeights { NoAnswer = 0, UserBusy = 0, CallRejected = 0 } },
            TimeProvider.System));
        Assert.Empty(new SimulatedSwitchOptions().Validate());
    }

    [Fact]
    public void Distributions_stay_in_their_bounds()
    {
        var random = new Random(5);
        var uniform = SecondsDistribution.Uniform(20, 120);
        var draws = Enumerable.Range(0, 5000).Select(_ => uniform.Sample(random)).ToList();
        Assert.All(draws, d => Assert.InRange(d, 20, 120));
        Assert.InRange(draws.Average(), 68, 72);

        var exponential = SecondsDistribution.Exponential(mean: 30, min: 10, max: 100);
        var e = Enumerable.Range(0, 5000).Select(_ => exponential.Sample(random)).ToList();
        Assert.All(e, d => Assert.InRange(d, 10, 100));
        Assert.InRange(e.Average(), 36, 42); // 10 + 30 * (1 - e^-3) ~ 38.5
        Assert.Equal(7, SecondsDistribution.Fixed(7).Sample(random));
    }
}
