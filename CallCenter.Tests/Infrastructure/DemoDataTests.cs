using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure.Demo;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Tests.Infrastructure;

public class DemoDataTests
{
    [Fact]
    public async Task Seeds_tenant_10001_with_acd_8000_and_ten_agents_on_their_extensions()
    {
        await using var db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = db.NewContext();

        var tenant = await ctx.Tenants.SingleAsync();
        Assert.Equal(10001, tenant.Id);
        Assert.Equal(DemoData.TenantId, tenant.Id);
        Assert.Equal(db.Clock.Now.UtcDateTime, tenant.CreatedTime);

        var acd = await ctx.Acds.Include(a => a.Members).SingleAsync();
        Assert.Equal("10001_8000", acd.QueueName);
        Assert.Equal(10, acd.Members.Count);

        var agents = await ctx.Agents.OrderBy(a => a.Code).ToListAsync();
        var extensions = await ctx.Extensions.ToDictionaryAsync(e => e.Id);
        Assert.Equal(Enumerable.Range(1000, 10).Select(n => $"10001_{n}"), agents.Select(a => a.Dn));
        Assert.All(agents, a =>
        {
            Assert.NotNull(a.ExtensionId);
            var ext = extensions[a.ExtensionId!.Value];
            Assert.Equal(a.Code, ext.Number); // 10001_1000 on extension 1000, …
            Assert.Equal(DemoData.ExtensionPassword(ext.Number), ext.Password);
        });
        Assert.Equal(agents.Select(a => a.Id).Order(), acd.Members.Select(m => m.AgentId).Order());
        Assert.True(agents[0].VerifyPassword(DemoData.AgentPassword));

        Assert.Equal(1, await ctx.Blacklist.CountAsync());
        Assert.Equal(2, await ctx.RestTemplates.CountAsync());
        Assert.Equal(1, await ctx.CustomAgentStates.CountAsync());
        Assert.Equal(1, await ctx.IvrFlows.CountAsync());
        Assert.Equal(1, await ctx.Departments.CountAsync());
    }

    [Fact]
    public async Task Every_seeded_record_passes_its_own_validation()
    {
        await using var db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = db.NewContext();

        var errors = new List<string>();
        void Check(string what, IEnumerable<CallCenter.Domain.Common.FieldError> e) => errors.AddRange(e.Select(x => $"{what}: {x.Field} {x.Message}"));
        foreach (var x in await ctx.Tenants.ToListAsync()) Check($"tenant {x.Id}", x.Validate());
        foreach (var x in await ctx.Acds.Include(a => a.Members).ToListAsync()) Check($"acd {x.Code}", x.Validate());
        foreach (var x in await ctx.Agents.ToListAsync()) Check($"agent {x.Code}", x.Validate());
        foreach (var x in await ctx.Extensions.ToListAsync()) Check($"extension {x.Number}", x.Validate());
        foreach (var x in await ctx.Departments.ToListAsync()) Check($"department {x.Name}", x.Validate());
        foreach (var x in await ctx.Blacklist.ToListAsync()) Check($"blacklist {x.Mobile}", x.Validate());
        foreach (var x in await ctx.RestTemplates.ToListAsync()) Check($"rest {x.Name}", x.Validate());
        foreach (var x in await ctx.CustomAgentStates.ToListAsync()) Check($"state {x.ReasonCode}", x.Validate());
        foreach (var x in await ctx.IvrFlows.ToListAsync()) Check($"ivr {x.Name}", x.Validate());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Seeding_twice_is_refused_and_writes_nothing()
    {
        await using var db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = db.NewContext();

        Assert.False(await DemoData.SeedAsync(ctx, db.Clock));

        await using var check = db.NewContext();
        Assert.Equal(1, await check.Tenants.CountAsync());
        Assert.Equal(10, await check.Agents.CountAsync());
        Assert.Equal(1, await check.Acds.CountAsync());
    }

    [Fact]
    public async Task A_database_with_any_tenant_is_not_seeded()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        await using (var ctx = db.NewContext())
        {
            ctx.Tenants.Add(new Tenant { Id = 20002, Name = "Existing" });
            await ctx.SaveChangesAsync();
        }

        await using (var ctx = db.NewContext())
            Assert.False(await DemoData.SeedAsync(ctx, db.Clock));

        await using var check = db.NewContext();
        Assert.Equal(new[] { 20002 }, await check.Tenants.Select(t => t.Id).ToListAsync());
        Assert.Equal(0, await check.Agents.CountAsync());
        Assert.Equal(0, await check.Extensions.CountAsync());
    }
}
