using CallCenter.Domain.RestTemplates;
using static CallCenter.Tests.Domain.ValidationAssert;

namespace CallCenter.Tests.Domain;

public class RestTemplateTests
{
    private static RestTemplate Valid() => new() { TenantId = 10001, Name = "Lunch" };

    private static RestTemplate Period(string start, string end) =>
        new() { TenantId = 10001, Name = $"{start}-{end}", StartStamp = TimeOnly.Parse(start), EndStamp = TimeOnly.Parse(end) };

    private static readonly BreakingRules<RestTemplate> Rules = new()
    {
        { "empty name", "Name", r => r.Name = "" },
        { "name of 65 chars", "Name", r => r.Name = Chars(65) },
        { "duration 59 s", "Duration", r => r.Duration = 59 },
        { "duration above a day", "Duration", r => r.Duration = 86_401 },
        { "type code of 33 chars", "TypeCode", r => r.TypeCode = Chars(33) },
        { "negative rest limit", "RestNum", r => r.RestNum = -1 },
        { "rest limit 10001", "RestNum", r => r.RestNum = 10_001 },
        { "start without end", "EndStamp", r => r.StartStamp = new TimeOnly(11, 30) },
        { "end without start", "StartStamp", r => r.EndStamp = new TimeOnly(13, 30) },
        { "end equal to start", "EndStamp", r => { r.StartStamp = new TimeOnly(11, 30); r.EndStamp = new TimeOnly(11, 30); } },
        { "end before start", "EndStamp", r => { r.StartStamp = new TimeOnly(13, 30); r.EndStamp = new TimeOnly(11, 30); } },
    };

    public static TheoryData<string, string> Cases => Rules.Cases();

    [Fact]
    public void A_template_without_period_is_valid()
    {
        var r = Valid();
        Passes(r.Validate());
        Assert.False(r.HasPeriod);
    }

    [Fact]
    public void A_template_with_a_period_is_valid()
    {
        var r = Period("11:30", "13:30");
        r.Duration = 86_400;
        r.RestNum = 10_000;
        Passes(r.Validate());
        Assert.True(r.HasPeriod);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_fails_on_its_field(string rule, string field)
    {
        var r = Valid();
        Rules.Apply(rule, r);
        FailsOn(field, r.Validate());
    }

    [Theory]
    [InlineData("11:30", "13:30", "13:00", "14:00", true)]  // partial overlap
    [InlineData("11:30", "13:30", "12:00", "12:30", true)]  // contained
    [InlineData("11:30", "13:30", "11:30", "13:30", true)]  // identical
    [InlineData("11:30", "13:30", "13:30", "14:00", true)]  // shares the boundary second
    [InlineData("09:00", "10:00", "10:00:01", "11:00", false)] // adjacent, one second apart
    [InlineData("09:00", "10:00", "14:00", "15:00", false)] // disjoint
    public void Overlaps_is_symmetric_and_inclusive(string s1, string e1, string s2, string e2, bool expected)
    {
        var a = Period(s1, e1);
        var b = Period(s2, e2);
        Assert.Equal(expected, a.Overlaps(b));
        Assert.Equal(expected, b.Overlaps(a));
    }

    [Fact]
    public void A_template_without_period_overlaps_nothing()
    {
        var none = Valid();
        var lunch = Period("00:00", "23:59:59");
        Assert.False(none.Overlaps(lunch));
        Assert.False(lunch.Overlaps(none));
        Assert.False(none.Overlaps(Valid()));
    }
}
