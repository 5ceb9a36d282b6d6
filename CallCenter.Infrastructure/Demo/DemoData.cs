using CallCenter.Domain.Acds;
using CallCenter.Domain.Agents;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Blacklists;
using CallCenter.Domain.Departments;
using CallCenter.Domain.Extensions;
using CallCenter.Domain.Ivr;
using CallCenter.Domain.RestTemplates;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Demo;

/// <summary>
/// The demo tenant of the embedded default: tenant 10001, ACD 10001_8000, agents 10001_1000…10001_1009 on extensions
/// 1000…1009, one department, rest templates, a custom state, an IVR flow and a blacklist entry.
/// </summary>
public static class DemoData
{
    public const int TenantId = 10001;
    public const string AgentPassword = "agent123";
    public static string ExtensionPassword(string number) => $"sip{number}pw";

    /// <summary>Seeds only into a database without tenants; returns false (and writes nothing) otherwise.</summary>
    public static async Task<bool> SeedAsync(CallCenterDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Tenants.AnyAsync(ct)) return false;
        var now = clock.GetUtcNow().UtcDateTime;

        db.Tenants.Add(new Tenant
        {
            Id = TenantId, Name = "Demo Call Center", Contact = "Demo Admin", RestNum = 2, CreatedTime = now,
            Fee = new TenantFee { Balance = 10000, OutboundRate = 0.04m, CampaignRate = 0.01m, LimitFee = 50, MonthRate = 100 },
        });
        var department = new Department { TenantId = TenantId, Name = "Customer Service", Description = "Front-line agents", CreatedTime = now };
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);

        var agents = new List<Agent>();
        for (var n = 1000; n <= 1009; n++)
        {
            var code = n.ToString();
            var ext = new Extension { TenantId = TenantId, Number = code, Password = ExtensionPassword(code), CreatedTime = now };
            db.Extensions.Add(ext);
            await db.SaveChangesAsync(ct);
            var agent = new Agent
            {
                TenantId = TenantId, Code = code, NameCn = $"Agent {code}", JobNum = $"E{code}", DepartmentId = department.Id,
                ExtensionId = ext.Id, TypeCode = "1", TypeText = "Service", CreatedTime = now,
            };
            agent.SetPassword(AgentPassword);
            agents.Add(agent);
        }
        db.Agents.AddRange(agents);
        await db.SaveChangesAsync(ct);

        db.Acds.Add(new Acd
        {
            TenantId = TenantId, Code = "8000", Name = "Default group", Description = "Demo inbound queue",
            Strategy = RoutingStrategy.LongestIdleAgent, OutboundNumber = "4008000000", CreatedTime = now,
            Members = agents.Select(a => new AcdMember { AgentId = a.Id, Priority = 1 }).ToList(),
        });
        db.RestTemplates.AddRange(
            new RestTemplate
            {
                TenantId = TenantId, Name = "Lunch", Duration = 3600, TypeCode = "1", DepartmentId = department.Id,
                StartStamp = new TimeOnly(11, 30), EndStamp = new TimeOnly(13, 30), RestNum = 2, CreatedTime = now,
            },
            new RestTemplate { TenantId = TenantId, Name = "Short break", Duration = 900, TypeCode = "1", CreatedTime = now });
        db.CustomAgentStates.Add(new CustomAgentState
        {
            TenantId = TenantId, ReasonCode = 9, ReasonText = "免打扰 Do not disturb", Color = "#9e9e9e", CreatedTime = now,
        });
        db.IvrFlows.Add(new IvrFlow { TenantId = TenantId, Name = "Main menu", Description = "Press 1 for sales, 2 for support", CreatedTime = now });
        db.Blacklist.Add(new BlacklistEntry
        {
            TenantId = TenantId, Name = "Nuisance caller", Mobile = "13800000000", CallType = BlacklistDirection.Both,
            Description = "Repeated abusive calls", CreatedBy = "admin", CreatedTime = now,
        });
        await db.SaveChangesAsync(ct);
        return true;
    }
}
