using CallCenter.Domain.AgentStates;
using static CallCenter.Tests.Domain.ValidationAssert;

namespace CallCenter.Tests.Domain;

public class CustomAgentStateTests
{
    private static CustomAgentState Valid() => new() { TenantId = 10001, ReasonCode = 9, ReasonText = "Do not disturb", Color = "#9e9e9e" };

    private static readonly BreakingRules<CustomAgentState> Rules = new()
    {
        { "ready state", "State", s => s.State = AgentState.Ready },
        { "logged-out state", "State", s => s.State = AgentState.LoggedOut },
        { "built-in code 8", "ReasonCode", s => s.ReasonCode = 8 },
        { "built-in code 0", "ReasonCode", s => s.ReasonCode = 0 },
        { "code 1000", "ReasonCode", s => s.ReasonCode = 1000 },
        { "empty text", "ReasonText", s => s.ReasonText = "" },
        { "text of 33 chars", "ReasonText", s => s.ReasonText = Chars(33) },
        { "colour without #", "Color", s => s.Color = "ffcc00" },
        { "colour of 5 hex digits", "Color", s => s.Color = "#ffcc0" },
        { "colour of 4 hex digits", "Color", s => s.Color = "#ffcc" },
        { "colour with non-hex digit", "Color", s => s.Color = "#ggg" },
        { "colour name", "Color", s => s.Color = "red" },
        { "empty colour", "Color", s => s.Color = "" },
        { "colour with alpha", "Color", s => s.Color = "#ffcc00ff" },
    };

    public static TheoryData<string, string> Cases => Rules.Cases();

    [Fact]
    public void A_custom_reason_is_valid() => Passes(Valid().Validate());

    [Fact]
    public void Defaults_are_busy_code_9_and_a_valid_colour()
    {
        var s = new CustomAgentState { ReasonText = "x" };
        Assert.Equal(AgentState.Busy, s.State);
        Assert.Equal(AgentStateCatalog.FirstCustomReasonCode, s.ReasonCode);
        Passes(s.Validate());
    }

    [Theory]
    [InlineData(9)]
    [InlineData(999)]
    public void Codes_9_to_999_are_allowed(int code)
    {
        var s = Valid();
        s.ReasonCode = code;
        Passes(s.Validate());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_fails_on_its_field(string rule, string field)
    {
        var s = Valid();
        Rules.Apply(rule, s);
        FailsOn(field, s.Validate());
    }

    [Theory]
    [InlineData("#abc", true)]
    [InlineData("#ABC", true)]
    [InlineData("#a1B2c3", true)]
    [InlineData("#FFCC00", true)]
    [InlineData("abc", false)]
    [InlineData("#abcd", false)]
    [InlineData("#ffcc00 ", false)]
    [InlineData(null, false)]
    public void IsColor(string? value, bool expected) => Assert.Equal(expected, CustomAgentState.IsColor(value));
}

public class AgentStateCatalogTests
{
    [Fact]
    public void Built_in_reasons_are_codes_0_to_8_with_valid_colours()
    {
        Assert.Equal(Enumerable.Range(0, 9), AgentStateCatalog.BuiltInReasons.Select(r => r.Code));
        Assert.All(AgentStateCatalog.BuiltInReasons, r =>
        {
            Assert.True(r.BuiltIn);
            Assert.True(CustomAgentState.IsColor(r.Color), $"{r.Code} has colour {r.Color}");
            Assert.False(string.IsNullOrWhiteSpace(r.EnglishText));
        });
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(8, true)]
    [InlineData(9, false)]
    [InlineData(-1, false)]
    public void IsBuiltIn(int code, bool expected) => Assert.Equal(expected, AgentStateCatalog.IsBuiltIn(code));

    [Fact]
    public void State_colours()
    {
        Assert.Equal("#f3f3f4", AgentStateCatalog.StateColor(AgentState.LoggedOut));
        Assert.Equal("#c5efc5", AgentStateCatalog.StateColor(AgentState.Ready));
        Assert.Equal("", AgentStateCatalog.StateColor(AgentState.Busy));
    }
}
