using CallCenter.Domain.Acds;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Ivr;
using CallCenter.Domain.Records;
using CallCenter.Domain.Sms;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Acds;
using CallCenter.Infrastructure.Agents;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Ivr;
using CallCenter.Infrastructure.Records;
using CallCenter.Infrastructure.Sms;
using CallCenter.Tests.Domain;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static CallCenter.Tests.Support.TestData;

namespace CallCenter.Tests.Infrastructure;

/// <summary>
/// The services behind the blacklist-call, satisfaction, voicemail and SMS pages, and the configuration they hang on:
/// an ACD's survey flow and voicemail box. Real SQLite with the demo tenant.
/// </summary>
public sealed class ServiceRecordServiceTests : IAsyncLifetime
{
    private const int Demo = DemoData.TenantId;
    private static readonly TenantScope All = TenantScope.All;
    private SqliteTestDatabase _db = default!;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
        await _db.AddTenantAsync(OtherTenant);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static DateTime Utc(int day, int hour = 10) => new DateTime(2026, 3, day, hour, 0, 0, DateTimeKind.Local).ToUniversalTime();

    // ------------------------------------------------------------------ ACD survey flow and voicemail box

    [Fact]
    public async Task An_acd_takes_an_existing_survey_flow_and_an_existing_agents_voicemail_box_of_its_tenant()
    {
        var svc = _db.Get<AcdService>();
        var ivr = await _db.QueryAsync(c => c.IvrFlows.Where(f => f.TenantId == Demo).Select(f => f.Id).FirstAsync());
        var theirs = (await _db.AddAsync(new IvrFlow { TenantId = OtherTenant, Name = "Theirs" })).Id;
        Acd Input(string box, int? survey) => new()
        {
            TenantId = Demo, Code = "8100", Name = "After hours", OverflowAction = OverflowAction.ToVoicemail, OverflowTarget = box,
            SatisfactionIvrId = survey,
        };

        Assert.Equal("Agent 10001_1099 does not exist in tenant 10001.", (await svc.CreateAsync(Input("10001_1099", null), All)).ErrorFor("OverflowTarget"));
        Assert.Equal($"IVR flow {theirs} does not exist in tenant 10001.",
            (await svc.CreateAsync(Input("10001_1009", theirs), All)).ErrorFor("SatisfactionIvrId"));
        var ok = await svc.CreateAsync(Input(" 10001_1009 ", ivr), All);
        Assert.True(ok.Succeeded, ok.Describe());
        var stored = await _db.QueryAsync(c => c.Acds.SingleAsync(a => a.Code == "8100"));
        Assert.Equal(("10001_1009", ivr), (stored.OverflowTarget, stored.SatisfactionIvrId));
        Assert.Equal("Voicemail of 10001_1009", (await svc.ListAsync(new AcdListQuery { Search = "8100" }, All)).Items.Single().OverflowText);

        // What the ACD uses cannot be deleted under it.
        var flowDelete = await _db.Get<IvrFlowService>().DeleteAsync(ivr, All);
        Assert.Contains("satisfaction survey", flowDelete.Refusal);
        var box = await _db.QueryAsync(c => c.Agents.Where(a => a.TenantId == Demo && a.Code == "1009").Select(a => a.Id).SingleAsync());
        await _db.QueryAsync(c => c.AcdMembers.Where(m => m.AgentId == box).ExecuteDeleteAsync());
        var agentDelete = await _db.Get<AgentService>().DeleteAsync(box, All);
        Assert.Equal("Agent 10001_1009 holds the voicemail box of ACD 10001_8100; change that overflow first.", agentDelete.Refusal);
    }

    // ------------------------------------------------------------------ SMS

    private SmsService Sms(SimulatedSmsGateway gateway) => new(_db.Factory, gateway, _db.Clock, NullLogger<SmsService>.Instance);

