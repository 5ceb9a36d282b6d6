using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Telephony;
using CallCenter.Infrastructure.Data;
using CallCenter.Infrastructure.Telephony.Simulated;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallCenter.Infrastructure.Cti;

/// <summary>The <c>Cti</c> section of configuration.</summary>
public sealed class CtiOptions
{
    public const string Section = "Cti";

    /// <summary>Seconds a logged-in agent whose socket dropped keeps its state, waiting for the client to resume.</summary>
    public int ResumeGraceSeconds { get; set; } = 60;

    /// <summary>Folder for call recordings, relative to App:DataFolder.</summary>
    public string RecordingFolder { get; set; } = "recordings";

    /// <summary>Folder for voicemail messages (ACD overflow "to voicemail"), relative to App:DataFolder.</summary>
    public string VoicemailFolder { get; set; } = "voicemail";

    /// <summary>Longest voicemail message in seconds; the call ends when it is reached.</summary>
    public int VoicemailMaxSeconds { get; set; } = 60;

    /// <summary>Simulation only: register every enabled extension at start, as if each softphone were online.</summary>
    public bool RegisterAllExtensions { get; set; } = true;

    /// <summary>
    /// When true, an agent socket must present a same-origin console sign-in or an API key (HTTP 401 otherwise). Default
    /// false: as the source documents, the protocol carries no credentials and a plain client connects as it is.
    /// </summary>
    public bool RequireSignIn { get; set; }
}

public static class CtiSetup
{
    /// <summary>The CTI engine host and the telephony behind it (the simulated switch, the embedded default).</summary>
    public static IServiceCollection AddCti(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(CtiOptions.Section).Get<CtiOptions>() ?? new CtiOptions();
        var dataFolder = configuration["App:DataFolder"];
        dataFolder = Path.GetFullPath(string.IsNullOrWhiteSpace(dataFolder) ? "data" : dataFolder, contentRoot);
        services.AddSingleton(options);
        services.AddSingleton(new EngineOptions
        {
            ResumeGrace = TimeSpan.FromSeconds(Math.Max(0, options.ResumeGraceSeconds)),
            RecordingFolder = Path.Combine(dataFolder, options.RecordingFolder),
            VoicemailFolder = Path.Combine(dataFolder, options.VoicemailFolder),
            VoicemailMaxSeconds = Math.Clamp(options.VoicemailMaxSeconds, 1, 3600),
        });
        services.AddSimulatedSwitch(configuration);
        services.AddSingleton<TenantConfigLoader>();
        services.AddSingleton<CtiEngineHost>();
        services.AddSingleton<SupervisorService>();
        // Order matters: the engines exist before the switch starts reporting.
        services.AddHostedService(sp => sp.GetRequiredService<CtiEngineHost>());
        services.AddHostedService<SimulationBootstrap>();
        return services;
    }
}

/// <summary>Connects the simulated switch to the engines and brings the configured extensions online.</summary>
public sealed class SimulationBootstrap(
    SimulatedSwitch sim,
    CtiEngineHost host,
    CtiOptions options,
    IDbContextFactory<CallCenterDbContext> dbFactory,
    ILogger<SimulationBootstrap> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        sim.Connect(host);
        if (!options.RegisterAllExtensions) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var extensions = await db.Extensions.AsNoTracking()
            .Where(e => e.Status == Domain.Common.AccountStatus.Enabled)
            .Select(e => new { e.TenantId, e.Number }).ToListAsync(ct);
        foreach (var e in extensions) sim.RegisterExtension(e.TenantId, e.Number);
        log.LogInformation("Simulated switch: {Count} extensions registered", extensions.Count);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
