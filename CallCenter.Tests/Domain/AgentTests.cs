using CallCenter.Domain.Agents;
using CallCenter.Domain.Common;
using static CallCenter.Tests.Domain.ValidationAssert;

namespace CallCenter.Tests.Domain;

public class AgentTests
{
    // A fixed hash so rule tests do not pay for PBKDF2 each time; its format is what Passwords.Hash writes.
    private const string SomeHash = "v1.1.AAAAAAAAAAAAAAAAAAAAAA==.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private static Agent Valid() => new() { TenantId = 10001, Code = "1000", NameCn = "Agent 1000", PasswordHash = SomeHash };

    private static readonly BreakingRules<Agent> Rules = new()
    {
        { "empty code", "Code", a => a.Code = "" },
        { "code of 2 digits", "Code", a => a.Code = "10" },
        { "code of 9 digits", "Code", a => a.Code = "123456789" },
        { "code with underscore", "Code", a => a.Code = "10_0" },
        { "empty name", "NameCn", a => a.NameCn = "" },
        { "name of 101 chars", "NameCn", a => a.NameCn = Chars(101) },
        { "job number of 33 chars", "JobNum", a => a.JobNum = Chars(33) },
        { "type code of 33 chars", "TypeCode", a => a.TypeCode = Chars(33) },
        { "type text of 65 chars", "TypeText", a => a.TypeText = Chars(65) },
        { "unknown status", "Status", a => a.Status = (AccountStatus)3 },
        { "no password at all", "Password", a => a.PasswordHash = "" },
    };

    public static TheoryData<string, string> Cases => Rules.Cases();

    [Fact]
    public void An_agent_with_code_name_and_password_is_valid() => Passes(Valid().Validate());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_fails_on_its_field(string rule, string field)
    {
        var a = Valid();
        Rules.Apply(rule, a);
        FailsOn(field, a.Validate());
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("this-password-is-far-too-long-for-an-agent-this-password-is-far-t")]
    public void A_new_password_of_the_wrong_length_fails(string password)
    {
        Assert.True(password.Length is < 6 or > 64);
        FailsOn("Password", Valid().Validate(newPassword: password));
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("agent123")]
    public void A_new_password_of_6_to_64_chars_passes(string password) =>
        Passes(new Agent { Code = "1000", NameCn = "New" }.Validate(newPassword: password, passwordRequired: true));

    [Fact]
    public void A_required_password_must_be_given_even_when_a_hash_exists() =>
        FailsOn("Password", Valid().Validate(newPassword: null, passwordRequired: true));

    [Fact]
    public void SetPassword_stores_a_hash_that_VerifyPassword_accepts()
    {
        var a = Valid();
        a.SetPassword("agent123");
        Assert.StartsWith("v1.", a.PasswordHash);
        Assert.DoesNotContain("agent123", a.PasswordHash);
        Assert.True(a.VerifyPassword("agent123"));
        Assert.False(a.VerifyPassword("agent124"));
    }

    [Fact]
    public void Dn_is_tenant_underscore_code() => Assert.Equal("10001_1000", Valid().Dn);
}

public class PasswordsTests
{
    private static readonly string Stored = Passwords.Hash("s3cret!");

    [Fact]
    public void The_right_password_verifies() => Assert.True(Passwords.Verify("s3cret!", Stored));

    [Theory]
    [InlineData("s3cret")]
    [InlineData("S3cret!")]
    [InlineData("s3cret! ")]
    [InlineData("")]
    public void A_wrong_password_does_not(string password) => Assert.False(Passwords.Verify(password, Stored));

    [Fact]
    public void Two_hashes_of_the_same_password_differ_and_both_verify()
    {
        var a = Passwords.Hash("same");
        var b = Passwords.Hash("same");
        Assert.NotEqual(a, b);
        Assert.True(Passwords.Verify("same", a));
        Assert.True(Passwords.Verify("same", b));
    }

    [Fact]
    public void Format_is_v1_iterations_salt_hash()
    {
        var parts = Stored.Split('.');
        Assert.Equal(4, parts.Length);
        Assert.Equal("v1", parts[0]);
        Assert.True(int.Parse(parts[1]) >= 100_000);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
    }

    private static string Tamper(string stored, int part, Func<string, string> change)
    {
        var parts = stored.Split('.');
        parts[part] = change(parts[part]);
        return string.Join('.', parts);
    }

    private static string FlipFirstByte(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[0] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }

    public static TheoryData<string> Tampered => new()
    {
        Tamper(Stored, 3, FlipFirstByte),                      // hash changed
        Tamper(Stored, 2, FlipFirstByte),                      // salt changed
        Tamper(Stored, 1, i => (int.Parse(i) + 1).ToString()), // iterations changed
        Tamper(Stored, 0, _ => "v2"),                          // unknown version
        Tamper(Stored, 1, _ => "0"),                           // no iterations
        Tamper(Stored, 1, _ => "lots"),                        // iterations not a number
        Tamper(Stored, 3, _ => "not base64!"),                 // hash not base64
        Tamper(Stored, 3, _ => ""),                            // hash cut off
        Stored + ".extra",                                     // five parts
        Stored[..Stored.LastIndexOf('.')],                     // three parts
        "",
        "plain-text-password",
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void A_tampered_or_malformed_hash_is_refused_without_throwing(string stored) =>
        Assert.False(Passwords.Verify("s3cret!", stored));

    [Fact]
    public void Hash_refuses_null() => Assert.Throws<ArgumentNullException>(() => Passwords.Hash(null!));
}
