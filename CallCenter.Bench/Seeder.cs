using CallCenter.Domain.Acds;
using CallCenter.Domain.Agents;
using CallCenter.Domain.Extensions;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.ApiKeys;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Bench;

/// <summary>
/// Creates and migrates the temp SQLite database the way the product does (Infrastructure's AddDatabase, migrations,
/// WAL), then seeds the bench tenant: agents {tenant}_10000… on extensions 10000…, every agent a member of each ACD
/// {tenant}_8000…, and an all-tenant API key for the simulation endpoint.
/// </summary>
public static class Seeder
{
    public const int TenantId = 20001;
    public const int FirstCode = 10000;
    public const int FirstAcdCode = 8000;
    public const string AgentPassword = "bench123";
    private const int Batch = 5000;

    public static string AgentDn(int i) => $"{TenantId}_{FirstCode + i}";
    public static string Extension(int i) => (FirstCode + i).ToString();
    public static string AcdDn(int k) => $"{TenantId}_{FirstAcdCode + k}";

    /// <summary>The product's database registration (Infrastructure's AddDatabase) for the SQLite file in <paramref name="dataFolder"/>.</summary>
    public static ServiceProvider Database(string dataFolder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["App:DataFolder"] = dataFolder,
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = "Data Source={DataFolder}/callcenter.db;Default Timeout=30",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddDatabase(configuration, dataFolder);
        return services.BuildServiceProvider();
    }

    /// <summary>What the server wrote: queue records by outcome, call records, agent state records.</summary>
    public static async Task<string> RecordsAsync(string dataFolder, CancellationToken ct)
    {
        await using var provider = Database(dataFolder);
        await using var db = await provider.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);
        var outcomes = await db.QueueRecords.AsNoTracking().GroupBy(q => q.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var calls = await db.CallRecords.CountAsync(ct);
        var states = await db.AgentStateRecords.CountAsync(ct);
        return $"queue records {string.Join(" ", outcomes.OrderBy(o => o.Key).Select(o => $"{(o.Key.Length == 0 ? "open" : o.Key)}={o.Count}"))}; " +
               $"call records {calls}; agent state records {states}";
    }

    /// <summary>Seeds the database in <paramref name="dataFolder"/>; returns the API key's text.</summary>
    public static async Task<string> SeedAsync(string dataFolder, int agents, int acds, CancellationToken ct)
    {
        await using var provider = Database(dataFolder);
        var factory = provider.GetRequiredService<IDbContextFactory<CallCenterDbContext>>();

        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        var now = DateTime.UtcNow;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.Tenants.Add(new Tenant { Id = TenantId, Name = "Bench", Contact = "CallCenter.Bench", CreatedTime = now });
            await db.SaveChangesAsync(ct);
        }

        // PBKDF2 is slow on purpose: one hash for every bench agent.
        var hash = Passwords.Hash(AgentPassword);
        var agentIds = new List<int>(agents);
        for (var start = 0; start < agents; start += Batch)
        {
            var count = Math.Min(Batch, agents - start);
            await using var db = await factory.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var extensions = Enumerable.Range(start, count).Select(i => new Extension
            {
                TenantId = TenantId, Number = Extension(i), Password = $"sip{Extension(i)}pw", CreatedTime = now,
            }).ToList();
            db.Extensions.AddRange(extensions);
            await db.SaveChangesAsync(ct);
            var batch = extensions.Select((e, j) => new Agent
            {
                TenantId = TenantId, Code = (FirstCode + start + j).ToString(), NameCn = $"Bench agent {FirstCode + start + j}",
                JobNum = $"B{FirstCode + start + j}", ExtensionId = e.Id, PasswordHash = hash, TypeCode = "1", TypeText = "Service",
                CreatedTime = now,
            }).ToList();
            db.Agents.AddRange(batch);
            await db.SaveChangesAsync(ct);
            agentIds.AddRange(batch.Select(a => a.Id));
        }

        for (var k = 0; k < acds; k++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Acds.Add(new Acd
            {
                TenantId = TenantId, Code = (FirstAcdCode + k).ToString(), Name = $"Bench queue {k + 1}",
                Strategy = RoutingStrategy.LongestIdleAgent, OutboundNumber = "4008000000", CreatedTime = now,
                Members = agentIds.Select(id => new AcdMember { AgentId = id, Priority = 1 }).ToList(),
            });
            await db.SaveChangesAsync(ct);
        }

        var (result, key) = await new ApiKeyService(factory, TimeProvider.System)
            .CreateAsync("bench", null, TenantScope.All, "CallCenter.Bench", ct);
        if (!result.Succeeded || key is null) throw new InvalidOperationException("Could not issue the API key: " + result.Describe());
        return key;
    }
}
