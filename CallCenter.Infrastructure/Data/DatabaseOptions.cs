namespace CallCenter.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The <c>Database</c> section of configuration.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (embedded default) or SqlServer.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Fill a freshly created database with the demo tenant 10001.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>
    /// With the demo tenant, also create its console users: a supervisor and two agents (linked to agents 10001_1000 and
    /// 10001_1001) sharing one generated password, printed at that start.
    /// </summary>
    public bool SeedDemoUsers { get; set; } = true;

    /// <summary>The demo users' password; blank = generated and printed once.</summary>
    public string DemoUsersPassword { get; set; } = "";
}
