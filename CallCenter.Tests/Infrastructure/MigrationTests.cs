using CallCenter.Domain.Agents;
using CallCenter.Domain.Extensions;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure.Data;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CallCenter.Tests.Infrastructure;

/// <summary>Both providers' migrations match the model; SQLite applies them to an empty file; SQL Server scripts them.</summary>
public class MigrationTests
{
    private static SqlServerCallCenterDbContext SqlServerContext() =>
        new(new DbContextOptionsBuilder<SqlServerCallCenterDbContext>()
            .UseSqlServer("Server=localhost;Database=x;Trusted_Connection=True").Options);

    private static readonly string[] AppTables =
    {
        "Tenants", "Acds", "AcdMembers", "Departments", "Agents", "Extensions", "Blacklist", "RestTemplates",
        "CustomAgentStates", "IvrFlows", "AspNetUsers", "AspNetRoles", "AspNetUserRoles",
    };

    /// <summary>The history tables (migration Records).</summary>
    private static readonly string[] RecordTables =
        { "CallRecords", "Recordings", "QueueRecords", "QueueSteps", "IvrRecords", "IvrSteps", "AgentStateRecords", "AttachedData" };

    [Fact]
    public async Task Sqlite_migrations_apply_to_an_empty_database()
    {
        await using var db = await SqliteTestDatabase.CreateAsync(migrate: false);
        await using var ctx = db.NewContext();
        Assert.IsType<SqliteCallCenterDbContext>(ctx);
        Assert.Empty(await ctx.Database.GetAppliedMigrationsAsync());

        await ctx.Database.MigrateAsync();

        Assert.Equal(ctx.Database.GetMigrations(), await ctx.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await ctx.Database.GetPendingMigrationsAsync());
        Assert.True(File.Exists(db.DatabaseFile));

        var tables = await ctx.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync();
        foreach (var table in AppTables.Concat(RecordTables)) Assert.Contains(table, tables);

        // The empty schema is usable: a tenant round-trips with its owned settings.
        ctx.Tenants.Add(new Tenant { Id = 4242, Name = "Round trip", Outbound = { Ratio = 1.25m }, Fee = { Balance = 12.3456m } });
        await ctx.SaveChangesAsync();
        await using var read = db.NewContext();
        var t = await read.Tenants.SingleAsync();
        Assert.Equal(1.25m, t.Outbound.Ratio);
        Assert.Equal(12.3456m, t.Fee.Balance);
    }

    [Fact]
    public void Sqlite_model_has_no_pending_changes()
    {
        using var ctx = new SqliteCallCenterDbContext(new DbContextOptionsBuilder<SqliteCallCenterDbContext>()
            .UseSqlite("Data Source=:memory:").Options);
        Assert.False(ctx.Database.HasPendingModelChanges(), "the model changed without a new SQLite migration");
    }

    [Fact]
    public void SqlServer_model_has_no_pending_changes()
    {
        using var ctx = SqlServerContext();
        Assert.False(ctx.Database.HasPendingModelChanges(), "the model changed without a new SQL Server migration");
    }

