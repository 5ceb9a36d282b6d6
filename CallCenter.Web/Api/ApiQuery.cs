using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json.Nodes;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Web.Api;

/// <summary>
/// What the history interfaces share: <c>sort</c>/<c>order</c> over a table of response field names, the call-direction
/// filter, id lists, one page in the envelope, and the database.
/// </summary>
internal static class ApiQuery
{
    /// <summary>Response field name → how to order the records by it.</summary>
    internal sealed class Sorts<T> : Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>>
    {
        public Sorts() : base(StringComparer.Ordinal) { }
    }

    internal static IOrderedQueryable<T> By<T, TKey>(IQueryable<T> q, Expression<Func<T, TKey>> key, bool desc) =>
        desc ? q.OrderByDescending(key) : q.OrderBy(key);

    /// <summary>
    /// <c>sort</c> (a response field name) and <c>order</c> (asc/desc, default desc), ties broken by id in the same
    /// direction; without <c>sort</c> the given time field, newest first.
    /// </summary>
    internal static Func<IQueryable<T>, IQueryable<T>> Sorting<T>(ApiRequest req, Sorts<T> sorts, string defaultSort)
        where T : CallCenterRecord
    {
        var sort = req.Text("sort");
        var order = req.OneOf("order", "asc", "desc");
        if (sort is not null && !sorts.ContainsKey(sort))
        {
            req.Fail("sort", $"must be one of {string.Join(", ", sorts.Keys)}");
            sort = null;
        }
        var desc = order != "asc";
        var apply = sorts[sort ?? defaultSort];
        return q =>
        {
            var sorted = apply(q, desc);
            return desc ? sorted.ThenByDescending(r => r.Id) : sorted.ThenBy(r => r.Id);
        };
    }

    /// <summary>Counts the matching records, takes one page in order and answers it with the paging fields.</summary>
    internal static async Task<IResult> PageAsync<T>(ApiRequest req, IQueryable<T> matching, Func<IQueryable<T>, IQueryable<T>> order,
        (int Page, int Size) paging, Func<T, JsonObject> row, CancellationToken ct)
    {
        var total = await matching.CountAsync(ct);
        var rows = await order(matching).Skip((paging.Page - 1) * paging.Size).Take(paging.Size).ToListAsync(ct);
        return ApiEnvelope.Ok(req.ActionId, new JsonArray(rows.Select(r => (JsonNode)row(r)).ToArray()), Str(paging.Page), Str(total));
    }

    /// <summary>The call-direction filter: 1, 2, 3, or 4 = inbound and outbound; null when absent.</summary>
    internal static int[]? CallTypes(ApiRequest req, string field) => req.OneOf(field, "1", "2", "3", "4") switch
    {
        "1" => new[] { 1 },
        "2" => new[] { 2 },
        "3" => new[] { 3 },
        "4" => new[] { 2, 3 },
        _ => null,
    };

    /// <summary>ACD numbers as stored (10001_8000): a bare code gets the tenant's prefix.</summary>
    internal static List<string> QueueNumbers(int tenant, List<string> queues) =>
        queues.Select(x => x.Contains('_') ? x : $"{tenant}_{x}").ToList();

    internal static long? Long(this ApiRequest req, string field)
    {
        var value = req.Text(field);
        if (value is null) return null;
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        req.Fail(field, "must be a whole number");
        return null;
    }

    internal static List<long> Longs(this ApiRequest req, string field)
    {
        var list = new List<long>();
        foreach (var token in req.List(field))
        {
            if (!long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                req.Fail(field, "must be ids, comma-separated");
                return new List<long>();
            }
            list.Add(n);
        }
        return list;
    }

    internal static Task<CallCenterDbContext> Db(IServiceProvider sp, CancellationToken ct) =>
        sp.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);

    internal static string Str(long n) => n.ToString(CultureInfo.InvariantCulture);
}
