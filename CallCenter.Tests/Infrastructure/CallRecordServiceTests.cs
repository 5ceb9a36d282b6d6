using CallCenter.Domain.Common;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Records;
using CallCenter.Tests.Support;

namespace CallCenter.Tests.Infrastructure;

/// <summary>CallRecordService against a real, migrated SQLite file: filters, sorting, paging, tenant scope, one call's detail.</summary>
public class CallRecordServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = default!;
    private CallRecordService Svc => _db.Get<CallRecordService>();
    private const int T1 = 10001, T2 = TestData.OtherTenant;

    /// <summary>A local wall-clock time as the UTC the engine stores, so day filters hold in any time zone.</summary>
    private static DateTime Utc(int month, int day, int hour, int minute = 0) =>
        new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Local).ToUniversalTime();

    private static CallRecord Leg(int tenant, string callId, string agent, int type, DateTime start, int billsec, int duration,
        string caller = "13800000001", string dest = "10001_8000", string? attr = null) => new()
    {
        TenantId = tenant, CtiCallId = callId, Agent = agent, Extension = agent.Split('_')[1], CtiCallType = type,
        CallerIdNumber = caller, DestinationNumber = dest, StartStamp = start,
        AnswerStamp = billsec > 0 ? start.AddSeconds(duration - billsec) : null, EndStamp = start.AddSeconds(duration),
        Billsec = billsec, Duration = duration, HangupCause = billsec > 0 ? "NORMAL_CLEARING" : "NO_ANSWER", ChannelAttr = attr,
        QueueName = type == 2 ? "10001_8000" : null,
    };

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync();
        await using var ctx = _db.NewContext();
        ctx.CallRecords.AddRange(
            Leg(T1, "c1", "10001_1000", 2, Utc(3, 1, 12), 60, 70),                                          // A
            Leg(T1, "c1", "10001_1001", 2, Utc(3, 1, 12, 2), 30, 35, attr: "transfer"),                     // B
            Leg(T1, "c2", "10001_1000", 3, Utc(2, 27, 12), 0, 20, caller: "10001_1000", dest: "13900000002"), // C
            Leg(T1, "c3", "10001_1002", 1, Utc(3, 1, 13), 10, 15, caller: "1002", dest: "1003"),            // D
            Leg(T2, "c4", "20001_1000", 2, Utc(3, 1, 11), 40, 50));                                         // E
        ctx.QueueRecords.Add(new QueueRecord
        {
            TenantId = T1, CallId = "c1", StartTime = Utc(3, 1, 11, 59), EndTime = Utc(3, 1, 12), CallerId = "13800000001",
            ThisQueue = "10001_8000", QueueName = "Sales", CallType = 2, HoldTime = 12, Agent = "10001_1000", Outcome = "answered",
        });
        ctx.AttachedData.AddRange(
            new AttachedDataRecord { TenantId = T1, CallId = "c1", Key = "order", Value = "A-42", Type = "agent", CreateTime = Utc(3, 1, 12, 1) },
            new AttachedDataRecord { TenantId = T1, CallId = "c1", Key = "digit", Value = "1", Type = "ivr", CreateTime = Utc(3, 1, 11, 58) },
            new AttachedDataRecord { TenantId = T2, CallId = "c1", Key = "foreign", Value = "x", CreateTime = Utc(3, 1, 12) });
        await ctx.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<List<string>> Ids(CallRecordListQuery q, TenantScope? scope = null) =>
        (await Svc.ListAsync(q with { PageSize = 100 }, scope ?? TenantScope.All)).Items
            .Select(r => $"{r.CtiCallId}/{r.Agent}").ToList();

    [Fact]
    public async Task Lists_newest_first_within_the_callers_tenant()
    {
        Assert.Equal(new[] { "c3/10001_1002", "c1/10001_1001", "c1/10001_1000", "c4/20001_1000", "c2/10001_1000" },
            await Ids(new CallRecordListQuery()));
        Assert.Equal(4, (await Ids(new CallRecordListQuery(), TenantScope.Of(T1))).Count);
        // A tenant user asking for another tenant still sees only their own.
        Assert.All(await Ids(new CallRecordListQuery { TenantId = T2 }, TenantScope.Of(T1)), id => Assert.StartsWith("c", id));
        Assert.Equal(4, (await Ids(new CallRecordListQuery { TenantId = T2 }, TenantScope.Of(T1))).Count);
        Assert.Equal(new[] { "c4/20001_1000" }, await Ids(new CallRecordListQuery { TenantId = T2 }));
    }

    [Fact]
    public async Task Search_matches_caller_destination_or_agent()
    {
        Assert.Equal(new[] { "c1/10001_1001", "c1/10001_1000", "c4/20001_1000" }, await Ids(new CallRecordListQuery { Search = "13800000001" }));
        Assert.Equal(new[] { "c2/10001_1000" }, await Ids(new CallRecordListQuery { Search = "139000" }));
        Assert.Equal(new[] { "c3/10001_1002" }, await Ids(new CallRecordListQuery { Search = "1002" }));
        Assert.Equal(2, (await Ids(new CallRecordListQuery { Search = "13800000001" }, TenantScope.Of(T1))).Count);
    }

    [Fact]
    public async Task Filters_direction_answered_days_and_agent()
    {
        Assert.Equal(new[] { "c2/10001_1000" }, await Ids(new CallRecordListQuery { Direction = 3 }));
        Assert.Equal(new[] { "c3/10001_1002" }, await Ids(new CallRecordListQuery { Direction = 1 }));
        Assert.Equal(new[] { "c2/10001_1000" }, await Ids(new CallRecordListQuery { Answered = false }));
        Assert.Equal(4, (await Ids(new CallRecordListQuery { Answered = true })).Count);
        Assert.Equal(new[] { "c2/10001_1000" }, await Ids(new CallRecordListQuery { From = new(2026, 2, 27), To = new(2026, 2, 27) }));
        Assert.Equal(4, (await Ids(new CallRecordListQuery { From = new(2026, 3, 1) })).Count);
        Assert.Equal(new[] { "c2/10001_1000" }, await Ids(new CallRecordListQuery { To = new(2026, 2, 28) }));
        Assert.Equal(new[] { "c1/10001_1000", "c2/10001_1000" }, await Ids(new CallRecordListQuery { Agent = "10001_1000" }));
        Assert.Equal(new[] { "c1/10001_1000" }, await Ids(new CallRecordListQuery { Agent = "10001_1000", Direction = 2, Answered = true }));
    }

    [Fact]
    public async Task Sorts_by_duration_and_talk_time_and_pages()
    {
        Assert.Equal(new[] { "c3/10001_1002", "c2/10001_1000", "c1/10001_1001", "c4/20001_1000", "c1/10001_1000" },
            await Ids(new CallRecordListQuery { SortBy = "Duration" }));
        Assert.Equal(new[] { "c1/10001_1000", "c4/20001_1000", "c1/10001_1001", "c3/10001_1002", "c2/10001_1000" },
            await Ids(new CallRecordListQuery { SortBy = "Billsec", Descending = true }));
        Assert.Equal(new[] { "c2/10001_1000", "c4/20001_1000", "c1/10001_1000", "c1/10001_1001", "c3/10001_1002" },
            await Ids(new CallRecordListQuery { SortBy = "StartStamp" }));

        var page = await Svc.ListAsync(new CallRecordListQuery { Page = 2, PageSize = 2, SortBy = "Duration" }, TenantScope.All);
        Assert.Equal(5, page.TotalCount);
        Assert.Equal(new long[] { 35, 50 }, page.Items.Select(r => (long)r.Duration));
        var last = await Svc.ListAsync(new CallRecordListQuery { Page = 3, PageSize = 2 }, TenantScope.All);
        Assert.Single(last.Items);
    }

    [Fact]
    public async Task Export_streams_the_same_rows_as_the_list()
    {
        var q = new CallRecordListQuery { Search = "13800000001", SortBy = "Duration" };
        var listed = (await Svc.ListAsync(q with { PageSize = 100 }, TenantScope.All)).Items.Select(r => r.Id).ToList();
        Assert.Equal(listed, await Svc.ExportAsync(q, TenantScope.All).Select(r => r.Id).ToListAsync());
        Assert.Equal(listed.Count, await Svc.CountAsync(q, TenantScope.All));
        var streamed = new List<long>();
        await foreach (var r in Svc.ExportAsync(q, TenantScope.Of(T1))) streamed.Add(r.Id);
        Assert.Equal(2, streamed.Count);
    }

    [Fact]
    public async Task A_call_shows_its_legs_queue_record_and_attached_data_of_its_tenant_only()
    {
        var call = await Svc.GetCallAsync("c1", TenantScope.All);
        Assert.NotNull(call);
        Assert.Equal(T1, call.TenantId);
        Assert.Equal(new[] { "10001_1000", "10001_1001" }, call.Legs.Select(l => l.Agent));
        var queue = Assert.Single(call.Queues);
        Assert.Equal(("answered", 12), (queue.Outcome, queue.HoldTime));
        Assert.Equal(new[] { "digit=1", "order=A-42" }, call.AttachedData.Select(d => $"{d.Key}={d.Value}"));

        Assert.NotNull(await Svc.GetCallAsync("c1", TenantScope.Of(T1)));
        Assert.Null(await Svc.GetCallAsync("c1", TenantScope.Of(T2)));
        Assert.Null(await Svc.GetCallAsync("nope", TenantScope.All));
    }
}
