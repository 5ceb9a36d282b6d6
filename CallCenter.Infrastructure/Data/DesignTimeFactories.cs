using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CallCenter.Infrastructure.Data;

// Used only by `dotnet ef migrations add … --context …`; no database is touched when adding a migration.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCallCenterDbContext>
{
    public SqliteCallCenterDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCallCenterDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCallCenterDbContext>
{
    public SqlServerCallCenterDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerCallCenterDbContext>()
            .UseSqlServer("Server=localhost;Database=CallCenter;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
