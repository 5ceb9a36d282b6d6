using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Data;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Records;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Support;

/// <summary>Fresh temp folders for test databases, and their clean-up.</summary>
public static class TestFolders
{
    public static string Root => Path.Combine(Path.GetTempPath(), "callcenter-tests");

    public static string Create()
    {
        var folder = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Closes pooled SQLite connections (they hold the file open) and deletes the folder; best effort.</summary>
    public static void Delete(string folder)
    {
        SqliteConnection.ClearAllPools();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                return;
            }
            catch (IOException) { Thread.Sleep(100); }
            catch (UnauthorizedAccessException) { Thread.Sleep(100); }
        }
    }

    /// <summary>The configuration the app reads for its SQLite database, pointing at <paramref name="folder"/>.</summary>
    public static IConfiguration SqliteConfiguration(string folder) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["App:DataFolder"] = folder,
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = "Data Source={DataFolder}/callcenter.db",
        }).Build();
}

/// <summary>A TimeProvider that always answers the same instant.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Default = new(2026, 3, 1, 8, 30, 0, TimeSpan.Zero);
    public FixedClock() : this(Default) { }
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A real SQLite database file in a fresh temp folder, registered exactly as the app does it
/// (<see cref="DependencyInjection.AddDatabase"/>), migrated, optionally with the demo tenant. No web host.
/// </summary>
public sealed class SqliteTestDatabase : IAsyncDisposable
{
    private SqliteTestDatabase(string folder, ServiceProvider services)
    {
        Folder = folder;
        Services = services;
    }

    public string Folder { get; }
    public ServiceProvider Services { get; }
    public FixedClock Clock => (FixedClock)Services.GetRequiredService<TimeProvider>();
    public IDbContextFactory<CallCenterDbContext> Factory => Services.GetRequiredService<IDbContextFactory<CallCenterDbContext>>();
    public string DatabaseFile => Path.Combine(Folder, "callcenter.db");

    public CallCenterDbContext NewContext() => Factory.CreateDbContext();

    /// <summary>Registers the app's database and feature services against <paramref name="folder"/>.</summary>
    public static IServiceCollection Register(IServiceCollection services, string folder, TimeProvider? clock = null)
    {
        services.AddSingleton(clock ?? new FixedClock());
        services.AddDatabase(TestFolders.SqliteConfiguration(folder), folder);
        services.AddConfigurationServices();
        services.AddSingleton(new RecordingStore(Path.Combine(folder, "recordings")));
        services.AddLogging();
        return services;
    }

    public static async Task<SqliteTestDatabase> CreateAsync(bool migrate = true, bool seedDemo = false)
    {
        var folder = TestFolders.Create();
        var services = Register(new ServiceCollection(), folder).BuildServiceProvider();
        var db = new SqliteTestDatabase(folder, services);
        if (migrate && seedDemo)
        {
            // Migrating and seeding (ten PBKDF2 hashes) costs far more than copying the file they produce.
            File.Copy(await DemoTemplateAsync(), db.DatabaseFile);
        }
        else if (migrate)
        {
            await using var ctx = db.NewContext();
            await ctx.Database.MigrateAsync();
        }
        return db;
    }

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _demoTemplate;

    /// <summary>
    /// A database file migrated and seeded with the demo tenant once per test run (by the same code as always, with the
    /// default <see cref="FixedClock"/>); every <c>CreateAsync(seedDemo: true)</c> starts from a copy of it.
    /// </summary>
    private static async Task<string> DemoTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_demoTemplate is not null) return _demoTemplate;
            var folder = TestFolders.Create();
            await using (var services = Register(new ServiceCollection(), folder).BuildServiceProvider())
            {
                await using var ctx = services.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContext();
                await ctx.Database.MigrateAsync();
                if (!await DemoData.SeedAsync(ctx, services.GetRequiredService<TimeProvider>()))
                    throw new InvalidOperationException("Demo data was not seeded into a fresh database.");
            }
            SqliteConnection.ClearAllPools(); // the file is complete and closed before anyone copies it
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TestFolders.Delete(folder);
            return _demoTemplate = Path.Combine(folder, "callcenter.db");
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        TestFolders.Delete(Folder);
    }
}
