using CallCenter.Domain.Common;
using CallCenter.Domain.Sms;
using CallCenter.Infrastructure.Data;
using CallCenter.Infrastructure.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallCenter.Infrastructure.Sms;

/// <summary>The SMS list's filters on top of paging, search (recipient, content or agent) and tenant.</summary>
public sealed record SmsListQuery : RecordListQuery
{
    public SmsListQuery() { }
    public SmsListQuery(ListQuery paging) : base(paging) { }
    /// <summary>A <see cref="SmsStates"/> value; null = any.</summary>
    public int? State { get; init; }
    /// <summary>A <see cref="SmsTypes"/> value; null = any.</summary>
    public int? Type { get; init; }
    /// <summary>true: read only; false: unread only; null = both.</summary>
    public bool? Read { get; init; }
}

/// <summary>One message as the list shows it. Times are UTC.</summary>
public sealed record SmsRow(long Id, int TenantId, DateTime CreatedTime, string? Agent, string? Extension, string Mobile, string? SourceMobile,
    int State, int Type, bool Read, string Content, string? Attr, string? CalleeId, string? FailureReason)
{
    public string StateText => SmsStates.Text(State);
    public string TypeText => SmsTypes.Text(Type);
}

/// <summary>What a send did: refused (nothing written), or one record per number with the gateway's state.</summary>
public sealed record SmsSendOutcome(Result Result, IReadOnlyList<SmsRecord> Records)
{
    public int Sent => Records.Count(r => SmsStates.Succeeded(r.State));
    public int Failed => Records.Count - Sent;
}