    [Fact]
    public async Task Send_records_one_message_per_number_with_the_gateways_state_and_the_agents_extension()
    {
        var gateway = new SimulatedSmsGateway(new SmsOptions { FailNumbers = ["13800000000", "170*"], FailState = SmsStates.WrongNumber });
        var outcome = await Sms(gateway).SendAsync(new SmsSend
        {
            TenantId = Demo, Agent = "10001_1003", Numbers = ["18200000001", "13800000000", "17012345678"], Content = "Hello", Type = SmsTypes.HangUp,
            Attr = "campaign-1", CalleeId = "call-9",
        }, All);

        Assert.True(outcome.Result.Succeeded, outcome.Result.Describe());
        Assert.Equal((1, 2), (outcome.Sent, outcome.Failed));
        var rows = await _db.QueryAsync(c => c.SmsRecords.OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(new[] { SmsStates.Sent, SmsStates.WrongNumber, SmsStates.WrongNumber }, rows.Select(r => r.State));
        Assert.All(rows, r =>
        {
            Assert.Equal(("10001_1003", "1003", "106900000000", "campaign-1", "call-9", 1, false),
                (r.Agent, r.Extension, r.SourceMobile, r.Attr, r.CalleeId, r.Type, r.Read));
            Assert.Equal(_db.Clock.Now.UtcDateTime, r.CreatedTime);
        });
        Assert.Contains("Sms:FailNumbers", rows[1].FailureReason);
        Assert.Equal(3, gateway.Outbox.Count);
    }

    [Fact]
    public async Task Send_refuses_bad_input_unknown_senders_and_other_tenants_and_writes_nothing()
    {
        var svc = Sms(new SimulatedSmsGateway(new SmsOptions()));
        SmsSend Valid() => new() { TenantId = Demo, Agent = "10001_1000", Numbers = ["18200000001"], Content = "Hi" };

        Assert.Equal("Agent", (await svc.SendAsync(Valid() with { Agent = "10001_1099" }, All)).Result.Errors.Single().Field);
        Assert.Equal("Agent", (await svc.SendAsync(Valid() with { Agent = "20001_1000" }, All)).Result.Errors.Single().Field);
        Assert.Equal("Numbers", (await svc.SendAsync(Valid() with { Numbers = ["12"] }, All)).Result.Errors.Single().Field);
        Assert.Equal(TenantScope.OutOfScope, (await svc.SendAsync(Valid(), TenantScope.Of(OtherTenant))).Result.Refusal);
        Assert.Equal(0, await _db.CountAsync<SmsRecord>());
    }

    [Fact]
    public async Task A_gateway_that_throws_leaves_send_failed_records_with_the_reason()
    {
        var svc = new SmsService(_db.Factory, new BrokenGateway(), _db.Clock, NullLogger<SmsService>.Instance);
        var outcome = await svc.SendAsync(new SmsSend { TenantId = Demo, Agent = "10001_1000", Numbers = ["18200000001"], Content = "Hi" }, All);
        var row = Assert.Single(outcome.Records);
        Assert.Equal((SmsStates.Failed, "The gateway failed: carrier unreachable"), (row.State, row.FailureReason));
        Assert.Equal(1, await _db.CountAsync<SmsRecord>());
    }

    [Fact]
    public async Task A_send_cancelled_after_the_gateway_took_a_message_still_records_every_message_it_handed_over()
    {
        using var cts = new CancellationTokenSource();
        var gateway = new CancellingGateway(cts);
        var svc = new SmsService(_db.Factory, gateway, _db.Clock, NullLogger<SmsService>.Instance);
        await svc.SendAsync(new SmsSend { TenantId = Demo, Agent = "10001_1000", Numbers = ["18200000001", "18200000002"], Content = "Hi" },
            All, cts.Token);
        Assert.Equal(2, gateway.Sent);
        Assert.Equal(2, await _db.CountAsync<SmsRecord>());
    }

    /// <summary>Takes each message, then the caller goes away (the request is aborted) after the first.</summary>
    private sealed class CancellingGateway(CancellationTokenSource cts) : ISmsGateway
    {
        public int Sent;
        public Task<SmsDelivery> SendAsync(SmsOutgoing message, CancellationToken ct = default)
        {
            ct.ThrowIfCancellationRequested();
            Sent++;
            cts.Cancel();
            return Task.FromResult(new SmsDelivery(SmsStates.Sent, null, "106900000000"));
        }
    }

    private sealed class BrokenGateway : ISmsGateway
    {
        public Task<SmsDelivery> SendAsync(SmsOutgoing message, CancellationToken ct = default) => throw new HttpRequestException("carrier unreachable");
    }

    [Fact]
    public async Task The_list_filters_pages_marks_read_and_deletes_within_the_scope()
    {
        var svc = Sms(new SimulatedSmsGateway(new SmsOptions { FailNumbers = ["170*"] }));
        await svc.SendAsync(new SmsSend { TenantId = Demo, Agent = "10001_1000", Numbers = ["18200000001", "17000000001"], Content = "Parcel ready" }, All);
        await _db.AddAsync(new SmsRecord { TenantId = OtherTenant, Agent = "20001_1000", Mobile = "18200000001", Content = "Theirs", CreatedTime = Utc(1) });

        var mine = await svc.ListAsync(new SmsListQuery { TenantId = Demo }, All);
        Assert.Equal(2, mine.TotalCount);
        Assert.Equal("17000000001", Assert.Single((await svc.ListAsync(new SmsListQuery { State = SmsStates.Failed }, All)).Items).Mobile);
        Assert.Equal(2, (await svc.ListAsync(new SmsListQuery { Search = "parcel" }, All)).TotalCount);
        Assert.Single((await svc.ListAsync(new SmsListQuery { Search = "Theirs" }, All)).Items);
        Assert.Empty((await svc.ListAsync(new SmsListQuery { Search = "Theirs" }, TenantScope.Of(Demo))).Items);
        Assert.Equal(3, await svc.ExportAsync(new SmsListQuery(), All).CountAsync());
        Assert.Equal(3, await svc.CountAsync(new SmsListQuery(), All));

        var ids = mine.Items.Select(r => r.Id).ToList();
        var theirs = await _db.QueryAsync(c => c.SmsRecords.Where(r => r.TenantId == OtherTenant).Select(r => r.Id).SingleAsync());
        Assert.Equal(0, await svc.MarkReadAsync([theirs], TenantScope.Of(Demo)));
        Assert.Equal(2, await svc.MarkReadAsync(ids, TenantScope.Of(Demo)));
        Assert.Equal(2, (await svc.ListAsync(new SmsListQuery { Read = true }, All)).TotalCount);
        Assert.Equal("This message no longer exists.", (await svc.DeleteAsync(theirs, TenantScope.Of(Demo))).Refusal);
        Assert.True((await svc.DeleteAsync(ids[0], TenantScope.Of(Demo))).Succeeded);
        Assert.Equal(2, await _db.CountAsync<SmsRecord>());
        Assert.Equal(0, await svc.DeleteAsync([], [], All));
    }

    [Fact]
    public void The_simulated_gateways_options_refuse_a_success_as_failure_state()
    {
        Assert.Empty(new SmsOptions().Validate());
        Assert.NotEmpty(new SmsOptions { FailState = SmsStates.Sent }.Validate());
        Assert.NotEmpty(new SmsOptions { FailState = 42 }.Validate());
        Assert.NotEmpty(new SmsOptions { SenderNumber = " " }.Validate());
    }

    // ------------------------------------------------------------------ blacklist calls, satisfaction, voicemail

    [Fact]
    public async Task Blacklist_calls_list_by_direction_day_agent_and_search_in_scope()
    {
        await _db.AddAsync(new BlacklistCallRecord { TenantId = Demo, CtiCallType = 2, CallerIdNumber = "13800000000", DestinationNumber = "4008000000",
            BlockedNumber = "13800000000", StartStamp = Utc(1), EndStamp = Utc(1), CtiCallId = "a" });
        await _db.AddAsync(new BlacklistCallRecord { TenantId = Demo, CtiCallType = 3, Agent = "10001_1000", CallerIdNumber = "1000",
            DestinationNumber = "13900000000", BlockedNumber = "13900000000", StartStamp = Utc(2), EndStamp = Utc(2), CtiCallId = "b" });
        await _db.AddAsync(new BlacklistCallRecord { TenantId = OtherTenant, CtiCallType = 2, CallerIdNumber = "13800000000", StartStamp = Utc(2),
            EndStamp = Utc(2), CtiCallId = "c" });
        var svc = _db.Get<BlacklistCallService>();

        Assert.Equal(new[] { "b", "a" }, (await svc.ListAsync(new BlacklistCallListQuery(), TenantScope.Of(Demo))).Items.Select(r => r.CtiCallId));
        Assert.Equal("a", (await svc.ListAsync(new BlacklistCallListQuery { Direction = 2 }, TenantScope.Of(Demo))).Items.Single().CtiCallId);
        Assert.Equal("b", (await svc.ListAsync(new BlacklistCallListQuery { Agent = "10001_1000" }, All)).Items.Single().CtiCallId);
        Assert.Equal("b", (await svc.ListAsync(new BlacklistCallListQuery { From = new DateOnly(2026, 3, 2), To = new DateOnly(2026, 3, 2), TenantId = Demo }, All)).Items.Single().CtiCallId);
        Assert.Equal(2, (await svc.ListAsync(new BlacklistCallListQuery { Search = "138" }, All)).TotalCount);
        Assert.Equal("Outbound", (await svc.ExportAsync(new BlacklistCallListQuery { Search = "139" }, All).SingleAsync()).DirectionText);
        Assert.Equal(1, await svc.CountAsync(new BlacklistCallListQuery { Search = "139" }, All));
    }

    [Fact]
    public async Task The_satisfaction_summary_counts_keys_overall_and_per_agent_for_the_lists_filters()
    {
        SatisfactionRecord Survey(string? digit, string? agent, int day, int tenant = Demo) => new()
        {
            TenantId = tenant, CallId = Guid.NewGuid().ToString(), StartTime = Utc(day), EndTime = Utc(day), Ani = "139", Dnis = "400",
            CallType = 2, IvrDtmfDigit = digit, StopCause = digit is null ? "FAILED" : "SUCCESS", IvrId = 1, IvrName = "Survey", Agent = agent,
            Queue = "10001_8000",
        };
        foreach (var s in new[]
                 {
                     Survey("1", "10001_1000", 1), Survey("1", "10001_1000", 1), Survey("3", "10001_1000", 2), Survey("2", "10001_1001", 2),
                     Survey(null, "10001_1001", 3), Survey("1", "20001_1000", 1, OtherTenant),
                 })
            await _db.AddAsync(s);
        var svc = _db.Get<SatisfactionService>();

        var summary = await svc.SummaryAsync(new SatisfactionListQuery(), TenantScope.Of(Demo));
        Assert.Equal((5, 4), (summary.Total, summary.Keyed));
        Assert.Equal(new[] { ("1", 2), ("2", 1), ("3", 1) }, summary.ByDigit);
        Assert.Equal(new[] { "10001_1000", "10001_1001" }, summary.ByAgent.Select(a => a.Agent));
        Assert.Equal((3, 2), (summary.ByAgent[0].Total, summary.ByAgent[0].ByDigit["1"]));

        var day2 = await svc.SummaryAsync(new SatisfactionListQuery { From = new DateOnly(2026, 3, 2), To = new DateOnly(2026, 3, 2) }, TenantScope.Of(Demo));
        Assert.Equal(2, day2.Total);
        Assert.Equal(1, (await svc.ListAsync(new SatisfactionListQuery { Digit = "" }, All)).TotalCount); // no key pressed
        Assert.Equal(3, (await svc.ListAsync(new SatisfactionListQuery { Digit = "1" }, All)).TotalCount);

        var counts = await svc.CountAsync([Demo], Utc(1), Utc(2), ["1", "3"]);
        Assert.Equal(new (string?, string, int)[] { ("10001_1000", "1", 2), ("10001_1000", "3", 1) },
            counts.OrderBy(c => c.Digit).Select(c => (c.Agent, c.Digit, c.Count)));
    }

    [Fact]
    public async Task A_voicemail_file_is_served_only_from_inside_the_voicemail_folder_and_in_scope()
    {
        var folder = Path.Combine(_db.Folder, "voicemail");
        Directory.CreateDirectory(Path.Combine(folder, "10001"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "10001", "msg_a.wav"), [1, 2, 3]);
        await File.WriteAllBytesAsync(Path.Combine(_db.Folder, "secret.wav"), [9]);
        var mine = await _db.AddAsync(new VoicemailRecord { TenantId = Demo, CallId = "a", CidNumber = "139", FilePath = "10001/msg_a.wav", CreateTime = Utc(1) });
        var escape = await _db.AddAsync(new VoicemailRecord { TenantId = Demo, CallId = "b", CidNumber = "139", FilePath = "../secret.wav", CreateTime = Utc(1) });
        var missing = await _db.AddAsync(new VoicemailRecord { TenantId = Demo, CallId = "c", CidNumber = "139", FilePath = "10001/gone.wav", CreateTime = Utc(1) });
        var svc = new VoicemailService(_db.Factory, new EngineOptions { VoicemailFolder = folder });

        var file = await svc.FileAsync(mine.Id, All);
        Assert.Equal((Path.Combine(folder, "10001", "msg_a.wav"), "msg_a.wav"), (file?.FullPath, file?.DownloadName));
        Assert.Null(await svc.FileAsync(mine.Id, TenantScope.Of(OtherTenant)));
        Assert.Null(await svc.FileAsync(escape.Id, All));
        Assert.Null(await svc.FileAsync(missing.Id, All));
        Assert.Equal(3, (await svc.ListAsync(new VoicemailListQuery { Search = "139" }, All)).TotalCount);
    }
}
