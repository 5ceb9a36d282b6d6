using System.Globalization;
using System.Text.Json;
using CallCenter.Domain.Common;

namespace CallCenter.Domain.Cti.Protocol;

/// <summary>
/// Reads the fields of one inner <c>message</c> object. The first problem found is kept in <see cref="Error"/> and
/// every later read is a no-op, so a builder reads everything it needs and checks <see cref="Failed"/> once.
/// Never throws on input: every JSON kind is checked before it is read.
/// </summary>
internal sealed class FieldReader(JsonElement root)
{
    internal enum Scope
    {
        Root,
        Attach,
    }

    internal enum Items
    {
        /// <summary>Agent or ACD numbers, <c>tenant_code</c>.</summary>
        Dn,

        /// <summary>Tenant (resource-group) numbers, e.g. "10001".</summary>
        Tenant,
    }

    private JsonElement _attach;
    private bool _attachResolved;
    private bool _hasAttach;

    public string? Error { get; private set; }

    public bool Failed => Error is not null;

    public void Fail(string reason) => Error ??= reason;

    /// <summary>Replaces a "{display} must …" failure with a clearer <paramref name="reason"/>; other failures stay.</summary>
    public void Restate(string display, string reason)
    {
        if (Error is not null && Error.StartsWith(display + " must", StringComparison.Ordinal)) Error = reason;
    }

    public static string Display(Scope scope, string key) => scope == Scope.Attach ? "attachDatas." + key : key;

    /// <summary>The <c>attachDatas</c> object; false when absent or null (and fails when it is not an object).</summary>
    public bool TryGetAttach(out JsonElement attach)
    {
        if (!_attachResolved)
        {
            _attachResolved = true;
            if (root.TryGetProperty("attachDatas", out var a))
            {
                if (a.ValueKind == JsonValueKind.Object)
                {
                    _attach = a;
                    _hasAttach = true;
                }
                else if (a.ValueKind != JsonValueKind.Null)
                {
                    Fail("attachDatas must be an object");
                }
            }
        }

        attach = _attach;
        return _hasAttach && !Failed;
    }