/// <summary>
/// SMS (§6.29, §7.1–§7.3): sends through the <see cref="ISmsGateway"/> and keeps one <see cref="SmsRecord"/> per
/// number with the gateway's answer; lists, marks read and deletes them within the caller's tenant scope.
/// </summary>
public sealed class SmsService(IDbContextFactory<CallCenterDbContext> dbFactory, ISmsGateway gateway, TimeProvider clock, ILogger<SmsService> log)
    : RecordListService<SmsListQuery, SmsRow>(dbFactory)
{
    /// <summary>
    /// Validates, checks that the sender is an agent of the tenant, hands each number to the gateway and records what it
    /// answered (a gateway that cannot be reached gives state -2 with the reason). Nothing is written when refused.
    /// </summary>
    public async Task<SmsSendOutcome> SendAsync(SmsSend send, TenantScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(send.TenantId)) return new(Result.Refused(TenantScope.OutOfScope), []);
        var errors = send.Validate();
        if (errors.Count > 0) return new(Result.Invalid(errors), []);
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        Dn.TryParse(send.Agent, out _, out var code);
        var agent = await db.Agents.AsNoTracking().Where(a => a.TenantId == send.TenantId && a.Code == code)
            .Select(a => new { a.Id, a.ExtensionId }).FirstOrDefaultAsync(ct);
        if (agent is null)
            return new(Result.Invalid(nameof(SmsSend.Agent), $"Agent {send.Agent} does not exist in tenant {send.TenantId}."), []);
        var extension = agent.ExtensionId is int e
            ? await db.Extensions.AsNoTracking().Where(x => x.Id == e).Select(x => x.Number).FirstOrDefaultAsync(ct)
            : null;

        // From here on the messages go out: the send is finished and recorded even when the caller goes away, so no
        // message the gateway took is left without its record.
        ct = CancellationToken.None;
        var now = clock.GetUtcNow().UtcDateTime;
        var records = new List<SmsRecord>();
        foreach (var number in send.Numbers)
        {
            SmsDelivery delivery;
            try
            {
                delivery = await gateway.SendAsync(new SmsOutgoing(send.TenantId, number, send.Content, send.Gateway, send.Port), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "SMS gateway failed for {Number} of tenant {Tenant}", number, send.TenantId);
                delivery = new SmsDelivery(SmsStates.Failed, $"The gateway failed: {ex.Message}", null);
            }
            records.Add(new SmsRecord
            {
                TenantId = send.TenantId, Agent = send.Agent, Extension = extension, CalleeId = send.CalleeId, Mobile = number,
                SourceMobile = delivery.SourceMobile, CreatedTime = now, State = delivery.State, Content = send.Content, Type = send.Type,
                Attr = string.IsNullOrEmpty(send.Attr) ? null : send.Attr, Gateway = send.Gateway, Port = send.Port,
                FailureReason = delivery.Reason is { Length: > 200 } r ? r[..200] : delivery.Reason,
            });
        }
        db.SmsRecords.AddRange(records);
        await db.SaveChangesAsync(ct);
        return new(Result.Ok(), records);
    }

    protected override IQueryable<SmsRow> Query(CallCenterDbContext db, SmsListQuery q, TenantScope scope) => Filter(db, q, scope);

    /// <summary>Marks the caller's messages with these ids read; the number of messages found.</summary>
    public async Task<int> MarkReadAsync(IReadOnlyCollection<long> ids, TenantScope scope, CancellationToken ct = default)
    {
        if (ids.Count == 0) return 0;
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        return await Own(db, scope).Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Read, true), ct);
    }

    /// <summary>
    /// Deletes the caller's messages with these ids and/or of these calls (both given: both must match); the number
    /// deleted. Nothing is deleted when neither is given.
    /// </summary>
    public async Task<int> DeleteAsync(IReadOnlyCollection<long> ids, IReadOnlyCollection<string> calleeIds, TenantScope scope,
        CancellationToken ct = default)
    {
        if (ids.Count == 0 && calleeIds.Count == 0) return 0;
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var q = Own(db, scope);
        if (ids.Count > 0) q = q.Where(r => ids.Contains(r.Id));
        if (calleeIds.Count > 0) q = q.Where(r => calleeIds.Contains(r.CalleeId!));
        return await q.ExecuteDeleteAsync(ct);
    }

    /// <summary>One message, for the console's delete: refused when it is gone or out of scope.</summary>
    public async Task<Result> DeleteAsync(long id, TenantScope scope, CancellationToken ct = default) =>
        await DeleteAsync([id], [], scope, ct) > 0 ? Result.Ok() : Result.Refused("This message no longer exists.");

    /// <summary>The tenant's agents (number and name), for the send dialog's sender picker.</summary>
    public async Task<List<(string Dn, string Name)>> SenderChoicesAsync(int tenantId, TenantScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(tenantId)) return new();
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var rows = await db.Agents.AsNoTracking().Where(a => a.TenantId == tenantId).OrderBy(a => a.Code.Length).ThenBy(a => a.Code)
            .Select(a => new { a.TenantId, a.Code, a.NameCn }).ToListAsync(ct);
        return rows.Select(r => (Dn.Of(r.TenantId, r.Code), r.NameCn)).ToList();
    }

    private static IQueryable<SmsRecord> Own(CallCenterDbContext db, TenantScope scope) =>
        scope.TenantId is int only ? db.SmsRecords.Where(r => r.TenantId == only) : db.SmsRecords;

    private static IQueryable<SmsRow> Filter(CallCenterDbContext db, SmsListQuery q, TenantScope scope)
    {
        var rows = InScope(db.SmsRecords.AsNoTracking(), scope, q.TenantId);
        if (q.State is int state) rows = rows.Where(r => r.State == state);
        if (q.Type is int type) rows = rows.Where(r => r.Type == type);
        if (q.Read is bool read) rows = rows.Where(r => r.Read == read);
        rows = Between(rows, r => r.CreatedTime, q);
        if (AgentOf(q) is { } agent) rows = rows.Where(r => r.Agent == agent);
        if (Like(q) is { } like)
            rows = rows.Where(r => EF.Functions.Like(r.Mobile, like, "\\") || EF.Functions.Like(r.Content, like, "\\")
                                   || EF.Functions.Like(r.Agent ?? "", like, "\\"));
        rows = q.SortBy switch
        {
            "CreatedTime" when !q.Descending => Order(rows, r => r.CreatedTime, false),
            "State" => Order(rows, r => r.State, q.Descending),
            "Mobile" => Order(rows, r => r.Mobile, q.Descending),
            _ => Order(rows, r => r.CreatedTime, true),
        };
        return rows.Select(r => new SmsRow(r.Id, r.TenantId, r.CreatedTime, r.Agent, r.Extension, r.Mobile, r.SourceMobile, r.State, r.Type,
            r.Read, r.Content, r.Attr, r.CalleeId, r.FailureReason));
    }
}

public static class SmsSetup
{
    /// <summary>The SMS service and its gateway: the simulated one (options from the <c>Sms</c> section; invalid options fail here).</summary>
    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SmsOptions.Section).Get<SmsOptions>() ?? new SmsOptions();
        var errors = options.Validate();
        if (errors.Count > 0) throw new InvalidOperationException("Invalid " + SmsOptions.Section + " configuration: " + string.Join(" ", errors));
        services.AddSingleton(options);
        services.AddSingleton<SimulatedSmsGateway>();
        services.AddSingleton<ISmsGateway>(sp => sp.GetRequiredService<SimulatedSmsGateway>());
        services.AddScoped<SmsService>();
        return services;
    }
}
