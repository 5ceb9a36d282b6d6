using CallCenter.Domain.Acds;
using CallCenter.Domain.Common;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Acds;

public sealed record AcdListQuery : ListQuery
{
    public AcdListQuery() { }
    public AcdListQuery(ListQuery paging) : base(paging) { }
    public RoutingStrategy? Strategy { get; init; }
}

public sealed record AcdRow(
    int Id, int TenantId, string Code, string Name, string? Description, RoutingStrategy Strategy, string? OutboundNumber,
    int RingTimeout, int MaxWaitTimeWithNoAgent, OverflowAction OverflowAction, string? OverflowTarget, int MemberCount,
    DateTime CreatedTime)
{
    /// <summary>Full ACD number, e.g. 10001_8000.</summary>
    public string QueueName => Dn.Of(TenantId, Code);

    /// <summary>Name of the overflow ACD or IVR flow, filled in after the query.</summary>
    public string? OverflowTargetName { get; init; }

    /// <summary>The overflow as one line, e.g. "Transfer to ACD 10001_8001 (Sales)".</summary>
    public string OverflowText => AcdOverflow.Describe(OverflowAction, OverflowTarget, OverflowTargetName);
}

/// <summary>One member of an ACD as exported: agent number and priority.</summary>
public sealed record AcdMemberRow(int AgentId, string AgentDn, string AgentName, int Priority);

/// <summary>An ACD row with its members (Excel export).</summary>
public sealed record AcdExportRow(AcdRow Acd, IReadOnlyList<AcdMemberRow> Members)
{
    /// <summary>"10001_1000 (1), 10001_1001 (2)": agent number and priority, highest priority first.</summary>
    public string MembersText => string.Join(", ", Members.Select(m => $"{m.AgentDn} ({m.Priority})"));
}

public static class AcdOverflow
{
    public static string Label(OverflowAction action) => action switch
    {
        OverflowAction.TransferToAcd => "Transfer to ACD",
        OverflowAction.TransferToIvr => "Transfer to IVR",
        OverflowAction.TransferToNumber => "Transfer to number",
        OverflowAction.ToVoicemail => "To voicemail",
        _ => "Hang up",
    };

    public static string Describe(OverflowAction action, string? target, string? targetName = null) => action switch
    {
        OverflowAction.Hangup => "Hang up",
        OverflowAction.TransferToIvr => $"IVR {target}{(targetName is null ? "" : $" ({targetName})")}",
        OverflowAction.TransferToAcd => $"ACD {target}{(targetName is null ? "" : $" ({targetName})")}",
        OverflowAction.ToVoicemail => $"Voicemail of {target}",
        _ => $"Number {target}",
    };
}

