using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace CallCenter.Web.Api;

/// <summary>
/// The programmer's guide's response envelope: <c>{code, message, actionID, data, currentPage, totalCount}</c>, always
/// HTTP 200 for 200/201 as the source shows. Failures the source does not document (no or bad key, another tenant,
/// too many requests, unknown version) keep the envelope and carry the HTTP status as <c>code</c> too.
/// Field-level reasons of a 201 ride in an added <c>errors</c> array (an addition, never a rename).
/// </summary>
public static class ApiEnvelope
{
    public const string SuccessMessage = "success!";
    public const string InvalidMessage = "Please check your parameters";

    public static readonly JsonSerializerOptions Json = new()
    {
        // Chinese text and symbols as themselves, like the source's examples.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    /// <summary>200 with data; paging fields as strings when given (use "" for the real-time endpoints' empty ones).</summary>
    public static IResult Ok(string? actionId, JsonNode? data, string? currentPage = null, string? totalCount = null)
    {
        var body = new JsonObject
        {
            ["code"] = 200,
            ["message"] = SuccessMessage,
            ["actionID"] = actionId,
        };
        if (currentPage is not null) body["currentPage"] = currentPage;
        if (totalCount is not null) body["totalCount"] = totalCount;
        if (data is not null) body["data"] = data;
        return Write(body, StatusCodes.Status200OK);
    }

    /// <summary>200 without data (configuration calls that return the envelope only).</summary>
    public static IResult Done(string? actionId) => Ok(actionId, null);

    /// <summary>201 "Please check your parameters" with the fields that were wrong.</summary>
    public static IResult Invalid(string? actionId, IEnumerable<(string Field, string Reason)> errors)
    {
        var list = new JsonArray();
        foreach (var (field, reason) in errors) list.Add(new JsonObject { ["field"] = field, ["reason"] = reason });
        return Write(new JsonObject
        {
            ["code"] = 201,
            ["actionID"] = actionId,
            ["message"] = InvalidMessage,
            ["errors"] = list,
        }, StatusCodes.Status200OK);
    }

    public static IResult Invalid(string? actionId, string field, string reason) => Invalid(actionId, new[] { (field, reason) });

    /// <summary>An error the source has no code for: HTTP status and <c>code</c> are the same number.</summary>
    public static IResult Error(int status, string? actionId, string message) =>
        Write(new JsonObject { ["code"] = status, ["actionID"] = actionId, ["message"] = message }, status);

    private static IResult Write(JsonObject body, int status) =>
        Results.Text(body.ToJsonString(Json), "application/json; charset=utf-8", statusCode: status);

    /// <summary>The server's local time in the spec's <c>yyyy-MM-dd HH:mm:ss</c> (times are stored in UTC).</summary>
    public static string Time(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss");

    public static string? Time(DateTime? utc) => utc is null ? null : Time(utc.Value);
}
