using CallCenter.Domain.Acds;
using CallCenter.Domain.ApiKeys;
using CallCenter.Domain.Agents;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Blacklists;
using CallCenter.Domain.Departments;
using CallCenter.Domain.Extensions;
using CallCenter.Domain.Ivr;
using CallCenter.Domain.Records;
using CallCenter.Domain.RestTemplates;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Data;

/// <summary>
/// The one DbContext. Each provider has a subclass (<see cref="SqliteCallCenterDbContext"/>,
/// <see cref="SqlServerCallCenterDbContext"/>) that owns its own migrations; code uses this base type.
/// </summary>
public abstract class CallCenterDbContext : IdentityDbContext<ApplicationUser>
{
    protected CallCenterDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Acd> Acds => Set<Acd>();
    public DbSet<AcdMember> AcdMembers => Set<AcdMember>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<Extension> Extensions => Set<Extension>();
    public DbSet<BlacklistEntry> Blacklist => Set<BlacklistEntry>();
    public DbSet<RestTemplate> RestTemplates => Set<RestTemplate>();
    public DbSet<CustomAgentState> CustomAgentStates => Set<CustomAgentState>();
    public DbSet<IvrFlow> IvrFlows => Set<IvrFlow>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    // History written by the engine through IRecordSink (Records/BatchingRecordWriter), read by the query APIs.
    public DbSet<CallRecord> CallRecords => Set<CallRecord>();
    public DbSet<RecordingRecord> Recordings => Set<RecordingRecord>();
    public DbSet<QueueRecord> QueueRecords => Set<QueueRecord>();
    public DbSet<QueueStep> QueueSteps => Set<QueueStep>();
    public DbSet<IvrRecord> IvrRecords => Set<IvrRecord>();
    public DbSet<IvrStepRecord> IvrSteps => Set<IvrStepRecord>();
    public DbSet<AgentStateRecord> AgentStateRecords => Set<AgentStateRecord>();
    public DbSet<AttachedDataRecord> AttachedData => Set<AttachedDataRecord>();
    public DbSet<BlacklistCallRecord> BlacklistCalls => Set<BlacklistCallRecord>();
    public DbSet<SatisfactionRecord> SatisfactionRecords => Set<SatisfactionRecord>();
    public DbSet<VoicemailRecord> VoicemailMessages => Set<VoicemailRecord>();
    public DbSet<Domain.Sms.SmsRecord> SmsRecords => Set<Domain.Sms.SmsRecord>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<ApplicationUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(100);
            e.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Agent>().WithMany().HasForeignKey(u => u.AgentId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Tenant>(e =>
        {
            e.ToTable("Tenants");
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Name).HasMaxLength(100).IsRequired();
            e.Property(t => t.Contact).HasMaxLength(100);
            e.Property(t => t.GatewayGroup).HasMaxLength(50).IsRequired();
            e.Property(t => t.GatewayGroupName).HasMaxLength(100);
            e.Property(t => t.TimeZone).HasMaxLength(64);
            e.Property(t => t.EntNum).HasMaxLength(32);
            e.Property(t => t.CompanyId).HasMaxLength(64);
            e.HasIndex(t => t.Name);
            e.OwnsOne(t => t.Outbound, o =>
            {
                o.Property(x => x.Ratio).HasPrecision(9, 4);
                o.Property(x => x.MaxRatio).HasPrecision(9, 4);
                o.Property(x => x.IvrRatio).HasPrecision(9, 4);
            });
            e.OwnsOne(t => t.Fee, f =>
            {
                f.Property(x => x.Balance).HasPrecision(18, 4);
                f.Property(x => x.CampaignRate).HasPrecision(18, 4);
                f.Property(x => x.InboundRate).HasPrecision(18, 4);
                f.Property(x => x.LimitFee).HasPrecision(18, 4);
                f.Property(x => x.MonthRate).HasPrecision(18, 4);
                f.Property(x => x.OutboundRate).HasPrecision(18, 4);
            });
        });

