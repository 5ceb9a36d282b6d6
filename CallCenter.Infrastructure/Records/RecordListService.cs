using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using CallCenter.Domain.Common;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Records;

/// <summary>The filters every history list has on top of paging, search and tenant: a local-day window and an agent.</summary>
public abstract record RecordListQuery : ListQuery
{
    protected RecordListQuery() { }
    protected RecordListQuery(ListQuery paging) : base(paging) { }
    /// <summary>First local day (inclusive) of the record's time.</summary>
    public DateOnly? From { get; init; }
    /// <summary>Last local day (inclusive) of the record's time.</summary>
    public DateOnly? To { get; init; }
    /// <summary>Agent DN, exact (e.g. 10001_1000).</summary>
    public string? Agent { get; init; }
}

/// <summary>
/// A history list as the console reads it: one page (<see cref="ListAsync"/>), the count, and every matching row in list
/// order streamed from one data reader for Excel export (<see cref="ExportAsync"/>). A subclass says which rows match.
/// </summary>
public abstract class RecordListService<TQuery, TRow>(IDbContextFactory<CallCenterDbContext> dbFactory) where TQuery : ListQuery
{
    protected IDbContextFactory<CallCenterDbContext> DbFactory => dbFactory;

    /// <summary>The rows matching <paramref name="q"/> within <paramref name="scope"/>, sorted (ties broken by id).</summary>
    protected abstract IQueryable<TRow> Query(CallCenterDbContext db, TQuery q, TenantScope scope);

    /// <summary>A finishing touch on each row once read (e.g. a text looked up elsewhere); null for none.</summary>
    protected virtual Task<Func<TRow, TRow>?> FinisherAsync(CallCenterDbContext db, TQuery q, TenantScope scope, CancellationToken ct) =>
        Task.FromResult<Func<TRow, TRow>?>(null);

    public async Task<Page<TRow>> ListAsync(TQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var page = await Query(db, q, scope).ToPageAsync(q, ct);
        return await FinisherAsync(db, q, scope, ct) is { } finish ? page with { Items = page.Items.Select(finish).ToList() } : page;
    }

    public async Task<int> CountAsync(TQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Query(db, q, scope).CountAsync(ct);
    }

    /// <summary>
    /// Every matching row in list order, streamed: rows are read as the consumer enumerates, never all held at once. The
    /// context is opened when the enumeration starts and lives as long as it, so the sequence may be enumerated after the
    /// request that made it has ended (an export job).
    /// </summary>
    public async IAsyncEnumerable<TRow> ExportAsync(TQuery q, TenantScope scope, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var finish = await FinisherAsync(db, q, scope, ct);
        await foreach (var row in Query(db, q, scope).AsAsyncEnumerable().WithCancellation(ct))
            yield return finish is null ? row : finish(row);
    }

    /// <summary>The records of the tenant the caller may see and asked for (all it may see when it asked for none).</summary>
    protected static IQueryable<T> InScope<T>(IQueryable<T> records, TenantScope scope, int? requested) where T : CallCenterRecord =>
        scope.Narrow(requested) is { } only ? records.Where(r => r.TenantId == only) : records;

    /// <summary>Sorted by <paramref name="key"/>, ties broken by id in the same direction (stable paging).</summary>
    protected static IQueryable<T> Order<T, TKey>(IQueryable<T> records, Expression<Func<T, TKey>> key, bool descending)
        where T : CallCenterRecord =>
        descending ? records.OrderByDescending(key).ThenByDescending(r => r.Id) : records.OrderBy(key).ThenBy(r => r.Id);

    /// <summary>Records whose time falls on the local days [from, to] of the query.</summary>
    protected static IQueryable<T> Between<T>(IQueryable<T> records, Expression<Func<T, DateTime>> time, RecordListQuery q)
    {
        var (fromUtc, toUtc) = CallRecordService.UtcRange(q.From, q.To);
        if (fromUtc is { } start) records = records.Where(Compare(time, Expression.GreaterThanOrEqual, () => start));
        if (toUtc is { } end) records = records.Where(Compare(time, Expression.LessThan, () => end));
        return records;
    }

    // The bound is a captured variable, so EF sends it as a parameter (one cached plan for every window).
    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, DateTime>> time,
        Func<Expression, Expression, BinaryExpression> op, Expression<Func<DateTime>> bound) =>
        Expression.Lambda<Func<T, bool>>(op(time.Body, bound.Body), time.Parameters);

    /// <summary>The LIKE pattern of the query's search, or null when there is none.</summary>
    protected static string? Like(ListQuery q) =>
        string.IsNullOrWhiteSpace(q.Search) ? null : QueryableExtensions.LikePattern(q.Search);

    /// <summary>The query's agent filter, trimmed, or null.</summary>
    protected static string? AgentOf(RecordListQuery q) => string.IsNullOrWhiteSpace(q.Agent) ? null : q.Agent.Trim();
}
