using CallCenter.Domain.Acds;
using static CallCenter.Tests.Domain.ValidationAssert;

namespace CallCenter.Tests.Domain;

public class AcdTests
{
    private static Acd Valid() => new() { TenantId = 10001, Code = "8000", Name = "Default group" };

    private static readonly BreakingRules<Acd> Rules = new()
    {
        { "empty code", "Code", a => a.Code = "" },
        { "code of 2 digits", "Code", a => a.Code = "80" },
        { "code of 9 digits", "Code", a => a.Code = "123456789" },
        { "code with a letter", "Code", a => a.Code = "80a0" },
        { "code with full-width digits", "Code", a => a.Code = "８０００" },
        { "empty name", "Name", a => a.Name = "" },
        { "name of 101 chars", "Name", a => a.Name = Chars(101) },
        { "description of 501 chars", "Description", a => a.Description = Chars(501) },
        { "outbound number with a letter", "OutboundNumber", a => a.OutboundNumber = "400800a000" },
        { "outbound number of 21 digits", "OutboundNumber", a => a.OutboundNumber = Chars(21, '1') },
        { "ring timeout 4", "RingTimeout", a => a.RingTimeout = 4 },
        { "ring timeout 301", "RingTimeout", a => a.RingTimeout = 301 },
        { "negative queue timeout", "MaxWaitTimeWithNoAgent", a => a.MaxWaitTimeWithNoAgent = -1 },
        { "queue timeout above a day", "MaxWaitTimeWithNoAgent", a => a.MaxWaitTimeWithNoAgent = 86_401 },
        { "IVR overflow without target", "OverflowTarget", a => a.OverflowAction = OverflowAction.TransferToIvr },
        { "number overflow with blank target", "OverflowTarget", a => { a.OverflowAction = OverflowAction.TransferToNumber; a.OverflowTarget = " "; } },
        { "ACD overflow to another tenant", "OverflowTarget", a => { a.OverflowAction = OverflowAction.TransferToAcd; a.OverflowTarget = "20002_8001"; } },
        { "ACD overflow to a non-number", "OverflowTarget", a => { a.OverflowAction = OverflowAction.TransferToAcd; a.OverflowTarget = "sales"; } },
        { "ACD overflow to itself", "OverflowTarget", a => { a.OverflowAction = OverflowAction.TransferToAcd; a.OverflowTarget = "10001_8000"; } },
        { "voicemail without a mailbox", "OverflowTarget", a => a.OverflowAction = OverflowAction.ToVoicemail },
        { "voicemail of another tenant's agent", "OverflowTarget", a => { a.OverflowAction = OverflowAction.ToVoicemail; a.OverflowTarget = "20002_1000"; } },
        { "voicemail of a bare code", "OverflowTarget", a => { a.OverflowAction = OverflowAction.ToVoicemail; a.OverflowTarget = "1000"; } },
        { "an agent twice", "Members", a => a.Members = [new() { AgentId = 1 }, new() { AgentId = 1, Priority = 2 }] },
        { "member priority 0", "Members", a => a.Members = [new() { AgentId = 1, Priority = 0 }] },
        { "member priority 101", "Members", a => a.Members = [new() { AgentId = 1, Priority = 101 }] },
    };

    public static TheoryData<string, string> Cases => Rules.Cases();

    [Fact]
    public void A_minimal_acd_is_valid() => Passes(Valid().Validate());

    [Fact]
    public void Valid_optional_settings_pass()
    {
        var a = Valid();
        a.Code = "12345678";
        a.OutboundNumber = "+864008000000";
        a.RingTimeout = 300;
        a.MaxWaitTimeWithNoAgent = 0;
        a.OverflowAction = OverflowAction.TransferToAcd;
        a.OverflowTarget = "10001_8001";
        a.Members = [new() { AgentId = 1, Priority = 1 }, new() { AgentId = 2, Priority = 100 }];
        Passes(a.Validate());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_fails_on_its_field(string rule, string field)
    {
        var a = Valid();
        Rules.Apply(rule, a);
        FailsOn(field, a.Validate());
    }

    [Fact]
    public void Queue_name_is_tenant_underscore_code() => Assert.Equal("10001_8000", Valid().QueueName);
}

public class RoutingStrategiesTests
{
    public static TheoryData<RoutingStrategy, string> Wire => new()
    {
        { RoutingStrategy.LongestIdleAgent, "longest-idle-agent" },
        { RoutingStrategy.RoundRobin, "round-robin" },
        { RoutingStrategy.TopDown, "top-down" },
        { RoutingStrategy.Random, "random" },
        { RoutingStrategy.AgentWithLeastTalkTime, "agent-with-least-talk-time" },
        { RoutingStrategy.AgentWithFewestCalls, "agent-with-fewest-calls" },
        { RoutingStrategy.RingAll, "ring-all" },
    };

    [Theory]
    [MemberData(nameof(Wire))]
    public void Wire_names_round_trip(RoutingStrategy strategy, string wire)
    {
        Assert.Equal(wire, strategy.ToWire());
        Assert.True(RoutingStrategies.TryParse(wire, out var parsed));
        Assert.Equal(strategy, parsed);
        Assert.True(RoutingStrategies.TryParse(wire.ToUpperInvariant(), out parsed));
        Assert.Equal(strategy, parsed);
    }

    [Fact]
    public void Every_enum_value_has_a_wire_name()
    {
        Assert.Equal(Enum.GetValues<RoutingStrategy>().Order(), RoutingStrategies.All.Order());
        Assert.Equal(RoutingStrategies.All.Count, RoutingStrategies.All.Select(s => s.ToWire()).Distinct().Count());
    }

    [Theory]
    [InlineData("Stringest-idle-agent")]
    [InlineData("stringest-idle-agent")]
    public void The_sources_mangled_longest_idle_name_is_accepted(string wire)
    {
        Assert.True(RoutingStrategies.TryParse(wire, out var parsed));
        Assert.Equal(RoutingStrategy.LongestIdleAgent, parsed);
        Assert.Equal("longest-idle-agent", parsed.ToWire()); // and is written back in the correct spelling
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("fastest-agent")]
    [InlineData("round robin")]
    public void Unknown_names_are_refused(string? wire) => Assert.False(RoutingStrategies.TryParse(wire, out _));
}
