using CallCenter.Domain.Common;

namespace CallCenter.Tests.Domain;

public class DnTests
{
    [Theory]
    [InlineData("10001_1000", 10001, "1000")]
    [InlineData("10001_8000", 10001, "8000")]
    [InlineData("1_a", 1, "a")]
    [InlineData("10001_10_00", 10001, "10_00")] // splits at the first underscore
    public void TryParse_accepts_tenant_underscore_code(string dn, int tenant, string code)
    {
        Assert.True(Dn.TryParse(dn, out var t, out var c));
        Assert.Equal(tenant, t);
        Assert.Equal(code, c);
        Assert.Equal(dn, Dn.Of(t, c));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10001")]
    [InlineData("10001_")]
    [InlineData("_1000")]
    [InlineData("abc_1000")]
    [InlineData("-1_1000")]
    [InlineData("+1_1000")]
    [InlineData(" 10001_1000")]
    [InlineData("99999999999_1000")] // tenant number overflows int
    public void TryParse_refuses_anything_else(string? dn)
    {
        Assert.False(Dn.TryParse(dn, out var tenant, out var code));
        Assert.Equal(0, tenant);
        Assert.Equal("", code);
    }

    [Fact]
    public void Of_joins_with_an_underscore() => Assert.Equal("10001_8000", Dn.Of(10001, "8000"));
}

public class ResultTests
{
    [Fact]
    public void Ok_succeeds_with_nothing_to_say()
    {
        var r = Result.Ok();
        Assert.True(r.Succeeded);
        Assert.Empty(r.Errors);
        Assert.Null(r.Refusal);
        Assert.Equal("", r.Describe());
        Assert.Null(r.ErrorFor("Name"));
    }

    [Fact]
    public void Invalid_field_carries_the_error_by_field()
    {
        var r = Result.Invalid("Name", "Name is required.");
        Assert.False(r.Succeeded);
        Assert.Equal("Name is required.", r.ErrorFor("Name"));
        Assert.Null(r.ErrorFor("Id"));
        Assert.Null(r.Refusal);
        Assert.Equal("Name is required.", r.Describe());
    }

    [Fact]
    public void Invalid_list_describes_all_messages_in_one_line()
    {
        var r = Result.Invalid(new[] { new FieldError("Id", "Bad id."), new FieldError("Name", "Bad name."), new FieldError("Name", "Second.") });
        Assert.False(r.Succeeded);
        Assert.Equal("Bad id. Bad name. Second.", r.Describe());
        Assert.Equal("Bad name.", r.ErrorFor("Name")); // the first error of a field
    }

    [Fact]
    public void Refused_fails_with_a_reason_and_no_field_errors()
    {
        var r = Result.Refused("Tenant 10001 still has 1 ACDs.");
        Assert.False(r.Succeeded);
        Assert.Empty(r.Errors);
        Assert.Equal("Tenant 10001 still has 1 ACDs.", r.Refusal);
        Assert.Equal("Tenant 10001 still has 1 ACDs.", r.Describe());
    }

    [Fact]
    public void Created_carries_result_and_id()
    {
        var c = new Created<int>(Result.Ok(), 42);
        Assert.True(c.Result.Succeeded);
        Assert.Equal(42, c.Id);
    }
}

public class ValidatorTests
{
    [Fact]
    public void Required_reports_missing_and_too_long()
    {
        Assert.Equal("Name is required.", Assert.Single(new Validator().Required("Name", null, "Name").Errors).Message);
        Assert.Equal("Name must be at most 3 characters.", Assert.Single(new Validator().Required("Name", "abcd", "Name", 3).Errors).Message);
        Assert.Empty(new Validator().Required("Name", "abc", "Name", 3).Errors);
    }

    [Fact]
    public void Optional_allows_null_and_empty_but_not_too_long()
    {
        Assert.Empty(new Validator().Optional("X", null, "X").Errors);
        Assert.Empty(new Validator().Optional("X", "", "X").Errors);
        Assert.Single(new Validator().Optional("X", "abc", "X", 2).Errors);
    }

    [Theory]
    [InlineData("1000", 4, 4, null)]
    [InlineData("100", 4, 4, "Code must be exactly 4 digits.")]
    [InlineData("10000", 3, 4, "Code must be 3 to 4 digits.")]
    [InlineData("1a0", 3, 4, "Code must be 3 to 4 digits.")]
    [InlineData("", 3, 4, "Code is required.")]
    public void Digits_messages(string value, int min, int max, string? expected)
    {
        var errors = new Validator().Digits("Code", value, "Code", min, max).Errors;
        Assert.Equal(expected, errors.SingleOrDefault()?.Message);
    }

    [Fact]
    public void Range_and_OneOf()
    {
        Assert.Empty(new Validator().Range("N", 5, 5, 10, "N").Errors);
        Assert.Empty(new Validator().Range("N", 10, 5, 10, "N").Errors);
        Assert.Equal("N must be between 5 and 10.", Assert.Single(new Validator().Range("N", 11, 5, 10, "N").Errors).Message);
        Assert.Empty(new Validator().OneOf("S", 1, "S", 0, 1).Errors);
        Assert.Equal("S must be one of 0, 1.", Assert.Single(new Validator().OneOf("S", 2, "S", 0, 1).Errors).Message);
    }
}

public class ListQueryTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(3, 3)]
    public void SafePage(int page, int expected) => Assert.Equal(expected, new ListQuery { Page = page }.SafePage);

    [Theory]
    [InlineData(0, 10)]
    [InlineData(-1, 10)]
    [InlineData(25, 25)]
    [InlineData(1000, 1000)]
    [InlineData(5000, ListQuery.MaxPageSize)]
    public void SafePageSize(int size, int expected) => Assert.Equal(expected, new ListQuery { PageSize = size }.SafePageSize);
}
