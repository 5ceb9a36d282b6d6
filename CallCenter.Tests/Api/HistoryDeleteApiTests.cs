using System.Globalization;
using CallCenter.Domain.Records;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Tests.Api;

/// <summary>
/// The history deletes §7.7–§7.10 and §7.14 (config-groupcall-trace.md B.7–B.10, B.14): `id` is a comma list of record
/// ids or call ids (numeric → id, otherwise call id), limited to the key's tenant. Every test writes its own rows
/// (unique call ids), so the order the tests run in does not matter.
/// </summary>
public sealed class HistoryDeleteApiTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    private const int Other = TestData.OtherTenant;

    [Fact]
    public async Task Delete_cdrs_takes_the_spec_example_ids_and_call_ids_of_the_own_tenant_only()
    {
        var tag = Guid.NewGuid().ToString("N");
        var (one, legA, legB, foreign) = await app.WithDbAsync(async db =>
        {
            CallRecord Cdr(int tenant, string callId) => new()
            {
                TenantId = tenant, CtiCallId = callId, StartStamp = DateTime.UtcNow, EndStamp = DateTime.UtcNow, HangupCause = "send_bye",
            };
            var rows = new[] { Cdr(10001, tag + "-1"), Cdr(10001, tag + "-2"), Cdr(10001, tag + "-2"), Cdr(Other, tag + "-2") };
            db.CallRecords.AddRange(rows);
            await db.SaveChangesAsync();
            return (rows[0].Id, rows[1].Id, rows[2].Id, rows[3].Id);
        });
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §7.7's example (S002:L28997) with one of this test's record ids instead of "1".
        var (status, body) = await api.PostAsync("/config/deleteCdrs", $$"""{"id": "{{one}}","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        Assert.Null(EnvelopeAssert.Success(body));
        Assert.Equal(new[] { "code", "message", "actionID" }, body.Select(p => p.Key));
        Assert.False(await app.WithDbAsync(db => db.CallRecords.AnyAsync(r => r.Id == one)));

        // A call id deletes every leg of the call, but only the key's tenant's; the other tenant's id is left alone.
        (_, body) = await api.PostAsync("/config/deleteCdrs", $$"""{"id": "{{tag}}-2,{{foreign}}","actionID": "abcd123"}""");
        EnvelopeAssert.Success(body);
        var left = await app.WithDbAsync(db => db.CallRecords.Where(r => r.CtiCallId.StartsWith(tag)).Select(r => r.Id).ToListAsync());
        Assert.Equal(new[] { foreign }, left);
        Assert.DoesNotContain(legA, left);
        Assert.DoesNotContain(legB, left);

        // Nothing of the key's tenant matched: 201 "id" not found, nothing written.
        var before = await app.WithDbAsync(db => db.CallRecords.CountAsync());
        foreach (var id in new[] { Str(foreign), "999999", "no-such-call", $"{one}" })
        {
            (_, body) = await api.PostAsync("/config/deleteCdrs", $$"""{"id": "{{id}}","actionID": "abcd123"}""");
            EnvelopeAssert.Invalid(body, "id");
            Assert.Equal("not found", (string?)body["errors"]![0]!["reason"]);
        }
        (_, body) = await api.PostAsync("/config/deleteCdrs", """{"actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
        Assert.Equal(before, await app.WithDbAsync(db => db.CallRecords.CountAsync()));

        // An all-tenant key deletes any tenant's rows.
        (_, body) = await (await ApiClient.ForTenantAsync(app, null)).PostAsync("/config/deleteCdrs", $$"""{"id": "{{foreign}}","actionID": "abcd123"}""");
        EnvelopeAssert.Success(body);
        Assert.False(await app.WithDbAsync(db => db.CallRecords.AnyAsync(r => r.Id == foreign)));
    }

    [Fact]
    public async Task Delete_records_removes_recordings_by_id_or_call_id()
    {
        var tag = Guid.NewGuid().ToString("N");
        var (mine, byCall, foreign) = await app.WithDbAsync(async db =>
        {
            RecordingRecord Rec(int tenant, string callId) => new() { TenantId = tenant, CallId = callId, Filename = callId + ".wav", CreateTime = DateTime.UtcNow };
            var rows = new[] { Rec(10001, tag + "-1"), Rec(10001, tag + "-2"), Rec(Other, tag + "-3") };
            db.Recordings.AddRange(rows);
            await db.SaveChangesAsync();
            return (rows[0].Id, rows[1].Id, rows[2].Id);
        });
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §7.8's example with this test's ids: one id and one call id.
        var (_, body) = await api.PostAsync("/config/deleteRecords", $$"""{"id": "{{mine}},{{tag}}-2","actionID": "abcd123"}""");
        Assert.Null(EnvelopeAssert.Success(body));
        var left = await app.WithDbAsync(db => db.Recordings.Where(r => r.CallId.StartsWith(tag)).Select(r => r.Id).ToListAsync());
        Assert.Equal(new[] { foreign }, left);
        Assert.NotEqual(0, byCall);
        (_, body) = await api.PostAsync("/config/deleteRecords", $$"""{"id": "{{tag}}-3","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
        Assert.True(await app.WithDbAsync(db => db.Recordings.AnyAsync(r => r.Id == foreign)));
    }

    [Fact]
    public async Task Delete_queue_histories_removes_the_records_with_their_steps()
    {
        var tag = Guid.NewGuid().ToString("N");
        var (mine, foreign) = await app.WithDbAsync(async db =>
        {
            QueueRecord Q(int tenant) => new()
            {
                TenantId = tenant, CallId = tag, StartTime = DateTime.UtcNow, CallerId = "1", ThisQueue = $"{tenant}_8000",
                Steps = { new QueueStep { StartTime = DateTime.UtcNow, QueueStatus = 2, Sequence = 1, CallerId = "1" } },
            };
            var rows = new[] { Q(10001), Q(Other) };
            db.QueueRecords.AddRange(rows);
            await db.SaveChangesAsync();
            return (rows[0].Id, rows[1].Id);
        });
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §7.9's example with this test's call id instead of "1".
        var (_, body) = await api.PostAsync("/config/deleteQueueHistories", $$"""{"id": "{{tag}}","actionID": "abcd123"}""");
        Assert.Null(EnvelopeAssert.Success(body));
        Assert.False(await app.WithDbAsync(db => db.QueueRecords.AnyAsync(r => r.Id == mine)));
        Assert.False(await app.WithDbAsync(db => db.QueueSteps.AnyAsync(s => s.QueueRecordId == mine)));
        Assert.True(await app.WithDbAsync(db => db.QueueSteps.AnyAsync(s => s.QueueRecordId == foreign)));
        (_, body) = await api.PostAsync("/config/deleteQueueHistories", $$"""{"id": "{{foreign}}","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
        Assert.True(await app.WithDbAsync(db => db.QueueRecords.AnyAsync(r => r.Id == foreign)));
    }

    [Fact]
    public async Task Delete_ivr_histories_removes_the_records_with_their_events()
    {
        var tag = Guid.NewGuid().ToString("N");
        var (mine, foreign) = await app.WithDbAsync(async db =>
        {
            IvrRecord I(int tenant) => new()
            {
                TenantId = tenant, CallId = tag, IvrSessionId = tag, StartTime = DateTime.UtcNow, ExecuteContext = "inbound_ivr",
                Steps = { new IvrStepRecord { StartTime = DateTime.UtcNow, IvrStatus = "start", EventSequence = 1 } },
            };
            var rows = new[] { I(10001), I(Other) };
            db.IvrRecords.AddRange(rows);
            await db.SaveChangesAsync();
            return (rows[0].Id, rows[1].Id);
        });
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §7.10's example with this test's record id instead of "1".
        var (_, body) = await api.PostAsync("/config/deleteIvrHistories", $$"""{"id": "{{mine}}","actionID": "abcd123"}""");
        Assert.Null(EnvelopeAssert.Success(body));
        Assert.False(await app.WithDbAsync(db => db.IvrRecords.AnyAsync(r => r.Id == mine)));
        Assert.False(await app.WithDbAsync(db => db.IvrSteps.AnyAsync(s => s.IvrRecordId == mine)));
        (_, body) = await api.PostAsync("/config/deleteIvrHistories", $$"""{"id": "{{tag}}","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
        Assert.True(await app.WithDbAsync(db => db.IvrSteps.AnyAsync(s => s.IvrRecordId == foreign)));
    }

    [Fact]
    public async Task Delete_agent_state_histories_takes_ids_only()
    {
        var (a, b, foreign) = await app.WithDbAsync(async db =>
        {
            AgentStateRecord S(int tenant) => new() { TenantId = tenant, Agent = $"{tenant}_1000", StartTime = DateTime.UtcNow, EndTime = DateTime.UtcNow };
            var rows = new[] { S(10001), S(10001), S(Other) };
            db.AgentStateRecords.AddRange(rows);
            await db.SaveChangesAsync();
            return (rows[0].Id, rows[1].Id, rows[2].Id);
        });
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // §7.14's example (S002:L29921) with this test's ids instead of "1".
        var (status, body) = await api.PostAsync("/config/deleteAgentStateHistories", $$"""{"id": "{{a}},{{b}},{{foreign}}","actionID": "abcd123"}""");
        Assert.Equal(200, status);
        Assert.Null(EnvelopeAssert.Success(body));
        var ids = new[] { a, b, foreign };
        Assert.Equal(new[] { foreign }, await app.WithDbAsync(db => db.AgentStateRecords.Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToListAsync()));
        // B.14: no call ids; nothing matched → 201.
        (_, body) = await api.PostAsync("/config/deleteAgentStateHistories", """{"id": "abc@host","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
        (_, body) = await api.PostAsync("/config/deleteAgentStateHistories", $$"""{"id": "{{foreign}}","actionID": "abcd123"}""");
        EnvelopeAssert.Invalid(body, "id");
        Assert.True(await app.WithDbAsync(db => db.AgentStateRecords.AnyAsync(r => r.Id == foreign)));
    }

    [Theory]
    [InlineData("/config/deleteCdrs")]
    [InlineData("/config/deleteRecords")]
    [InlineData("/config/deleteQueueHistories")]
    [InlineData("/config/deleteIvrHistories")]
    [InlineData("/config/deleteAgentStateHistories")]
    public async Task Deletes_are_limited_to_20_per_minute_per_key(string path)
    {
        var api = await ApiClient.ForTenantAsync(app, 10001, "limit " + path);
        for (var i = 0; i < 20; i++)
        {
            var (_, body) = await api.PostAsync(path, """{"id": "999999","actionID": "abcd123"}""");
            EnvelopeAssert.Invalid(body, "id");
        }
        var (status, last) = await api.PostAsync(path, """{"id": "999999","actionID": "abcd123"}""");
        Assert.Equal(429, status);
        Assert.Equal(429, (int?)last["code"]);
    }

    private static string Str(long n) => n.ToString(CultureInfo.InvariantCulture);
}
