using CallCenter.Domain.Records;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Records;
using CallCenter.Tests.Records;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Tests.Infrastructure;

/// <summary>
/// The console's history services over a real SQLite file: recordings, queue, IVR and agent-state records (filters, sort,
/// tenant scope, steps, streamed export), and <see cref="RecordDeletion"/>, the delete the §7 interfaces share.
/// </summary>
public class RecordServicesTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = default!;
    private const int T1 = 10001, T2 = TestData.OtherTenant;
    private static readonly TenantScope OnlyT1 = TenantScope.Of(T1);

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync(seedDemo: true); // the demo tenant has custom reason 9
        await using var ctx = _db.NewContext();
        ctx.Recordings.AddRange(
            RecordingSamples(1, T1, agent: "10001_1000", duration: 30, callType: 2),
            RecordingSamples(2, T1, agent: "10001_1001", duration: 90, callType: 3),
            RecordingSamples(3, T2, agent: "20001_1000", duration: 10, callType: 2));
        var q1 = RecordSamples.Queue(1, T1);
        var q2 = RecordSamples.Queue(2, T1);
        q2.Outcome = "abandoned";
        q2.HoldTime = 75;
        q2.Agent = null;
        ctx.QueueRecords.AddRange(q1, q2, RecordSamples.Queue(3, T2));
        var i2 = RecordSamples.Ivr(2, T1);
        i2.ExecuteContext = "inbound_ivr";
        ctx.IvrRecords.AddRange(RecordSamples.Ivr(1, T1), i2, RecordSamples.Ivr(3, T2));
        var ready = RecordSamples.AgentState(2, T1);
        ready.State = 1;
        ready.ReasonCode = -1;
        var custom = RecordSamples.AgentState(3, T1);
        custom.ReasonCode = 9;
        ctx.AgentStateRecords.AddRange(RecordSamples.AgentState(1, T1), ready, custom, RecordSamples.AgentState(4, T2));
        await ctx.SaveChangesAsync();
    }

    private static RecordingRecord RecordingSamples(int i, int tenant, string agent, int duration, int callType)
    {
        var r = RecordSamples.Recording(i, tenant);
        (r.Agent, r.Duration, r.CallType) = (agent, duration, callType);
        return r;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Recordings_list_newest_first_filter_sort_and_stay_in_the_callers_tenant()
    {
        var svc = _db.Get<RecordingService>();
        var all = await svc.ListAsync(new RecordingListQuery(), TenantScope.All);
        Assert.Equal(3, all.TotalCount);
        Assert.Equal(new[] { T2, T1, T1 }, all.Items.Select(r => r.TenantId)); // createTime desc

        var mine = await svc.ListAsync(new RecordingListQuery { TenantId = T2 }, OnlyT1); // the scope wins over the filter
        Assert.Equal(new[] { 90, 30 }, mine.Items.Select(r => r.Duration));
        Assert.Equal(new[] { 30, 90 }, (await svc.ListAsync(new RecordingListQuery { SortBy = "Duration" }, OnlyT1)).Items.Select(r => r.Duration));
        Assert.Equal("10001_1001", Assert.Single((await svc.ListAsync(new RecordingListQuery { CallType = 3 }, OnlyT1)).Items).Agent);
        Assert.Equal("10001_1000", Assert.Single((await svc.ListAsync(new RecordingListQuery { Agent = "10001_1000" }, OnlyT1)).Items).Agent);
        Assert.Single((await svc.ListAsync(new RecordingListQuery { Search = "000000000002" }, OnlyT1)).Items); // part of the call id

        var foreign = all.Items[0];
        Assert.Null(await svc.FindAsync(foreign.Id, OnlyT1));
        Assert.NotNull(await svc.FindAsync(foreign.Id, TenantScope.All));
        Assert.Equal(2, await svc.CountAsync(new RecordingListQuery(), OnlyT1));
        Assert.Equal(mine.Items.Select(r => r.Id), await svc.ExportAsync(new RecordingListQuery(), OnlyT1).Select(r => r.Id).ToListAsync());
    }

    [Fact]
    public async Task A_recordings_file_is_found_in_the_recordings_folder_and_never_outside_it()
    {
        var svc = _db.Get<RecordingService>();
        var store = _db.Get<RecordingStore>();
        var row = (await svc.ListAsync(new RecordingListQuery(), OnlyT1)).Items[0];
        Assert.Null((await svc.FileAsync(row.Id, OnlyT1))!.Value.Path); // nothing written yet: missing

        var path = store.PathOf(row.Filename)!;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, "RIFF"u8.ToArray());
        Assert.Equal(path, (await svc.FileAsync(row.Id, OnlyT1))!.Value.Path);
        Assert.StartsWith(store.Root, path);

        Assert.Null(store.PathOf("../callcenter.db"));
        Assert.Null(store.PathOf("/etc/passwd"));
        Assert.Null(store.PathOf(""));
    }

    [Fact]
    public async Task Queue_records_filter_by_outcome_acd_and_agent_and_show_their_steps_in_order()
    {
        var svc = _db.Get<QueueRecordService>();
        Assert.Equal(2, (await svc.ListAsync(new QueueRecordListQuery(), OnlyT1)).TotalCount);
        var abandoned = Assert.Single((await svc.ListAsync(new QueueRecordListQuery { Outcome = "abandoned" }, OnlyT1)).Items);
        Assert.Equal(75, abandoned.HoldTime);
        Assert.Equal(2, (await svc.ListAsync(new QueueRecordListQuery { Queue = "10001_8000" }, OnlyT1)).TotalCount);
        Assert.Empty((await svc.ListAsync(new QueueRecordListQuery { Queue = "10001_8001" }, OnlyT1)).Items);
        Assert.Single((await svc.ListAsync(new QueueRecordListQuery { Agent = "10001_1001" }, OnlyT1)).Items);
        Assert.Equal(new[] { 75, 40 }, (await svc.ListAsync(new QueueRecordListQuery { SortBy = "HoldTime", Descending = true }, OnlyT1))
            .Items.Select(r => r.HoldTime));

        var steps = await svc.StepsAsync(abandoned.Id, OnlyT1);
        Assert.Equal(new[] { 1, 2, 3 }, steps!.Select(s => s.Sequence));
        Assert.Equal(new int?[] { 1, 3, 1 }, steps.Select(s => s.NodeStatus));
        Assert.Null(await svc.StepsAsync(abandoned.Id, TenantScope.Of(T2)));
        Assert.Null(await svc.StepsAsync(999_999, TenantScope.All));
    }

    [Fact]
    public async Task Ivr_records_filter_by_context_and_show_their_event_trace()
    {
        var svc = _db.Get<IvrRecordService>();
        var inbound = Assert.Single((await svc.ListAsync(new IvrRecordListQuery { ExecuteContext = "inbound_ivr" }, OnlyT1)).Items);
        Assert.Equal(T1, inbound.TenantId);
        Assert.Equal(3, (await svc.ListAsync(new IvrRecordListQuery(), TenantScope.All)).TotalCount);
        Assert.Equal(2, (await svc.ListAsync(new IvrRecordListQuery { Search = "Welcome" }, OnlyT1)).TotalCount);
        var steps = await svc.StepsAsync(inbound.Id, OnlyT1);
        Assert.Equal(new[] { "start", "start_ivr_component", "end_ivr_component" }, steps!.Select(s => s.IvrStatus));
        Assert.Null(await svc.StepsAsync(inbound.Id, TenantScope.Of(T2)));
    }

    [Fact]
    public async Task Agent_state_records_are_named_with_built_in_and_the_tenants_custom_reasons()
    {
        var svc = _db.Get<AgentStateRecordService>();
        var rows = (await svc.ListAsync(new AgentStateRecordListQuery(), OnlyT1)).Items;
        Assert.Equal(new[] { "Busy · 免打扰 Do not disturb", "Ready", "Busy · Busy" }, rows.Select(r => r.StateText));
        Assert.Equal(new[] { "Busy · 免打扰 Do not disturb", "Ready", "Busy · Busy" }, await svc.ExportAsync(new AgentStateRecordListQuery(), OnlyT1)
            .Select(r => r.StateText).ToListAsync());
        Assert.Equal("Ready", Assert.Single((await svc.ListAsync(new AgentStateRecordListQuery { State = 1 }, OnlyT1)).Items).StateText);
        // The other tenant's reason 9 is not T1's custom state.
        var foreign = await svc.ListAsync(new AgentStateRecordListQuery { TenantId = T2 }, TenantScope.All);
        Assert.Equal("Busy · Busy", Assert.Single(foreign.Items).StateText);
        Assert.Equal("忙碌", AgentStateRecordService.WireText(2, 42, new Dictionary<int, string>()));
        Assert.Equal("Training", AgentStateRecordService.WireText(2, 9, new Dictionary<int, string> { [9] = "Training" }));
    }

    [Fact]
    public async Task Deleting_by_id_or_call_id_stays_in_the_tenant_and_takes_steps_and_recording_files_along()
    {
        var deletion = _db.Get<RecordDeletion>();
        var store = _db.Get<RecordingStore>();
        await using var ctx = _db.NewContext();
        var queue = await ctx.QueueRecords.FirstAsync(r => r.TenantId == T1);
        var foreignQueue = await ctx.QueueRecords.FirstAsync(r => r.TenantId == T2);

        Assert.Equal(0, await deletion.DeleteAsync(RecordKind.QueueRecords, [foreignQueue.Id], [], T1));
        Assert.Equal(1, await deletion.DeleteAsync(RecordKind.QueueRecords, [queue.Id], [], T1));
        Assert.False(await ctx.QueueSteps.AnyAsync(s => s.QueueRecordId == queue.Id));
        Assert.True(await ctx.QueueSteps.AnyAsync(s => s.QueueRecordId == foreignQueue.Id));

        var ivr = await ctx.IvrRecords.FirstAsync(r => r.TenantId == T1);
        Assert.Equal(1, await deletion.DeleteAsync(RecordKind.IvrRecords, [], [ivr.CallId], null));
        Assert.False(await ctx.IvrSteps.AnyAsync(s => s.IvrRecordId == ivr.Id));

        var recording = await ctx.Recordings.FirstAsync(r => r.TenantId == T1);
        var file = store.PathOf(recording.Filename)!;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, "RIFF"u8.ToArray());
        Assert.Equal(1, await deletion.DeleteAsync(RecordKind.Recordings, [recording.Id], [], T1));
        Assert.False(File.Exists(file));

        var states = await ctx.AgentStateRecords.Where(r => r.TenantId == T1).Select(r => r.Id).ToListAsync();
        Assert.Equal(3, await deletion.DeleteAsync(RecordKind.AgentStateRecords, states, [], T1));
        await Assert.ThrowsAsync<ArgumentException>(() => deletion.DeleteAsync(RecordKind.AgentStateRecords, [], ["call"], T1));
        Assert.Equal(0, await deletion.DeleteAsync(RecordKind.CallRecords, [123456], ["no-such-call"], null));
    }

    [Fact]
    public async Task Deleting_more_keys_than_one_statement_takes_goes_in_chunks_and_deletes_them_all()
    {
        // SQL Server takes at most 2100 parameters per statement: 2500 keys must not go into one IN (...).
        await using var ctx = _db.NewContext();
        ctx.AgentStateRecords.AddRange(Enumerable.Range(100, 2500).Select(i => RecordSamples.AgentState(i, T1)));
        await ctx.SaveChangesAsync();
        var ids = await ctx.AgentStateRecords.Where(r => r.TenantId == T1).Select(r => r.Id).ToListAsync();
        Assert.True(ids.Count > 2 * RecordDeletion.KeysPerStatement);
        Assert.Equal(ids.Count, await _db.Get<RecordDeletion>().DeleteAsync(RecordKind.AgentStateRecords, ids, [], T1));
        Assert.False(await ctx.AgentStateRecords.AnyAsync(r => r.TenantId == T1));
        Assert.True(await ctx.AgentStateRecords.AnyAsync(r => r.TenantId == T2));
    }
}