/// <summary>
/// ACDs (queues): list, read, create, update (members replaced as a set), delete (refused while another ACD overflows
/// to it; memberships go with the ACD). Also the agent / ACD / IVR choices the ACD dialog offers.
/// </summary>
public sealed class AcdService(IDbContextFactory<CallCenterDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Page<AcdRow>> ListAsync(AcdListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var page = await Filter(db, q, scope).ToPageAsync(q, ct);
        return page with { Items = await WithTargetNamesAsync(db, page.Items, ct) };
    }

    /// <summary>Every matching ACD with its members (for Excel export), in list order.</summary>
    public async Task<List<AcdExportRow>> ExportAsync(AcdListQuery q, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await WithTargetNamesAsync(db, await Filter(db, q, scope).ToListAsync(ct), ct);
        var ids = rows.Select(r => r.Id).ToList();
        var members = await (from m in db.AcdMembers.AsNoTracking()
                             join a in db.Agents.AsNoTracking() on m.AgentId equals a.Id
                             where ids.Contains(m.AcdId)
                             select new { m.AcdId, m.AgentId, a.TenantId, a.Code, a.NameCn, m.Priority }).ToListAsync(ct);
        var byAcd = members.ToLookup(m => m.AcdId);
        return rows.Select(r => new AcdExportRow(r, byAcd[r.Id]
            .OrderBy(m => m.Priority).ThenBy(m => m.Code, StringComparer.Ordinal)
            .Select(m => new AcdMemberRow(m.AgentId, Dn.Of(m.TenantId, m.Code), m.NameCn, m.Priority)).ToList())).ToList();
    }

    private static IQueryable<AcdRow> Filter(CallCenterDbContext db, AcdListQuery q, TenantScope scope)
    {
        var acds = db.Acds.AsNoTracking();
        var only = scope.Narrow(q.TenantId);
        if (only is not null) acds = acds.Where(a => a.TenantId == only);
        if (q.Strategy is not null) acds = acds.Where(a => a.Strategy == q.Strategy);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var search = q.Search.Trim();
            var like = QueryableExtensions.LikePattern(search);
            // "10001_80" / "10001_8000": the tenant part exactly, the code part as a prefix.
            var sep = search.IndexOf('_');
            var dnTenant = sep > 0 && int.TryParse(search.AsSpan(0, sep), System.Globalization.NumberStyles.None, null, out var t) ? t : -1;
            var dnCode = dnTenant >= 0 ? QueryableExtensions.LikePattern(search[(sep + 1)..])[1..] : "";
            acds = acds.Where(a => EF.Functions.Like(a.Code, like, "\\") || EF.Functions.Like(a.Name, like, "\\")
                                   || (a.TenantId == dnTenant && EF.Functions.Like(a.Code, dnCode, "\\")));
        }
        IOrderedQueryable<Acd> sorted = q.SortBy switch
        {
            "Name" => q.Descending ? acds.OrderByDescending(a => a.Name) : acds.OrderBy(a => a.Name),
            "RingTimeout" => q.Descending ? acds.OrderByDescending(a => a.RingTimeout) : acds.OrderBy(a => a.RingTimeout),
            "MaxWaitTimeWithNoAgent" => q.Descending
                ? acds.OrderByDescending(a => a.MaxWaitTimeWithNoAgent) : acds.OrderBy(a => a.MaxWaitTimeWithNoAgent),
            "MemberCount" => q.Descending ? acds.OrderByDescending(a => a.Members.Count) : acds.OrderBy(a => a.Members.Count),
            "CreatedTime" => q.Descending ? acds.OrderByDescending(a => a.CreatedTime) : acds.OrderBy(a => a.CreatedTime),
            _ => q.Descending ? acds.OrderByDescending(a => a.TenantId).ThenByDescending(a => a.Code)
                              : acds.OrderBy(a => a.TenantId).ThenBy(a => a.Code),
        };
        // ThenBy Id: a stable order across pages when the sort key ties.
        return sorted.ThenBy(a => a.Id).Select(a => new AcdRow(a.Id, a.TenantId, a.Code, a.Name, a.Description, a.Strategy, a.OutboundNumber,
            a.RingTimeout, a.MaxWaitTimeWithNoAgent, a.OverflowAction, a.OverflowTarget, a.Members.Count, a.CreatedTime));
    }

    /// <summary>Adds the names of overflow ACDs and IVR flows, for display.</summary>
    private static async Task<List<AcdRow>> WithTargetNamesAsync(CallCenterDbContext db, IReadOnlyList<AcdRow> rows, CancellationToken ct)
    {
        var tenants = rows.Where(r => r.OverflowAction is OverflowAction.TransferToAcd or OverflowAction.TransferToIvr)
            .Select(r => r.TenantId).Distinct().ToList();
        if (tenants.Count == 0) return rows.ToList();
        var acdNames = (await db.Acds.AsNoTracking().Where(a => tenants.Contains(a.TenantId))
                .Select(a => new { a.TenantId, a.Code, a.Name }).ToListAsync(ct))
            .ToDictionary(a => Dn.Of(a.TenantId, a.Code), a => a.Name);
        var ivrNames = (await db.IvrFlows.AsNoTracking().Where(f => tenants.Contains(f.TenantId))
                .Select(f => new { f.Id, f.TenantId, f.Name }).ToListAsync(ct))
            .ToDictionary(f => (f.TenantId, f.Id.ToString()), f => f.Name);
        return rows.Select(r => r.OverflowAction switch
        {
            OverflowAction.TransferToAcd when r.OverflowTarget is { } t && acdNames.TryGetValue(t, out var n) => r with { OverflowTargetName = n },
            OverflowAction.TransferToIvr when r.OverflowTarget is { } t && ivrNames.TryGetValue((r.TenantId, t), out var n) => r with { OverflowTargetName = n },
            _ => r,
        }).ToList();
    }

    /// <summary>The tenant's agents, for the member picker: id, agent number and name, by code (digits: shorter first).</summary>
    public async Task<List<(int Id, string Dn, string NameCn)>> AgentChoicesAsync(int tenantId, TenantScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(tenantId)) return new();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Agents.AsNoTracking().Where(a => a.TenantId == tenantId).OrderBy(a => a.Code.Length).ThenBy(a => a.Code)
            .Select(a => new { a.Id, a.TenantId, a.Code, a.NameCn }).ToListAsync(ct);
        return rows.Select(r => (r.Id, Dn.Of(r.TenantId, r.Code), r.NameCn)).ToList();
    }

    /// <summary>The tenant's ACDs other than <paramref name="exceptId"/>, for the overflow target picker, by code (shorter first).</summary>
    public async Task<List<(string QueueName, string Name)>> AcdChoicesAsync(int tenantId, int? exceptId, TenantScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(tenantId)) return new();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Acds.AsNoTracking().Where(a => a.TenantId == tenantId && a.Id != exceptId).OrderBy(a => a.Code.Length).ThenBy(a => a.Code)
            .Select(a => new { a.TenantId, a.Code, a.Name }).ToListAsync(ct);
        return rows.Select(r => (Dn.Of(r.TenantId, r.Code), r.Name)).ToList();
    }

    /// <summary>The tenant's IVR flows, for the overflow target picker (the target stores the id as text).</summary>
    public async Task<List<(int Id, string Name)>> IvrChoicesAsync(int tenantId, TenantScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(tenantId)) return new();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.IvrFlows.AsNoTracking().Where(f => f.TenantId == tenantId).OrderBy(f => f.Name)
            .Select(f => new { f.Id, f.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    /// <summary>The ACD with its members; null when missing or outside the scope.</summary>
    public async Task<Acd?> GetAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var acd = await db.Acds.AsNoTracking().Include(a => a.Members).FirstOrDefaultAsync(a => a.Id == id, ct);
        return acd is not null && scope.Allows(acd.TenantId) ? acd : null;
    }

    public async Task<Result> CreateAsync(Acd input, TenantScope scope, CancellationToken ct = default)
    {
        if (input.TenantId <= 0) return Result.Invalid(nameof(Acd.TenantId), "Choose a tenant.");
        if (!scope.Allows(input.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var errors = Validate(input);
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == input.TenantId, ct))
            return Result.Invalid(nameof(Acd.TenantId), $"Tenant {input.TenantId} does not exist.");
        var code = input.Code.Trim();
        (string Field, string Message) duplicate = (nameof(Acd.Code), $"ACD {Dn.Of(input.TenantId, code)} already exists.");
        if (await db.Acds.AnyAsync(a => a.TenantId == input.TenantId && a.Code == code, ct))
            return Result.Invalid(duplicate.Field, duplicate.Message);
        var refs = await CheckReferencesAsync(db, input, ct);
        if (!refs.Succeeded) return refs;
        var acd = new Acd { TenantId = input.TenantId, Code = code, CreatedTime = clock.GetUtcNow().UtcDateTime };
        CopyEditable(input, acd);
        acd.Members = input.Members.Select(m => new AcdMember { AgentId = m.AgentId, Priority = m.Priority }).ToList();
        db.Acds.Add(acd);
        return await db.SaveUniqueAsync(ct, duplicate);
    }

    public async Task<Result> UpdateAsync(Acd input, TenantScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(input.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var errors = Validate(input);
        if (errors.Count > 0) return Result.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var acd = await db.Acds.Include(a => a.Members).FirstOrDefaultAsync(a => a.Id == input.Id, ct);
        if (acd is null || !scope.Allows(acd.TenantId)) return Result.Refused($"ACD {input.QueueName} no longer exists.");
        if (acd.TenantId != input.TenantId || acd.Code != input.Code.Trim())
            return Result.Refused($"The tenant and code of ACD {acd.QueueName} cannot be changed; create a new ACD instead.");
        var refs = await CheckReferencesAsync(db, input, ct);
        if (!refs.Succeeded) return refs;
        CopyEditable(input, acd);

        // Replace the member set: drop the ones no longer listed, update priorities, add the new ones.
        var wanted = input.Members.ToDictionary(m => m.AgentId, m => m.Priority);
        foreach (var gone in acd.Members.Where(m => !wanted.ContainsKey(m.AgentId)).ToList()) acd.Members.Remove(gone);
        foreach (var kept in acd.Members) kept.Priority = wanted[kept.AgentId];
        var have = acd.Members.Select(m => m.AgentId).ToHashSet();
        foreach (var (agentId, priority) in wanted.Where(w => !have.Contains(w.Key)))
            acd.Members.Add(new AcdMember { AcdId = acd.Id, AgentId = agentId, Priority = priority });
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> DeleteAsync(int id, TenantScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var acd = await db.Acds.Include(a => a.Members).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (acd is null) return Result.Refused($"ACD {id} no longer exists.");
        if (!scope.Allows(acd.TenantId)) return Result.Refused(TenantScope.OutOfScope);
        var queueName = acd.QueueName;
        var overflowing = await db.Acds.AsNoTracking()
            .Where(a => a.TenantId == acd.TenantId && a.Id != id && a.OverflowAction == OverflowAction.TransferToAcd && a.OverflowTarget == queueName)
            .OrderBy(a => a.Code).Select(a => a.Code).ToListAsync(ct);
        if (overflowing.Count > 0)
        {
            var who = string.Join(", ", overflowing.Select(c => $"ACD {Dn.Of(acd.TenantId, c)}"));
            return Result.Refused($"ACD {queueName} cannot be deleted: {who} {(overflowing.Count == 1 ? "overflows" : "overflow")} to it. Change that overflow first.");
        }
        // Memberships are removed with the ACD (cascade); the agents stay.
        db.Acds.Remove(acd);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>The entity's own rules plus the overflow number format.</summary>
    private static IReadOnlyList<FieldError> Validate(Acd input)
    {
        var errors = input.Validate().ToList();
        if (input.OverflowAction == OverflowAction.TransferToNumber && input.OverflowTarget is { Length: > 0 } number
            && (number.Trim().Length > 20 || !number.Trim().All(c => char.IsAsciiDigit(c) || c == '+')))
            errors.Add(new FieldError(nameof(Acd.OverflowTarget), "Overflow number must be up to 20 digits (an optional leading +)."));
        if (input.OverflowAction == OverflowAction.TransferToIvr && input.OverflowTarget is { Length: > 0 } ivr
            && !int.TryParse(ivr.Trim(), System.Globalization.NumberStyles.None, null, out _))
            errors.Add(new FieldError(nameof(Acd.OverflowTarget), "Overflow IVR must be an IVR flow id."));
        return errors;
    }

    /// <summary>Overflow target and member agents must exist in the ACD's tenant.</summary>
    private static async Task<Result> CheckReferencesAsync(CallCenterDbContext db, Acd input, CancellationToken ct)
    {
        var target = input.OverflowTarget?.Trim();
        switch (input.OverflowAction)
        {
            case OverflowAction.TransferToAcd:
                Dn.TryParse(target, out _, out var code);
                if (!await db.Acds.AnyAsync(a => a.TenantId == input.TenantId && a.Code == code && a.Id != input.Id, ct))
                    return Result.Invalid(nameof(Acd.OverflowTarget), $"ACD {target} does not exist in tenant {input.TenantId}.");
                break;
            case OverflowAction.TransferToIvr:
                var ivrId = int.Parse(target!);
                if (!await db.IvrFlows.AnyAsync(f => f.Id == ivrId && f.TenantId == input.TenantId, ct))
                    return Result.Invalid(nameof(Acd.OverflowTarget), $"IVR flow {ivrId} does not exist in tenant {input.TenantId}.");
                break;
            case OverflowAction.ToVoicemail:
                Dn.TryParse(target, out _, out var boxCode);
                if (!await db.Agents.AnyAsync(a => a.TenantId == input.TenantId && a.Code == boxCode, ct))
                    return Result.Invalid(nameof(Acd.OverflowTarget), $"Agent {target} does not exist in tenant {input.TenantId}.");
                break;
        }
        if (input.SatisfactionIvrId is int survey
            && !await db.IvrFlows.AnyAsync(f => f.Id == survey && f.TenantId == input.TenantId, ct))
            return Result.Invalid(nameof(Acd.SatisfactionIvrId), $"IVR flow {survey} does not exist in tenant {input.TenantId}.");

        var agentIds = input.Members.Select(m => m.AgentId).Distinct().ToList();
        if (agentIds.Count > 0)
        {
            var found = await db.Agents.AsNoTracking().Where(a => agentIds.Contains(a.Id) && a.TenantId == input.TenantId)
                .Select(a => a.Id).ToListAsync(ct);
            var missing = agentIds.Except(found).ToList();
            if (missing.Count > 0)
                return Result.Invalid(nameof(Acd.Members),
                    $"{(missing.Count == 1 ? "1 selected agent does" : $"{missing.Count} selected agents do")} not belong to tenant {input.TenantId} (or no longer exist{(missing.Count == 1 ? "s" : "")}).");
        }
        return Result.Ok();
    }

    private static void CopyEditable(Acd from, Acd to)
    {
        to.Name = from.Name.Trim();
        to.Description = string.IsNullOrWhiteSpace(from.Description) ? null : from.Description.Trim();
        to.Strategy = from.Strategy;
        to.OutboundNumber = string.IsNullOrWhiteSpace(from.OutboundNumber) ? null : from.OutboundNumber.Trim();
        to.RingTimeout = from.RingTimeout;
        to.MaxWaitTimeWithNoAgent = from.MaxWaitTimeWithNoAgent;
        to.ServiceLevelSeconds = from.ServiceLevelSeconds;
        to.OverflowAction = from.OverflowAction;
        to.OverflowTarget = from.OverflowAction == OverflowAction.Hangup || string.IsNullOrWhiteSpace(from.OverflowTarget)
            ? null : from.OverflowTarget.Trim();
        to.SatisfactionIvrId = from.SatisfactionIvrId;
        to.Bound = from.Bound;
    }
}