    /// <summary>The value of <paramref name="key"/>; false when absent, null, or after a failure.</summary>
    private bool TryFind(Scope scope, string key, out JsonElement value)
    {
        value = default;
        if (Failed) return false;
        JsonElement container;
        if (scope == Scope.Root) container = root;
        else if (!TryGetAttach(out container)) return false;
        return container.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>A string value; numbers are taken as their JSON text (18866666666 → "18866666666").</summary>
    private string? AsText(JsonElement e, string display)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                if (TryGetString(e, out var s)) return s;
                Fail($"{display} is not valid text");
                return null;
            case JsonValueKind.Number:
                return e.GetRawText();
            default:
                Fail($"{display} must be a string");
                return null;
        }
    }

    /// <summary>
    /// The text under <paramref name="key"/> or, when absent, under <paramref name="alias"/> (a spelling the source
    /// also uses). Both present with different values is refused. Null when absent.
    /// </summary>
    public string? Text(Scope scope, string key, string? alias = null)
    {
        string? value = null;
        if (TryFind(scope, key, out var e)) value = AsText(e, Display(scope, key));
        if (alias is not null && TryFind(scope, alias, out var a))
        {
            var other = AsText(a, Display(scope, alias));
            if (value is null) value = other;
            else if (other is not null && other != value) Fail($"{Display(scope, key)} and {Display(scope, alias)} disagree");
        }

        return Failed ? null : value;
    }

    /// <summary>Present and not blank (or present and possibly empty when <paramref name="allowEmpty"/>).</summary>
    public string RequiredText(Scope scope, string key, string? alias = null, bool allowEmpty = false, string? missing = null)
    {
        var value = Text(scope, key, alias);
        if (Failed) return "";
        if (value is null) Fail(missing ?? $"{Display(scope, key)} is required");
        else if (!allowEmpty && string.IsNullOrWhiteSpace(value)) Fail($"{Display(scope, key)} must not be empty");
        return value ?? "";
    }

    /// <summary>Null when absent, null, empty or blank.</summary>
    public string? OptionalText(Scope scope, string key, string? alias = null)
    {
        var value = Text(scope, key, alias);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>A whole number given as a JSON number or a numeric string ("3"), within [min, max]. Null when absent.</summary>
    public int? Int(Scope scope, string key, int min, int max)
    {
        if (!TryFind(scope, key, out var e)) return null;
        var display = Display(scope, key);
        long n;
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                if (e.TryGetInt64(out n)) break;
                if (e.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue)
                {
                    n = (long)d;
                    break;
                }

                if (e.TryGetDouble(out var x) && double.IsFinite(x) && x == Math.Truncate(x))
                {
                    Fail($"{display} must be between {min} and {max}");
                    return null;
                }

                Fail($"{display} must be a whole number");
                return null;
            case JsonValueKind.String:
                TryGetString(e, out var s);
                if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n))
                {
                    Fail(s is not null && s.Length > 0 && s.All(char.IsAsciiDigit)
                        ? $"{display} must be between {min} and {max}"
                        : $"{display} must be a whole number");
                    return null;
                }

                break;
            default:
                Fail($"{display} must be a whole number");
                return null;
        }

        if (n < min || n > max)
        {
            Fail($"{display} must be between {min} and {max}");
            return null;
        }

        return (int)n;
    }

    /// <summary>One of <paramref name="allowed"/> (number or numeric string); <paramref name="fallback"/> when absent,
    /// or a failure "… is required" when there is no fallback.</summary>
    public int Choice(Scope scope, string key, int[] allowed, int? fallback)
    {
        if (Failed) return 0;
        var display = Display(scope, key);
        var values = allowed.Length == 2
            ? $"{allowed[0]} or {allowed[1]}"
            : string.Join(", ", allowed[..^1]) + " or " + allowed[^1];
        var n = Int(scope, key, int.MinValue, int.MaxValue);
        if (Failed)
        {
            // "must be a whole number" / "between" from Int becomes the list of allowed values (other failures stay).
            Restate(display, $"{display} must be {values}");
            return 0;
        }

        if (n is null)
        {
            if (fallback is null) Fail($"{display} is required");
            return fallback ?? 0;
        }

        if (Array.IndexOf(allowed, n.Value) < 0) Fail($"{display} must be {values}");
        return n.Value;
    }

    /// <summary>
    /// A list of strings: a JSON array of strings (or numbers), or one comma-separated string ("a,b"). Items are
    /// trimmed; blank items of a comma-separated string are dropped; duplicates are removed (first kept). With an
    /// alias, both present with different lists is refused. Null when absent.
    /// </summary>
    public IReadOnlyList<string>? List(Scope scope, string key, string? alias, Items kind)
    {
        IReadOnlyList<string>? value = null;
        if (TryFind(scope, key, out var e)) value = AsList(e, Display(scope, key), kind);
        if (alias is not null && TryFind(scope, alias, out var a))
        {
            var other = AsList(a, Display(scope, alias), kind);
            if (value is null) value = other;
            else if (other is not null && !value.SequenceEqual(other)) Fail($"{Display(scope, key)} and {Display(scope, alias)} disagree");
        }

        return Failed ? null : value;
    }

    private IReadOnlyList<string>? AsList(JsonElement e, string display, Items kind)
    {
        var items = new List<string>();
        switch (e.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    if (item.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                    {
                        Fail($"{display} must be a list of strings");
                        return null;
                    }

                    var s = item.GetRawText();
                    if (item.ValueKind == JsonValueKind.String && !TryGetString(item, out s))
                    {
                        Fail($"{display} is not valid text");
                        return null;
                    }

                    if (!Add(items, s.Trim(), display, kind)) return null;
                }

                break;
            case JsonValueKind.String:
                if (!TryGetString(e, out var text))
                {
                    Fail($"{display} is not valid text");
                    return null;
                }

                foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    if (!Add(items, part, display, kind)) return null;
                break;
            default:
                Fail($"{display} must be a list of strings");
                return null;
        }

        return items;
    }

    private bool Add(List<string> items, string item, string display, Items kind)
    {
        var ok = kind switch
        {
            Items.Dn => Dn.TryParse(item, out _, out _),
            _ => IsTenantNumber(item),
        };
        if (!ok)
        {
            Fail(kind == Items.Dn ? $"{display} must hold DNs like 10001_8000" : $"{display} must hold tenant numbers like 10001");
            return false;
        }

        if (!items.Contains(item, StringComparer.Ordinal)) items.Add(item);
        return true;
    }

    /// <summary>
    /// <see cref="JsonElement.GetString"/> without its exception: false for a string whose escapes do not make valid
    /// UTF-16 (a lone "\uD800").
    /// </summary>
    public static bool TryGetString(JsonElement e, out string value)
    {
        try
        {
            value = e.GetString() ?? "";
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            value = "";
            return false;
        }
    }

    /// <summary><see cref="JsonProperty.Name"/> without its exception (see <see cref="TryGetString"/>).</summary>
    public static bool TryGetName(JsonProperty p, out string name)
    {
        try
        {
            name = p.Name;
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            name = "";
            return false;
        }
    }

    public static bool IsTenantNumber(string? s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0;
}
