using CallCenter.Domain.Sms;
using static CallCenter.Tests.Domain.ValidationAssert;

namespace CallCenter.Tests.Domain;

public class SmsSendTests
{
    private static SmsSend Valid() => new() { TenantId = 10001, Agent = "10001_1000", Numbers = ["18200000001", "+8613900000000"], Content = "Hello" };

    private sealed class Holder { public SmsSend Send = Valid(); }

    private static readonly BreakingRules<Holder> Rules = new()
    {
        { "no sender", "Agent", h => h.Send = h.Send with { Agent = "" } },
        { "sender of another tenant", "Agent", h => h.Send = h.Send with { Agent = "10002_1000" } },
        { "sender without tenant", "Agent", h => h.Send = h.Send with { Agent = "1000" } },
        { "no numbers", "Numbers", h => h.Send = h.Send with { Numbers = [] } },
        { "a number with letters", "Numbers", h => h.Send = h.Send with { Numbers = ["182xxxxxxx"] } },
        { "a number too short", "Numbers", h => h.Send = h.Send with { Numbers = ["12"] } },
        { "a number twice", "Numbers", h => h.Send = h.Send with { Numbers = ["18200000001", "18200000001"] } },
        { "101 numbers", "Numbers", h => h.Send = h.Send with { Numbers = Enumerable.Range(0, 101).Select(i => $"182000{i:D5}").ToArray() } },
        { "empty content", "Content", h => h.Send = h.Send with { Content = " " } },
        { "content of 501 chars", "Content", h => h.Send = h.Send with { Content = Chars(501) } },
        { "type 0", "Type", h => h.Send = h.Send with { Type = 0 } },
        { "type 5", "Type", h => h.Send = h.Send with { Type = 5 } },
        { "attr of 65 chars", "Attr", h => h.Send = h.Send with { Attr = Chars(65) } },
        { "gateway of 65 chars", "Gateway", h => h.Send = h.Send with { Gateway = Chars(65) } },
        { "port of 33 chars", "Port", h => h.Send = h.Send with { Port = Chars(33) } },
        { "call id of 129 chars", "CalleeId", h => h.Send = h.Send with { CalleeId = Chars(129) } },
    };

    public static TheoryData<string, string> Cases => Rules.Cases();

    [Fact]
    public void A_message_to_two_numbers_is_valid() => Passes(Valid().Validate());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_fails_on_its_field(string rule, string field)
    {
        var h = new Holder();
        Rules.Apply(rule, h);
        FailsOn(field, h.Send.Validate());
    }

    [Fact]
    public void Numbers_split_on_commas_semicolons_full_width_commas_and_spaces()
    {
        Assert.Equal(new[] { "182", "183", "184", "185" }, SmsSend.SplitNumbers(" 182,183；184，185 ".Replace('；', ';')));
        Assert.Empty(SmsSend.SplitNumbers(null));
        Assert.Empty(SmsSend.SplitNumbers(" , "));
    }

    [Fact]
    public void A_record_validates_its_number_content_type_and_state()
    {
        var r = new SmsRecord { TenantId = 10001, Mobile = "18200000001", Content = "Hi", State = SmsStates.Submitted, Type = SmsTypes.Inbox };
        Passes(r.Validate());
        FailsOn("Mobile", new SmsRecord { Mobile = "abc", Content = "Hi" }.Validate());
        FailsOn("State", new SmsRecord { Mobile = "18200000001", Content = "Hi", State = 7 }.Validate());
        FailsOn("Type", new SmsRecord { Mobile = "18200000001", Content = "Hi", Type = 9 }.Validate());
        Assert.Equal("Submitted", SmsStates.Text(SmsStates.Submitted));
        Assert.True(SmsStates.Succeeded(SmsStates.Sent));
        Assert.False(SmsStates.Succeeded(SmsStates.Failed));
    }
}
