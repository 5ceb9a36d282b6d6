using CallCenter.Domain.Acds;
using CallCenter.Domain.ApiKeys;
using CallCenter.Domain.Agents;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Blacklists;
using CallCenter.Domain.Departments;
using CallCenter.Domain.Extensions;
using CallCenter.Domain.Ivr;
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
    }
}

public sealed class SqliteCallCenterDbContext(DbContextOptions<SqliteCallCenterDbContext> options) : CallCenterDbContext(options);

public sealed class SqlServerCallCenterDbContext(DbContextOptions<SqlServerCallCenterDbContext> options) : CallCenterDbContext(options);