        b.Entity<Acd>(e =>
        {
            e.ToTable("Acds");
            e.Property(a => a.Code).HasMaxLength(8).IsRequired();
            e.Property(a => a.Name).HasMaxLength(100).IsRequired();
            e.Property(a => a.Description).HasMaxLength(500);
            e.Property(a => a.OutboundNumber).HasMaxLength(20);
            e.Property(a => a.OverflowTarget).HasMaxLength(64);
            e.Ignore(a => a.QueueName);
            e.HasIndex(a => new { a.TenantId, a.Code }).IsUnique();
            e.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(a => a.Members).WithOne().HasForeignKey(m => m.AcdId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<AcdMember>(e =>
        {
            e.ToTable("AcdMembers");
            e.HasKey(m => new { m.AcdId, m.AgentId });
            e.HasOne<Agent>().WithMany().HasForeignKey(m => m.AgentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(m => m.AgentId);
        });

        b.Entity<Department>(e =>
        {
            e.ToTable("Departments");
            e.Property(d => d.Name).HasMaxLength(64).IsRequired();
            e.Property(d => d.Description).HasMaxLength(500);
            e.HasIndex(d => new { d.TenantId, d.Name }).IsUnique();
            e.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Extension>(e =>
        {
            e.ToTable("Extensions");
            e.Property(x => x.Number).HasMaxLength(10).IsRequired();
            e.Property(x => x.Password).HasMaxLength(32).IsRequired();
            e.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Agent>(e =>
        {
            e.ToTable("Agents");
            e.Property(a => a.Code).HasMaxLength(8).IsRequired();
            e.Property(a => a.NameCn).HasMaxLength(100).IsRequired();
            e.Property(a => a.JobNum).HasMaxLength(32);
            e.Property(a => a.PasswordHash).HasMaxLength(200).IsRequired();
            e.Property(a => a.TypeCode).HasMaxLength(32);
            e.Property(a => a.TypeText).HasMaxLength(64);
            e.Ignore(a => a.Dn);
            e.HasIndex(a => new { a.TenantId, a.Code }).IsUnique();
            e.HasIndex(a => a.ExtensionId).IsUnique();
            e.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Department>().WithMany().HasForeignKey(a => a.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Extension>().WithMany().HasForeignKey(a => a.ExtensionId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<BlacklistEntry>(e =>
        {
            e.ToTable("Blacklist");
            e.Property(x => x.Name).HasMaxLength(64).IsRequired();
            e.Property(x => x.Mobile).HasMaxLength(21).IsRequired();
            e.Property(x => x.Description).HasMaxLength(500);
            e.Property(x => x.CreatedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.TenantId, x.Mobile }).IsUnique();
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<RestTemplate>(e =>
        {
            e.ToTable("RestTemplates");
            e.Property(x => x.Name).HasMaxLength(64).IsRequired();
            e.Property(x => x.TypeCode).HasMaxLength(32);
            e.Ignore(x => x.HasPeriod);
            e.HasIndex(x => new { x.TenantId, x.Name }).IsUnique();
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<CustomAgentState>(e =>
        {
            e.ToTable("CustomAgentStates");
            e.Property(x => x.ReasonText).HasMaxLength(32).IsRequired();
            e.Property(x => x.Color).HasMaxLength(7).IsRequired();
            e.HasIndex(x => new { x.TenantId, x.ReasonCode }).IsUnique();
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<ApiKey>(e =>
        {
            e.ToTable("ApiKeys");
            e.Property(x => x.Name).HasMaxLength(64).IsRequired();
            e.Property(x => x.Prefix).HasMaxLength(8).IsRequired();
            e.Property(x => x.KeyHash).HasMaxLength(64).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(100);
            e.Ignore(x => x.Revoked);
            e.HasIndex(x => x.Prefix).IsUnique();
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<IvrFlow>(e =>
        {
            e.ToTable("IvrFlows");
            e.Property(x => x.Name).HasMaxLength(64).IsRequired();
            e.Property(x => x.Description).HasMaxLength(500);
            e.HasIndex(x => new { x.TenantId, x.Name }).IsUnique();
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        // ------------------------------------------------------------ history records (query-api-1 part 3, query-api-2 part 6)
        // Insert-only, high volume: no foreign key to Tenants (a row naming an unknown tenant must not fail a whole batch, and
        // history outlives configuration); each table has the indexes its query API filters and sorts on.
        // Lengths: DNs and numbers 32, call ids 128, file names 260, causes 40.

        b.Entity<CallRecord>(e =>
        {
            e.ToTable("CallRecords");
            e.Property(x => x.Agent).HasMaxLength(32);
            e.Property(x => x.Extension).HasMaxLength(32);
            e.Property(x => x.DestinationNumber).HasMaxLength(32);
            e.Property(x => x.CallerIdNumber).HasMaxLength(32);
            e.Property(x => x.CtiCallId).HasMaxLength(128);
            e.Property(x => x.Filename).HasMaxLength(260);
            e.Property(x => x.BillRate).HasPrecision(18, 4);
            e.Property(x => x.HangupCause).HasMaxLength(40);
            e.Property(x => x.IvrName).HasMaxLength(64);
            e.Property(x => x.IvrDtmfDigit).HasMaxLength(32);
            e.Property(x => x.IvrDigitType).HasMaxLength(16);
            e.Property(x => x.ChannelAttr).HasMaxLength(16);
            e.Property(x => x.QueueName).HasMaxLength(32);
            e.Property(x => x.Target).HasMaxLength(128);
            e.Property(x => x.ItuCode).HasMaxLength(16);
            e.Property(x => x.SipCode).HasMaxLength(16);
            e.Property(x => x.Enumeration).HasMaxLength(64);
            e.Property(x => x.EndedAt).HasMaxLength(16);
            e.HasIndex(x => new { x.TenantId, x.StartStamp });
            e.HasIndex(x => new { x.TenantId, x.Agent, x.StartStamp });
            e.HasIndex(x => x.CtiCallId);
            // §6.21 `mobile` / §6.44 (caller or callee: both columns, so the OR can use two index lookups) and the
            // `sort=billsec` order; without them each is a scan of the tenant's rows (CallCenter.Bench --cdrs).
            e.HasIndex(x => new { x.TenantId, x.CallerIdNumber });
            e.HasIndex(x => new { x.TenantId, x.DestinationNumber });
            e.HasIndex(x => new { x.TenantId, x.Billsec });
        });

        b.Entity<RecordingRecord>(e =>
        {
            e.ToTable("Recordings");
            e.Property(x => x.CallId).HasMaxLength(128);
            e.Property(x => x.Agent).HasMaxLength(32);
            e.Property(x => x.Extension).HasMaxLength(32);
            e.Property(x => x.Mobile).HasMaxLength(32);
            e.Property(x => x.Filename).HasMaxLength(260);
            e.HasIndex(x => new { x.TenantId, x.CreateTime });
            e.HasIndex(x => x.CallId);
        });

        b.Entity<QueueRecord>(e =>
        {
            e.ToTable("QueueRecords");
            e.Property(x => x.CallId).HasMaxLength(128);
            e.Property(x => x.CallerId).HasMaxLength(32);
            e.Property(x => x.ThisQueue).HasMaxLength(32);
            e.Property(x => x.QueueName).HasMaxLength(100);
            e.Property(x => x.Extension).HasMaxLength(32);
            e.Property(x => x.Agent).HasMaxLength(32);
            e.Property(x => x.Outcome).HasMaxLength(16);
            e.HasIndex(x => new { x.TenantId, x.StartTime });
            e.HasIndex(x => x.CallId);
            e.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.QueueRecordId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<QueueStep>(e =>
        {
            e.ToTable("QueueSteps");
            e.Property(x => x.Extension).HasMaxLength(32);
            e.Property(x => x.CallerId).HasMaxLength(32);
            e.Property(x => x.Agent).HasMaxLength(32);
            e.HasIndex(x => new { x.QueueRecordId, x.Sequence });
        });

        b.Entity<IvrRecord>(e =>
        {
            e.ToTable("IvrRecords");
            e.Property(x => x.CallId).HasMaxLength(128);
            e.Property(x => x.IvrSessionId).HasMaxLength(128);
            e.Property(x => x.Ani).HasMaxLength(32);
            e.Property(x => x.Dnis).HasMaxLength(32);
            e.Property(x => x.ThisQueue).HasMaxLength(32);
            e.Property(x => x.ExecuteContext).HasMaxLength(32);
            e.Property(x => x.IvrName).HasMaxLength(64);
            e.HasIndex(x => new { x.TenantId, x.StartTime });
            e.HasIndex(x => x.CallId);
            // §6.18 asks by ivrSessionId alone (no tenantId).
            e.HasIndex(x => x.IvrSessionId);
            e.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.IvrRecordId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<IvrStepRecord>(e =>
        {
            e.ToTable("IvrSteps");
            e.Property(x => x.IvrStatus).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Target).HasMaxLength(128);
            e.Property(x => x.IvrDigitType).HasMaxLength(16);
            e.Property(x => x.IvrDtmfDigit).HasMaxLength(32);
            e.Property(x => x.ComponentName).HasMaxLength(100);
            e.Property(x => x.StopCause).HasMaxLength(40);
            e.HasIndex(x => new { x.IvrRecordId, x.EventSequence });
        });

        b.Entity<AgentStateRecord>(e =>
        {
            e.ToTable("AgentStateRecords");
            e.Property(x => x.Agent).HasMaxLength(32);
            e.Property(x => x.Extension).HasMaxLength(32);
            e.Property(x => x.TypeCode).HasMaxLength(32);
            e.HasIndex(x => new { x.TenantId, x.Agent, x.StartTime });
        });

        b.Entity<AttachedDataRecord>(e =>
        {
            e.ToTable("AttachedData");
            e.Property(x => x.CallId).HasMaxLength(128);
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Type).HasMaxLength(32);
            e.Property(x => x.Value).HasMaxLength(1000);
            e.HasIndex(x => new { x.TenantId, x.CallId });
        });

        b.ConfigureServiceRecords();
    }
}

public sealed class SqliteCallCenterDbContext(DbContextOptions<SqliteCallCenterDbContext> options) : CallCenterDbContext(options);

public sealed class SqlServerCallCenterDbContext(DbContextOptions<SqlServerCallCenterDbContext> options) : CallCenterDbContext(options);