    [Fact]
    public void SqlServer_migration_script_creates_every_table_and_the_filtered_extension_index()
    {
        using var ctx = SqlServerContext();
        Assert.NotEmpty(ctx.Database.GetMigrations());

        var script = ctx.GetService<IMigrator>().GenerateScript();

        var folder = Path.Combine(AppContext.BaseDirectory, "test-artifacts");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "sqlserver-migration.sql"), script);

        foreach (var table in new[] { "Tenants", "Agents", "Acds", "AcdMembers", "Extensions", "Blacklist", "AspNetUsers" })
            Assert.Contains($"CREATE TABLE [{table}]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Agents_ExtensionId] ON [Agents] ([ExtensionId]) WHERE [ExtensionId] IS NOT NULL", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Acds_TenantId_Code] ON [Acds] ([TenantId], [Code])", script);
        Assert.Contains("__EFMigrationsHistory", script);
        // Money and ratios keep their precision.
        Assert.Contains("decimal(18,4)", script);
        Assert.Contains("decimal(9,4)", script);

        // The history tables, their query indexes, and steps that go with their parent.
        foreach (var table in RecordTables)
            Assert.Contains($"CREATE TABLE [{table}]", script);
        Assert.Contains("CREATE INDEX [IX_CallRecords_TenantId_StartStamp] ON [CallRecords] ([TenantId], [StartStamp])", script);
        Assert.Contains("CREATE INDEX [IX_CallRecords_TenantId_Agent_StartStamp] ON [CallRecords] ([TenantId], [Agent], [StartStamp])", script);
        Assert.Contains("CREATE INDEX [IX_CallRecords_CtiCallId] ON [CallRecords] ([CtiCallId])", script);
        Assert.Contains("CREATE INDEX [IX_Recordings_TenantId_CreateTime] ON [Recordings] ([TenantId], [CreateTime])", script);
        Assert.Contains("CREATE INDEX [IX_Recordings_CallId] ON [Recordings] ([CallId])", script);
        Assert.Contains("CREATE INDEX [IX_QueueRecords_TenantId_StartTime] ON [QueueRecords] ([TenantId], [StartTime])", script);
        Assert.Contains("CREATE INDEX [IX_QueueRecords_CallId] ON [QueueRecords] ([CallId])", script);
        Assert.Contains("CREATE INDEX [IX_IvrRecords_TenantId_StartTime] ON [IvrRecords] ([TenantId], [StartTime])", script);
        Assert.Contains("CREATE INDEX [IX_IvrRecords_CallId] ON [IvrRecords] ([CallId])", script);
        Assert.Contains("CREATE INDEX [IX_AgentStateRecords_TenantId_Agent_StartTime] ON [AgentStateRecords] ([TenantId], [Agent], [StartTime])", script);
        Assert.Contains("CREATE INDEX [IX_AttachedData_TenantId_CallId] ON [AttachedData] ([TenantId], [CallId])", script);
        Assert.Contains("CREATE INDEX [IX_QueueSteps_QueueRecordId_Sequence] ON [QueueSteps] ([QueueRecordId], [Sequence])", script);
        Assert.Contains("CREATE INDEX [IX_IvrSteps_IvrRecordId_EventSequence] ON [IvrSteps] ([IvrRecordId], [EventSequence])", script);
        Assert.Contains("REFERENCES [QueueRecords] ([Id]) ON DELETE CASCADE", script);
        Assert.Contains("REFERENCES [IvrRecords] ([Id]) ON DELETE CASCADE", script);
        Assert.Contains("[CtiCallId] nvarchar(128) NOT NULL", script);
        Assert.Contains("[BillRate] decimal(18,4) NOT NULL", script);
    }

    [Fact]
    public async Task One_agent_per_extension_but_any_number_of_agents_without_one()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        await using (var ctx = db.NewContext())
        {
            ctx.Tenants.Add(new Tenant { Id = 5000, Name = "T" });
            var ext = new Extension { TenantId = 5000, Number = "1000", Password = "secret1" };
            ctx.Extensions.Add(ext);
            await ctx.SaveChangesAsync();
            ctx.Agents.AddRange(
                new Agent { TenantId = 5000, Code = "1000", NameCn = "A", PasswordHash = "x", ExtensionId = ext.Id },
                new Agent { TenantId = 5000, Code = "1001", NameCn = "B", PasswordHash = "x" },
                new Agent { TenantId = 5000, Code = "1002", NameCn = "C", PasswordHash = "x" });
            await ctx.SaveChangesAsync();

            ctx.Agents.Add(new Agent { TenantId = 5000, Code = "1003", NameCn = "D", PasswordHash = "x", ExtensionId = ext.Id });
            var ex = await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
            Assert.True(DbContextExtensions.IsUniqueViolation(ex));
        }

        await using var check = db.NewContext();
        Assert.Equal(3, await check.Agents.CountAsync());
    }

    [Fact]
    public async Task SaveUniqueAsync_turns_a_duplicate_into_a_field_error_and_writes_nothing()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        await using (var ctx = db.NewContext())
        {
            ctx.Tenants.Add(new Tenant { Id = 5000, Name = "T" });
            ctx.Extensions.Add(new Extension { TenantId = 5000, Number = "1000", Password = "secret1" });
            await ctx.SaveChangesAsync();
        }
        await using (var ctx = db.NewContext())
        {
            ctx.Extensions.Add(new Extension { TenantId = 5000, Number = "1000", Password = "secret2" });
            var result = await ctx.SaveUniqueAsync(default, ("Number", "Extension 1000 exists."));
            Assert.False(result.Succeeded);
            Assert.Equal("Extension 1000 exists.", result.ErrorFor("Number"));
        }
        await using var check = db.NewContext();
        Assert.Equal("secret1", (await check.Extensions.SingleAsync()).Password);
    }
}
