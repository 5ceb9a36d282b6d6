using CallCenter.Domain.Common;
using CallCenter.Domain.Departments;
using CallCenter.Domain.Extensions;
using CallCenter.Domain.Ivr;
using static CallCenter.Tests.Domain.ValidationAssert;

namespace CallCenter.Tests.Domain;

public class ExtensionTests
{
    private static Extension Valid() => new() { TenantId = 10001, Number = "1000", Password = "sip1000pw" };

    private static readonly BreakingRules<Extension> Rules = new()
    {
        { "empty number", "Number", e => e.Number = "" },
        { "number of 2 digits", "Number", e => e.Number = "10" },
        { "number of 11 digits", "Number", e => e.Number = "12345678901" },
        { "number with a letter", "Number", e => e.Number = "10a0" },
        { "empty password", "Password", e => e.Password = "" },
        { "password of 5 chars", "Password", e => e.Password = "12345" },
        { "password of 33 chars", "Password", e => e.Password = Chars(33) },
        { "password with a space", "Password", e => e.Password = "sip 1000pw" },
        { "password with a tab", "Password", e => e.Password = "sip1000pw\t" },
        { "unknown status", "Status", e => e.Status = (AccountStatus)2 },
    };

    public static TheoryData<string, string> Cases => Rules.Cases();

    [Fact]
    public void A_minimal_extension_is_valid() => Passes(Valid().Validate());

    [Fact]
    public void Boundary_values_are_valid()
    {
        var e = Valid();
        e.Number = "100";
        e.Password = "123456";
        Passes(e.Validate());
        e.Number = "1234567890";
        e.Password = Chars(32);
        e.Status = AccountStatus.Deregistered;
        Passes(e.Validate());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_fails_on_its_field(string rule, string field)
    {
        var e = Valid();
        Rules.Apply(rule, e);
        FailsOn(field, e.Validate());
    }
}

public class DepartmentTests
{
    private static Department Valid() => new() { TenantId = 10001, Name = "Customer Service" };

    private static readonly BreakingRules<Department> Rules = new()
    {
        { "empty name", "Name", d => d.Name = "" },
        { "blank name", "Name", d => d.Name = " \t" },
        { "name of 65 chars", "Name", d => d.Name = Chars(65) },
        { "description of 501 chars", "Description", d => d.Description = Chars(501) },
    };

    public static TheoryData<string, string> Cases => Rules.Cases();

    [Fact]
    public void A_minimal_department_is_valid() => Passes(Valid().Validate());

    [Fact]
    public void Boundary_lengths_are_valid() => Passes(new Department { Name = Chars(64), Description = Chars(500) }.Validate());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_fails_on_its_field(string rule, string field)
    {
        var d = Valid();
        Rules.Apply(rule, d);
        FailsOn(field, d.Validate());
    }
}

public class IvrFlowTests
{
    private static IvrFlow Valid() => new() { TenantId = 10001, Name = "Main menu" };

    private static readonly BreakingRules<IvrFlow> Rules = new()
    {
        { "empty name", "Name", f => f.Name = "" },
        { "name of 65 chars", "Name", f => f.Name = Chars(65) },
        { "description of 501 chars", "Description", f => f.Description = Chars(501) },
    };

    public static TheoryData<string, string> Cases => Rules.Cases();

    [Fact]
    public void A_minimal_flow_is_valid() => Passes(Valid().Validate());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_fails_on_its_field(string rule, string field)
    {
        var f = Valid();
        Rules.Apply(rule, f);
        FailsOn(field, f.Validate());
    }
}
