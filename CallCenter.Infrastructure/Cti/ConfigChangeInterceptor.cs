using CallCenter.Domain.Acds;
using CallCenter.Domain.Agents;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Blacklists;
using CallCenter.Domain.Extensions;
using CallCenter.Domain.Ivr;
using CallCenter.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Infrastructure.Cti;

/// <summary>
/// After a save that changed configuration the engine uses (tenants, agents, extensions, ACDs and members, custom
/// states, IVR flows, blacklists), asks the engine host to reload those tenants. One mechanism for every writer: the
/// console services and the configuration API alike.
/// </summary>
public sealed class ConfigChangeInterceptor(IServiceProvider services) : SaveChangesInterceptor
{
    private readonly AsyncLocal<(HashSet<int> Tenants, bool All)?> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Notify();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Notify();
        return ValueTask.FromResult(result);
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        var tenants = new HashSet<int>();
        var all = false;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Tenant t: tenants.Add(t.Id); break;
                case Agent a: tenants.Add(a.TenantId); break;
                case Extension e: tenants.Add(e.TenantId); break;
                case Acd a: tenants.Add(a.TenantId); break;
                case CustomAgentState s: tenants.Add(s.TenantId); break;
                case IvrFlow f: tenants.Add(f.TenantId); break;
                case BlacklistEntry b: tenants.Add(b.TenantId); break;
                case AcdMember: all = true; break;
            }
        }
        _pending.Value = tenants.Count > 0 || all ? (tenants, all) : null;
    }

    private void Notify()
    {
        if (_pending.Value is not { } pending) return;
        _pending.Value = null;
        var host = services.GetService<CtiEngineHost>();
        if (host is null) return;
        _ = pending.All ? host.ReloadAllAsync() : host.ReloadAsync(pending.Tenants);
    }
}
