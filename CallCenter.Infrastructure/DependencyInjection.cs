using CallCenter.Infrastructure.Agents;
using CallCenter.Infrastructure.Cti;
using CallCenter.Infrastructure.Data;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Departments;
using CallCenter.Infrastructure.Extensions;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Records;
using CallCenter.Infrastructure.Sms;
using CallCenter.Infrastructure.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Everything the host needs from Infrastructure: the database, Identity stores, the feature services and the history writer.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddDatabase(configuration, contentRoot);
        services.AddConfigurationServices();
        services.AddCti(configuration, contentRoot);
        services.AddRecords(configuration);
        services.AddSms(configuration);
        return services;
    }

    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        services.AddSingleton<Cti.ConfigChangeInterceptor>();
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                var sql = configuration.GetConnectionString("SqlServer");
                if (string.IsNullOrWhiteSpace(sql))
                    throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:SqlServer is empty.");
                services.AddDbContextFactory<SqlServerCallCenterDbContext>((sp, o) => o.UseSqlServer(sql).AddInterceptors(sp.GetRequiredService<Cti.ConfigChangeInterceptor>()));
                services.AddSingleton<IDbContextFactory<CallCenterDbContext>, CallCenterDbContextFactory<SqlServerCallCenterDbContext>>();
                break;
            default:
                var sqlite = SqliteConnectionString(configuration, contentRoot);
                services.AddDbContextFactory<SqliteCallCenterDbContext>((sp, o) => o.UseSqlite(sqlite).AddInterceptors(sp.GetRequiredService<Cti.ConfigChangeInterceptor>()));
                services.AddSingleton<IDbContextFactory<CallCenterDbContext>, CallCenterDbContextFactory<SqliteCallCenterDbContext>>();
                break;
        }
        // Identity's stores take a scoped context.
        services.AddScoped<CallCenterDbContext>(sp => sp.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContext());
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    /// <summary>
    /// ConnectionStrings:Sqlite, with <c>{DataFolder}</c> replaced by App:DataFolder (default "data", relative to the
    /// content root). The folder is created.
    /// </summary>
    public static string SqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var folder = configuration["App:DataFolder"];
        folder = Path.GetFullPath(string.IsNullOrWhiteSpace(folder) ? "data" : folder, contentRoot);
        Directory.CreateDirectory(folder);
        var cs = configuration.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(cs)) cs = "Data Source={DataFolder}/callcenter.db";
        return cs.Replace("{DataFolder}", folder);
    }

    public static IServiceCollection AddConfigurationServices(this IServiceCollection services)
    {
        services.AddScoped<TenantService>();
        services.AddScoped<ApiKeys.ApiKeyService>();
        services.AddScoped<DepartmentService>();
        services.AddScoped<ExtensionService>();
        services.AddScoped<AgentService>();
        services.AddScoped<Blacklists.BlacklistService>();
        services.AddScoped<RestTemplates.RestTemplateService>();
        services.AddScoped<AgentStates.CustomAgentStateService>();
        services.AddScoped<Acds.AcdService>();
        services.AddScoped<Ivr.IvrFlowService>();
        services.AddScoped<UserService>();
        services.AddScoped<CallRecordService>();
        services.AddSingleton<Softphone.SoftphoneProfileService>();
        services.AddScoped<RecordingService>();
        services.AddScoped<QueueRecordService>();
        services.AddScoped<IvrRecordService>();
        services.AddScoped<AgentStateRecordService>();
        services.AddScoped<RecordDeletion>();
        // The engine's recordings folder (AddCti); without the engine (tools, component tests), "recordings" here.
        services.AddSingleton(sp => new RecordingStore(sp.GetService<Domain.Cti.Engine.EngineOptions>()?.RecordingFolder ?? "recordings"));
        services.AddScoped<BlacklistCallService>();
        services.AddScoped<SatisfactionService>();
        services.AddScoped<VoicemailService>();
        return services;
    }
}
