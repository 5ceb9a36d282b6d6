using CallCenter.Domain.Common;

namespace CallCenter.Tests.Domain;

internal static class ValidationAssert
{
    /// <summary>Exactly one field fails, and it is <paramref name="field"/> (the rule is tied to that field and no other).</summary>
    public static void FailsOn(string field, IReadOnlyList<FieldError> errors)
    {
        Assert.NotEmpty(errors);
        Assert.Equal(new[] { field }, errors.Select(e => e.Field).Distinct().ToArray());
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    public static void Passes(IReadOnlyList<FieldError> errors) =>
        Assert.True(errors.Count == 0, "expected no errors, got: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));

    public static string Chars(int n, char c = 'x') => new(c, n);
}

/// <summary>
/// Named ways to break a valid entity, each with the field that must then fail. Theory data is the (name, field)
/// pairs, so every rule shows as its own test case.
/// </summary>
internal sealed class BreakingRules<T> : System.Collections.IEnumerable
{
    private readonly Dictionary<string, (string Field, Action<T> Break)> _rules = new();

    public void Add(string rule, string field, Action<T> breakIt) => _rules.Add(rule, (field, breakIt));

    public TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (rule, (field, _)) in _rules) data.Add(rule, field);
        return data;
    }

    public void Apply(string rule, T target) => _rules[rule].Break(target);

    public System.Collections.IEnumerator GetEnumerator() => _rules.GetEnumerator();
}
