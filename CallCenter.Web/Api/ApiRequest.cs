using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CallCenter.Web.Api;

/// <summary>
/// One request body, read tolerantly: every documented field is a String, but numbers and booleans are accepted too.
/// Accessors record what is missing or malformed; <see cref="Valid"/> tells whether to answer 201.
/// </summary>
public sealed class ApiRequest
{
    private readonly JsonObject _body;
    private readonly List<(string Field, string Reason)> _errors = new();

    private ApiRequest(JsonObject body) => _body = body;

    public string? ActionId => Text("actionID");
    public IReadOnlyList<(string Field, string Reason)> Errors => _errors;
    public bool Valid => _errors.Count == 0;
    public ApiCallerContext Caller { get; private set; } = default!;

    /// <summary>Largest body accepted; larger ones are refused without being read.</summary>
    public const int MaxBodyBytes = 1_048_576;

    /// <summary>JSON that names a property twice is not accepted (the body, and JSON nested in a string field).</summary>
    public static readonly JsonDocumentOptions NoDuplicates = new() { AllowDuplicateProperties = false };

    /// <summary>Parses the body. A body that is not a JSON object yields a request whose only error says so.</summary>
    public static async Task<ApiRequest> ReadAsync(HttpContext http)
    {
        JsonObject? body = null;
        string? problem = null;
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            problem = $"the body is larger than {MaxBodyBytes} bytes";
        }
        else
        {
            try
            {
                // A field named twice is refused here: JsonObject would otherwise throw on first read (a 500).
                var node = await JsonNode.ParseAsync(http.Request.Body, documentOptions: NoDuplicates, cancellationToken: http.RequestAborted);
                body = node as JsonObject;
                if (body is null) problem = "the body must be a JSON object";
            }
            catch (JsonException)
            {
                problem = "the body is not valid JSON (or names a field twice)";
            }
        }
        var request = new ApiRequest(body ?? new JsonObject()) { Caller = ApiCallerContext.From(http) };
        if (problem is not null) request._errors.Add(("body", problem));
        return request;
    }

    public ApiRequest Fail(string field, string reason)
    {
        _errors.Add((field, reason));
        return this;
    }

    /// <summary>The field as text (strings as they are, numbers and booleans in invariant form); null when absent, null or empty.</summary>
    public string? Text(string field)
    {
        if (!_body.TryGetPropertyValue(field, out var node) || node is null) return null;
        if (node is JsonValue v)
        {
            var kind = v.GetValueKind();
            var s = kind switch
            {
                JsonValueKind.String => v.GetValue<string>(),
                JsonValueKind.Number => v.ToJsonString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
            return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        }
        return null;
    }

    /// <summary>The first of several spellings that is present (the source spells some fields two ways).</summary>
    public string? Text(params string[] spellings) => spellings.Select(Text).FirstOrDefault(s => s is not null);

    public bool Has(string field) => _body.ContainsKey(field);

    /// <summary>The field as sent (an object or array where the source nests JSON); null when absent or null.</summary>
    public JsonNode? Node(string field) => _body.TryGetPropertyValue(field, out var node) ? node : null;

    public string? Required(string field, int maxLength = 200)
    {
        var value = Text(field);
        if (value is null) Fail(field, "required");
        else if (value.Length > maxLength) { Fail(field, $"at most {maxLength} characters"); return null; }
        return value;
    }

    public string? Optional(string field, int maxLength = 200)
    {
        var value = Text(field);
        if (value is not null && value.Length > maxLength) { Fail(field, $"at most {maxLength} characters"); return null; }
        return value;
    }

    /// <summary>An optional integer field; absent → null; malformed or out of range → error.</summary>
    public int? Int(string field, int min = int.MinValue, int max = int.MaxValue)
    {
        var value = Text(field);
        if (value is null) return null;
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) { Fail(field, "must be a whole number"); return null; }
        if (n < min || n > max) { Fail(field, $"must be between {min} and {max}"); return null; }
        return n;
    }

    public int? RequiredInt(string field, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Text(field) is null) { Fail(field, "required"); return null; }
        return Int(field, min, max);
    }

    /// <summary>One of the listed values, or null when absent.</summary>
    public string? OneOf(string field, params string[] allowed)
    {
        var value = Text(field);
        if (value is not null && !allowed.Contains(value)) { Fail(field, $"must be one of {string.Join(", ", allowed)}"); return null; }
        return value;
    }

    /// <summary>The most values a comma list may hold (each becomes an SQL parameter: SQL Server takes 2100 per statement).</summary>
    public const int MaxListItems = 1000;

    /// <summary>Comma-separated values (empty entries dropped); more than <see cref="MaxListItems"/> is the field's error (empty list).</summary>
    public List<string> List(string field)
    {
        var list = Text(field)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? new();
        if (list.Count <= MaxListItems) return list;
        if (!_errors.Any(e => e.Field == field)) Fail(field, $"at most {MaxListItems} values, comma-separated");
        return new();
    }

    /// <summary>A <c>yyyy-MM-dd HH:mm:ss</c> server-local time, returned as UTC; absent → null.</summary>
    public DateTime? Time(string field)
    {
        var value = Text(field);
        if (value is null) return null;
        if (!DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var t))
        {
            Fail(field, "must be yyyy-MM-dd HH:mm:ss");
            return null;
        }
        return t.ToUniversalTime();
    }

    /// <summary>Paging: 1-based page (default 1) and size (default 10, at most 1000).</summary>
    public (int Page, int Size) Paging()
    {
        var page = Int("currentPage", 1, 1_000_000) ?? 1;
        var size = Int("pageSize", 1, 1000) ?? 10;
        return (page, size);
    }

    /// <summary>
    /// The tenant of the request (<c>tenantId</c>), checked against the key: a tenant key may name only its own tenant
    /// (and it is assumed when the field is absent and not required). Records the error and returns null otherwise.
    /// </summary>
    public int? Tenant(bool required = true)
    {
        var text = Text("tenantId");
        if (text is null)
        {
            if (Caller.TenantId is int own && !required) return own;
            if (required) Fail("tenantId", "required");
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var tenant))
        {
            Fail("tenantId", "must be a tenant number such as 10001");
            return null;
        }
        if (!Caller.Scope.Allows(tenant)) Caller.ForbiddenTenant = tenant;
        return tenant;
    }
}
