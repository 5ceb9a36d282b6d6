using System.Collections.Concurrent;
using CallCenter.Domain.Common;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallCenter.Infrastructure.Cti;

/// <summary>
/// Owns one <see cref="TenantEngine"/> per tenant, routes the switch's events to them, and reloads a tenant's engine
/// configuration when the console changes it. Started with the host; stopped (engines drained) with it.
/// </summary>
public sealed class CtiEngineHost(
    TenantConfigLoader loader,
    ISwitch @switch,
    IRecordSink records,
    TimeProvider clock,
    EngineOptions options,
    ILogger<CtiEngineHost> log) : ISwitchEventSink, IHostedService, IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<int, TenantEngine> _engines = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Raised when an engine is created (observers such as the wallboard attach to its change events).</summary>
    public event Action<TenantEngine>? EngineStarted;

    public IReadOnlyCollection<TenantEngine> Engines => _engines.Values.ToList();

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var tenant in await loader.TenantIdsAsync(ct)) await GetOrCreateAsync(tenant, ct);
        log.LogInformation("CTI engine started for {Count} tenants", _engines.Count);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        // Host stop and container disposal may both come here: each engine is taken (and stopped) once.
        foreach (var tenant in _engines.Keys.ToList())
            if (_engines.TryRemove(tenant, out var engine)) await engine.DisposeAsync();
    }

    public TenantEngine? Find(int tenantId) => _engines.GetValueOrDefault(tenantId);

    /// <summary>The engine of an agent DN's tenant (created on first use); null when the DN names no tenant.</summary>
    public async Task<TenantEngine?> ForDnAsync(string? dn, CancellationToken ct = default) =>
        Dn.TryParse(dn, out var tenant, out _) ? await GetOrCreateAsync(tenant, ct) : null;

    public async Task<TenantEngine?> GetOrCreateAsync(int tenantId, CancellationToken ct = default)
    {
        if (_engines.TryGetValue(tenantId, out var engine)) return engine;
        await _gate.WaitAsync(ct);
        try
        {
            if (_engines.TryGetValue(tenantId, out engine)) return engine;
            var config = await loader.LoadAsync(tenantId, ct);
            if (config is null) return null;
            var started = clock.GetUtcNow().UtcDateTime;
            engine = new TenantEngine(config, @switch, records, clock, options,
                (message, ex) => log.LogError(ex, "{Message}", message));
            await ReplayTodayAsync(engine, started, ct);
            _engines[tenantId] = engine;
            EngineStarted?.Invoke(engine);
            return engine;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A restart during the day keeps the day's ACD figures: the queue records written before the engine started are
    /// added to them (the engine keeps those of its own day; a window of 25 h covers any time zone's day start).
    /// </summary>
    private async Task ReplayTodayAsync(TenantEngine engine, DateTime startedUtc, CancellationToken ct)
    {
        try
        {
            var today = await loader.QueueRecordsAsync(engine.TenantId, startedUtc.AddHours(-25), startedUtc, ct);
            if (today.Count > 0) engine.Post(new ReplayQueueRecords(today));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Today's ACD figures of tenant {Tenant} start from zero: the queue records could not be read", engine.TenantId);
        }
    }

    /// <summary>Reloads the configuration of the tenants given (an engine is created for a new tenant).</summary>
    public async Task ReloadAsync(IEnumerable<int> tenantIds, CancellationToken ct = default)
    {
        foreach (var tenant in tenantIds.Distinct())
        {
            try
            {
                if (!_engines.TryGetValue(tenant, out var engine))
                {
                    await GetOrCreateAsync(tenant, ct);
                    continue;
                }
                var config = await loader.LoadAsync(tenant, ct);
                if (config is not null) engine.Post(new ConfigChanged(config));
                else if (_engines.TryRemove(tenant, out var gone)) await gone.DisposeAsync();
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Reloading the CTI configuration of tenant {Tenant} failed", tenant);
            }
        }
    }

    public Task ReloadAllAsync(CancellationToken ct = default) => ReloadAsync(_engines.Keys.ToList(), ct);

    /// <summary>From the switch: to the tenant's engine, in order.</summary>
    public void Publish(SwitchEvent e)
    {
        if (_engines.TryGetValue(e.TenantId, out var engine))
        {
            engine.Post(new SwitchInput(e));
            return;
        }
        // A tenant without an engine yet (created after start): create it, then deliver.
        _ = Task.Run(async () =>
        {
            var created = await GetOrCreateAsync(e.TenantId);
            if (created is null) log.LogWarning("Switch event for unknown tenant {Tenant}: {Event}", e.TenantId, e.GetType().Name);
            else created.Post(new SwitchInput(e));
        });
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _gate.Dispose();
    }

    /// <summary>For containers disposed synchronously: the engines stop their loops without waiting on a context.</summary>
    public void Dispose() => Task.Run(() => DisposeAsync().AsTask()).GetAwaiter().GetResult();
}
