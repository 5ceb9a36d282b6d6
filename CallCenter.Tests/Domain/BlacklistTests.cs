using CallCenter.Domain.Blacklists;
using static CallCenter.Tests.Domain.ValidationAssert;

namespace CallCenter.Tests.Domain;

public class BlacklistEntryTests
{
    private static readonly DateTime Noon = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static BlacklistEntry Valid() => new() { TenantId = 10001, Name = "Nuisance", Mobile = "13800000000" };

    private static readonly BreakingRules<BlacklistEntry> Rules = new()
    {
        { "empty name", "Name", b => b.Name = "" },
        { "name of 65 chars", "Name", b => b.Name = Chars(65) },
        { "empty number", "Mobile", b => b.Mobile = "" },
        { "number of 2 digits", "Mobile", b => b.Mobile = "12" },
        { "plus and 2 digits", "Mobile", b => b.Mobile = "+12" },
        { "number of 21 digits", "Mobile", b => b.Mobile = Chars(21, '1') },
        { "number with a dash", "Mobile", b => b.Mobile = "138-0000-0000" },
        { "plus in the middle", "Mobile", b => b.Mobile = "86+13800000000" },
        { "unknown direction", "CallType", b => b.CallType = (BlacklistDirection)0 },
        { "status 2", "Status", b => b.Status = 2 },
        { "reason of 501 chars", "Description", b => b.Description = Chars(501) },
        { "window ending before it starts", "ValidUntil", b => { b.ValidFrom = Noon; b.ValidUntil = Noon.AddSeconds(-1); } },
    };

    public static TheoryData<string, string> Cases => Rules.Cases();

    [Fact]
    public void A_minimal_entry_is_valid() => Passes(Valid().Validate());

    [Fact]
    public void Valid_variants_pass()
    {
        var b = Valid();
        b.Mobile = "+8613800000000";
        b.CallType = BlacklistDirection.Outbound;
        b.Status = 0;
        b.ValidFrom = b.ValidUntil = Noon; // a one-instant window is allowed
        Passes(b.Validate());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_fails_on_its_field(string rule, string field)
    {
        var b = Valid();
        Rules.Apply(rule, b);
        FailsOn(field, b.Validate());
    }

    [Theory]
    [InlineData(BlacklistDirection.Both, CallDirection.Inbound, true)]
    [InlineData(BlacklistDirection.Both, CallDirection.Outbound, true)]
    [InlineData(BlacklistDirection.Inbound, CallDirection.Inbound, true)]
    [InlineData(BlacklistDirection.Inbound, CallDirection.Outbound, false)]
    [InlineData(BlacklistDirection.Outbound, CallDirection.Outbound, true)]
    [InlineData(BlacklistDirection.Outbound, CallDirection.Inbound, false)]
    public void Blocks_by_direction(BlacklistDirection blocked, CallDirection call, bool expected)
    {
        var b = Valid();
        b.CallType = blocked;
        Assert.Equal(expected, b.Blocks(call, Noon));
    }

    [Fact]
    public void A_disabled_entry_blocks_nothing()
    {
        var b = Valid();
        b.Status = 0;
        Assert.False(b.InForce(Noon));
        Assert.False(b.Blocks(CallDirection.Inbound, Noon));
        Assert.False(b.Blocks(CallDirection.Outbound, Noon));
    }

    [Theory]
    [InlineData(-3601, false)] // before the window
    [InlineData(-3600, true)]  // at its start (inclusive)
    [InlineData(0, true)]
    [InlineData(3600, true)]   // at its end (inclusive)
    [InlineData(3601, false)]  // after it
    public void Blocks_only_inside_the_validity_window(int secondsFromNoon, bool expected)
    {
        var b = Valid();
        b.ValidFrom = Noon.AddHours(-1);
        b.ValidUntil = Noon.AddHours(1);
        var at = Noon.AddSeconds(secondsFromNoon);
        Assert.Equal(expected, b.InForce(at));
        Assert.Equal(expected, b.Blocks(CallDirection.Inbound, at));
    }

    [Fact]
    public void Open_window_bounds_are_unbounded()
    {
        var fromOnly = Valid();
        fromOnly.ValidFrom = Noon;
        Assert.False(fromOnly.Blocks(CallDirection.Inbound, Noon.AddTicks(-1)));
        Assert.True(fromOnly.Blocks(CallDirection.Inbound, Noon.AddYears(50)));

        var untilOnly = Valid();
        untilOnly.ValidUntil = Noon;
        Assert.True(untilOnly.Blocks(CallDirection.Outbound, Noon.AddYears(-50)));
        Assert.False(untilOnly.Blocks(CallDirection.Outbound, Noon.AddTicks(1)));
    }

    [Theory]
    [InlineData("123", true)]
    [InlineData("+123", true)]
    [InlineData("13800000000", true)]
    [InlineData("12345678901234567890", true)]
    [InlineData("+12345678901234567890", true)]
    [InlineData("123456789012345678901", false)]
    [InlineData("12", false)]
    [InlineData("+", false)]
    [InlineData("++123", false)]
    [InlineData("123 456", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void PhoneNumbers_IsDialable(string? number, bool expected) => Assert.Equal(expected, PhoneNumbers.IsDialable(number));
}
