using CallCenter.Domain.Common;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Records;

/// <summary>The voicemail list's filters on top of paging, search (caller or mailbox) and tenant.</summary>
public sealed record VoicemailListQuery : ListQuery
{
    public VoicemailListQuery() { }
    public VoicemailListQuery(ListQuery paging) : base(paging) { }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>Mailbox owner, exact (e.g. 10001_1000).</summary>
    public string? Mailbox { get; init; }
}

public sealed record VoicemailRow(long Id, int TenantId, DateTime CreateTime, string CallId, string CidNumber, string? UserName,
    string FilePath, int Duration, string? Queue);

/// <summary>A message's file on disk and the name to offer it under.</summary>
public sealed record VoicemailFile(string FullPath, string DownloadName);

/// <summary>
/// Reads the voicemail messages the engine records (<see cref="VoicemailRecord"/>) and finds their files under the
/// voicemail folder (<see cref="EngineOptions.VoicemailFolder"/>), never outside it.
/// </summary>
public sealed class VoicemailService(IDbContextFactory<CallCenterDbContext> dbFactory, EngineOptions engine)
    : RecordListService<VoicemailListQuery, VoicemailRow>(dbFactory)
{
    protected override IQueryable<VoicemailRow> Query(CallCenterDbContext db, VoicemailListQuery q, TenantScope scope) => Filter(db, q, scope);

    /// <summary>The message's file; null when the message is unknown, out of scope, or its file is missing.</summary>
    public async Task<VoicemailFile?> FileAsync(long id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var row = await db.VoicemailMessages.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.TenantId, r.FilePath }).FirstOrDefaultAsync(ct);
        if (row is null || !scope.Allows(row.TenantId) || string.IsNullOrWhiteSpace(row.FilePath)) return null;
        var root = Path.GetFullPath(engine.VoicemailFolder);
        var full = Path.GetFullPath(Path.Combine(root, row.FilePath));
        var inside = full.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside && File.Exists(full) ? new VoicemailFile(full, Path.GetFileName(full)) : null;
    }

    private static IQueryable<VoicemailRow> Filter(CallCenterDbContext db, VoicemailListQuery q, TenantScope scope)
    {
        var rows = db.VoicemailMessages.AsNoTracking();
        if (scope.Narrow(q.TenantId) is int only) rows = rows.Where(r => r.TenantId == only);
        var (fromUtc, toUtc) = CallRecordService.UtcRange(q.From, q.To);
        if (fromUtc is { } start) rows = rows.Where(r => r.CreateTime >= start);
        if (toUtc is { } end) rows = rows.Where(r => r.CreateTime < end);
        if (!string.IsNullOrWhiteSpace(q.Mailbox))
        {
            var box = q.Mailbox.Trim();
            rows = rows.Where(r => r.UserName == box);
        }
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var like = QueryableExtensions.LikePattern(q.Search);
            rows = rows.Where(r => EF.Functions.Like(r.CidNumber, like, "\\") || EF.Functions.Like(r.UserName ?? "", like, "\\"));
        }
        rows = q.SortBy switch
        {
            "CreateTime" when !q.Descending => rows.OrderBy(r => r.CreateTime).ThenBy(r => r.Id),
            "Duration" => q.Descending ? rows.OrderByDescending(r => r.Duration).ThenByDescending(r => r.Id) : rows.OrderBy(r => r.Duration).ThenBy(r => r.Id),
            _ => rows.OrderByDescending(r => r.CreateTime).ThenByDescending(r => r.Id),
        };
        return rows.Select(r => new VoicemailRow(r.Id, r.TenantId, r.CreateTime, r.CallId, r.CidNumber, r.UserName, r.FilePath, r.Duration, r.Queue));
    }
}
