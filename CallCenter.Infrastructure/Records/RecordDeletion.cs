using System.Linq.Expressions;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CallCenter.Infrastructure.Records;

/// <summary>The kinds of history §7 lets a caller delete (§7.7 calls, §7.8 recordings, §7.9 queue, §7.10 IVR, §7.14 agent states).</summary>
public enum RecordKind { CallRecords, Recordings, QueueRecords, IvrRecords, AgentStateRecords }

/// <summary>
/// Deletes history records: the one implementation behind the §7 delete interfaces and the console's record pages.
/// Rows are named by record id or by call id (not for agent-state records, which have none), limited to one tenant or
/// none; queue and IVR records go with their steps, a recording with its file (when no other recording names it).
/// </summary>
public sealed class RecordDeletion(IDbContextFactory<CallCenterDbContext> dbFactory, RecordingStore files, ILogger<RecordDeletion> log)
{
    /// <summary>Keys per DELETE statement (SQL Server takes at most 2100 parameters in one).</summary>
    public const int KeysPerStatement = 1000;

    /// <summary>Whether <paramref name="kind"/> can be named by call id.</summary>
    public static bool TakesCallIds(RecordKind kind) => kind != RecordKind.AgentStateRecords;

    /// <summary>
    /// Deletes the rows of <paramref name="kind"/> with one of <paramref name="ids"/> or of the calls
    /// <paramref name="callIds"/>, of <paramref name="tenant"/> only (null = any tenant), in one transaction. Returns how many
    /// went; 0 when none matched (nothing is written then).
    /// </summary>
    public async Task<int> DeleteAsync(RecordKind kind, IReadOnlyCollection<long> ids, IReadOnlyCollection<string> callIds, int? tenant,
        CancellationToken ct = default)
    {
        if (callIds.Count > 0 && !TakesCallIds(kind)) throw new ArgumentException($"{kind} cannot be named by call id.", nameof(callIds));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return kind switch
        {
            RecordKind.CallRecords => await DeleteAsync(db, db.CallRecords, ids, callIds, tenant, c => r => r.CtiCallId == c, null, ct),
            RecordKind.Recordings => await DeleteRecordingsAsync(db, ids, callIds, tenant, ct),
            RecordKind.QueueRecords => await DeleteAsync(db, db.QueueRecords, ids, callIds, tenant, c => r => r.CallId == c,
                keys => db.QueueSteps.Where(s => keys.Contains(s.QueueRecordId)).ExecuteDeleteAsync(ct), ct),
            RecordKind.IvrRecords => await DeleteAsync(db, db.IvrRecords, ids, callIds, tenant, c => r => r.CallId == c,
                keys => db.IvrSteps.Where(s => keys.Contains(s.IvrRecordId)).ExecuteDeleteAsync(ct), ct),
            RecordKind.AgentStateRecords => await DeleteAsync(db, db.AgentStateRecords, ids, callIds, tenant, null, null, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private async Task<int> DeleteRecordingsAsync(CallCenterDbContext db, IReadOnlyCollection<long> ids, IReadOnlyCollection<string> callIds,
        int? tenant, CancellationToken ct)
    {
        var names = new List<string>();
        var deleted = await DeleteAsync(db, db.Recordings, ids, callIds, tenant, c => r => r.CallId == c, async keys =>
        {
            names.AddRange(await db.Recordings.Where(r => keys.Contains(r.Id)).Select(r => r.Filename).Distinct().ToListAsync(ct));
            return 0;
        }, ct);
        // A file goes once no recording names it any more; the rows are gone whatever happens to the files.
        var still = new List<string>();
        foreach (var chunk in names.Distinct().Chunk(KeysPerStatement))
        {
            var some = chunk.ToList();
            still.AddRange(await db.Recordings.Where(r => some.Contains(r.Filename)).Select(r => r.Filename).Distinct().ToListAsync(ct));
        }
        foreach (var name in names.Distinct().Except(still))
            if (!files.Delete(name)) log.LogWarning("Recording file {File} could not be deleted", name);
        return deleted;
    }

    private static async Task<int> DeleteAsync<T>(CallCenterDbContext db, IQueryable<T> set, IReadOnlyCollection<long> ids,
        IReadOnlyCollection<string> callIds, int? tenant, Func<string, Expression<Func<T, bool>>>? ofCall,
        Func<List<long>, Task<int>>? before, CancellationToken ct) where T : CallCenterRecord
    {
        var own = tenant is { } t ? set.Where(r => r.TenantId == t) : set;
        var keys = ids.Count == 0 ? new List<long>() : await own.Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct);
        foreach (var callId in callIds) keys.AddRange(await own.Where(ofCall!(callId)).Select(r => r.Id).ToListAsync(ct));
        keys = keys.Distinct().ToList();
        if (keys.Count == 0) return 0;

        // In chunks: each key is an SQL parameter, and SQL Server takes at most 2100 in one statement.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var deleted = 0;
        foreach (var chunk in keys.Chunk(KeysPerStatement))
        {
            var some = chunk.ToList();
            if (before is not null) await before(some);
            deleted += await set.Where(r => some.Contains(r.Id)).ExecuteDeleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return deleted;
    }
}
