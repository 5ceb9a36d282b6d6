using CallCenter.Domain.Common;
using CallCenter.Domain.Tenants;
using static CallCenter.Tests.Domain.ValidationAssert;

namespace CallCenter.Tests.Domain;

public class TenantTests
{
    private static Tenant Valid() => new() { Id = 10001, Name = "Demo" };

    private static readonly BreakingRules<Tenant> Rules = new()
    {
        { "number below 1000", "Id", t => t.Id = 999 },
        { "number zero (new-tenant default)", "Id", t => t.Id = 0 },
        { "number above 99999999", "Id", t => t.Id = 100_000_000 },
        { "empty name", "Name", t => t.Name = "" },
        { "blank name", "Name", t => t.Name = "   " },
        { "name of 101 chars", "Name", t => t.Name = Chars(101) },
        { "contact of 101 chars", "Contact", t => t.Contact = Chars(101) },
        { "empty gateway group", "GatewayGroup", t => t.GatewayGroup = "" },
        { "gateway group of 51 chars", "GatewayGroup", t => t.GatewayGroup = Chars(51) },
        { "gateway group name of 101 chars", "GatewayGroupName", t => t.GatewayGroupName = Chars(101) },
        { "unknown record type", "RecordType", t => t.RecordType = (RecordType)5 },
        { "unknown status", "Status", t => t.Status = (AccountStatus)7 },
        { "unknown after-call state", "AfterState", t => t.AfterState = (AfterCallState)0 },
        { "negative rest limit", "RestNum", t => t.RestNum = -1 },
        { "rest limit 10001", "RestNum", t => t.RestNum = 10_001 },
        { "ring timeout 4", "BridgeAnswerTimeout", t => t.BridgeAnswerTimeout = 4 },
        { "ring timeout 301", "BridgeAnswerTimeout", t => t.BridgeAnswerTimeout = 301 },
        { "negative max concurrent", "MaxConcurrent", t => t.MaxConcurrent = -1 },
        { "unknown time zone", "TimeZone", t => t.TimeZone = "Mars/Olympus_Mons" },
        { "ratio 0", "Outbound.Ratio", t => t.Outbound.Ratio = 0 },
        { "ratio above max ratio", "Outbound.Ratio", t => { t.Outbound.Ratio = 5; t.Outbound.MaxRatio = 3; } },
        { "max ratio 101", "Outbound.MaxRatio", t => { t.Outbound.MaxRatio = 101; } },
        { "negative dial interval", "Outbound.IdleTime", t => t.Outbound.IdleTime = -1 },
        { "voice interval above an hour", "Outbound.IvrIdleTime", t => t.Outbound.IvrIdleTime = 3_600_001 },
        { "voice ratio 0", "Outbound.IvrRatio", t => t.Outbound.IvrRatio = 0 },
        { "negative campaign rate", "Fee.CampaignRate", t => t.Fee.CampaignRate = -0.01m },
        { "inbound rate 1001", "Fee.InboundRate", t => t.Fee.InboundRate = 1001 },
        { "outbound rate 1001", "Fee.OutboundRate", t => t.Fee.OutboundRate = 1001 },
        { "negative minimum charge", "Fee.LimitFee", t => t.Fee.LimitFee = -1 },
        { "monthly rental above a million", "Fee.MonthRate", t => t.Fee.MonthRate = 1_000_001 },
    };

    public static TheoryData<string, string> Cases => Rules.Cases();

    [Fact]
    public void A_tenant_with_number_and_name_and_defaults_is_valid() => Passes(Valid().Validate());

    [Fact]
    public void Boundary_values_are_valid()
    {
        var t = Valid();
        t.Id = Tenant.MaxNumber;
        t.Name = Chars(100);
        t.Contact = Chars(100);
        t.RestNum = 10_000;
        t.BridgeAnswerTimeout = 5;
        t.TimeZone = "UTC";
        t.Outbound.Ratio = t.Outbound.MaxRatio = 100;
        Passes(t.Validate());

        t.Id = Tenant.MinNumber;
        t.BridgeAnswerTimeout = 300;
        t.TimeZone = "";
        Passes(t.Validate());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("UTC")]
    [InlineData(" UTC ")]
    public void Blank_or_known_time_zones_are_valid(string? zone)
    {
        var t = Valid();
        t.TimeZone = zone;
        Passes(t.Validate());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_fails_on_its_field(string rule, string field)
    {
        var t = Valid();
        Rules.Apply(rule, t);
        FailsOn(field, t.Validate());
    }

    [Fact]
    public void Name_message_is_the_one_the_dialog_shows()
    {
        var t = Valid();
        t.Name = "";
        Assert.Equal("Name is required.", Assert.Single(t.Validate()).Message);
    }
}
