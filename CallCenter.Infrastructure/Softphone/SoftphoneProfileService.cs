using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Common;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Softphone;

/// <summary>
/// The agent a console user works as (<c>ApplicationUser.AgentId</c>): what the agent socket needs to authorise a login
/// and what the softphone page needs to start.
/// </summary>
public sealed record AgentLink(int AgentId, int TenantId, string Dn, string Code, string NameCn, bool Enabled, string? Extension,
    IReadOnlyList<string> Queues);

/// <summary>A busy reason an agent may pick, with its colour: the client-settable built-ins and the tenant's custom ones.</summary>
public sealed record ReasonChoice(int Code, string Text, string Color, bool BuiltIn);

public sealed record RestChoice(int Id, string Name, int Seconds);

public sealed record NamedTarget(string Number, string Name);

/// <summary>Everything the softphone page shows besides what the agent protocol tells it.</summary>
public sealed record SoftphoneProfile(
    AgentLink Agent,
    string TenantName,
    IReadOnlyList<ReasonChoice> NotReadyReasons,
    IReadOnlyList<ReasonChoice> AllReasons,
    IReadOnlyList<RestChoice> RestTemplates,
    IReadOnlyList<NamedTarget> Acds,
    IReadOnlyList<NamedTarget> IvrFlows,
    IReadOnlyList<NamedTarget> Agents);

/// <summary>Reads the link from a console user to its agent, and the softphone page's profile.</summary>
public sealed class SoftphoneProfileService(IDbContextFactory<CallCenterDbContext> dbFactory)
{
    /// <summary>Busy reasons a client may set with 102 (1, 6, 7, 8 describe calls and are set by the engine).</summary>
    public static readonly IReadOnlyList<int> ClientReasons =
        [AgentStateCatalog.BusyOther, AgentStateCatalog.Away, AgentStateCatalog.WrapUp, AgentStateCatalog.DeviceUnavailable];

    /// <summary>The agent linked to the user, or null when the user has none (or it no longer exists).</summary>
    public async Task<AgentLink?> LinkOfUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agentId = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.AgentId).FirstOrDefaultAsync(ct);
        return agentId is int id ? await LinkAsync(db, id, ct) : null;
    }

    private static async Task<AgentLink?> LinkAsync(CallCenterDbContext db, int agentId, CancellationToken ct)
    {
        var agent = await db.Agents.AsNoTracking().Where(a => a.Id == agentId)
            .Select(a => new
            {
                a.Id, a.TenantId, a.Code, a.NameCn, a.Status,
                Extension = db.Extensions.Where(e => e.Id == a.ExtensionId).Select(e => e.Number).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (agent is null) return null;
        var queues = await db.AcdMembers.AsNoTracking().Where(m => m.AgentId == agentId)
            .Join(db.Acds, m => m.AcdId, q => q.Id, (m, q) => new { q.TenantId, q.Code, m.Priority })
            .ToListAsync(ct);
        return new AgentLink(agent.Id, agent.TenantId, Dn.Of(agent.TenantId, agent.Code), agent.Code, agent.NameCn,
            agent.Status == AccountStatus.Enabled, agent.Extension,
            queues.OrderBy(q => q.Priority).ThenBy(q => q.Code, StringComparer.Ordinal).Select(q => Dn.Of(q.TenantId, q.Code)).ToList());
    }

    /// <summary>The page's profile for the user's agent, or null when the user is not linked to an agent.</summary>
    public async Task<SoftphoneProfile?> ProfileOfUserAsync(string userId, CancellationToken ct = default)
    {
        var link = await LinkOfUserAsync(userId, ct);
        return link is null ? null : await ProfileAsync(link, ct);
    }

    public async Task<SoftphoneProfile> ProfileAsync(AgentLink link, CancellationToken ct = default)
    {
        var tenant = link.TenantId;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenantName = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "";
        var custom = await db.CustomAgentStates.AsNoTracking().Where(s => s.TenantId == tenant)
            .OrderBy(s => s.ReasonCode).Select(s => new { s.ReasonCode, s.ReasonText, s.Color, s.Enabled }).ToListAsync(ct);
        var builtIn = AgentStateCatalog.BuiltInReasons.Select(r => new ReasonChoice(r.Code, r.EnglishText, r.Color, true)).ToList();
        var customChoices = custom.Select(c => (Choice: new ReasonChoice(c.ReasonCode, c.ReasonText, c.Color, false), c.Enabled)).ToList();
        var notReady = ClientReasons.Select(code => builtIn.Single(r => r.Code == code))
            .Concat(customChoices.Where(c => c.Enabled).Select(c => c.Choice)).ToList();
        var rests = await db.RestTemplates.AsNoTracking().Where(r => r.TenantId == tenant)
            .OrderBy(r => r.Duration).ThenBy(r => r.Name).Select(r => new RestChoice(r.Id, r.Name, r.Duration)).ToListAsync(ct);
        var acds = await db.Acds.AsNoTracking().Where(a => a.TenantId == tenant).OrderBy(a => a.Code)
            .Select(a => new { a.Code, a.Name }).ToListAsync(ct);
        var ivrs = await db.IvrFlows.AsNoTracking().Where(f => f.TenantId == tenant).OrderBy(f => f.Name)
            .Select(f => new NamedTarget(f.Id.ToString(), f.Name)).ToListAsync(ct);
        var agents = await db.Agents.AsNoTracking().Where(a => a.TenantId == tenant && a.Id != link.AgentId && a.Status == AccountStatus.Enabled)
            .OrderBy(a => a.Code).Select(a => new { a.Code, a.NameCn }).ToListAsync(ct);
        return new SoftphoneProfile(link, tenantName, notReady, builtIn.Concat(customChoices.Select(c => c.Choice)).ToList(), rests,
            acds.Select(a => new NamedTarget(Dn.Of(tenant, a.Code), a.Name)).ToList(), ivrs,
            agents.Select(a => new NamedTarget(Dn.Of(tenant, a.Code), a.NameCn)).ToList());
    }
}
