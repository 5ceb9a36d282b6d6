using System.Text.Json.Nodes;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Telephony.Simulated;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CallCenter.Tests.Cti.ProtocolClient;

namespace CallCenter.Tests.Cti;

/// <summary>A fast simulated world: extensions answer after 0.2 s, remote parties never hang up on their own.</summary>
public class CtiAppFactory : CallCenterAppFactory
{
    public CtiAppFactory()
    {
        Settings["Telephony:Simulated:AutoAnswerDelaySeconds"] = "0.2";
        CallersStay(Settings);
        Settings["Telephony:Simulated:Seed"] = "11";
        Settings["Telephony:Simulated:AnswerProbability"] = "1";
        Settings["Telephony:Simulated:AnswerDelay:Min"] = "0.5";
        Settings["Telephony:Simulated:AnswerDelay:Max"] = "0.5";
        Settings["Records:FlushIntervalMs"] = "100";
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Simulated callers never hang up or give up by themselves: the test ends each call.</summary>
    public static void CallersStay(IDictionary<string, string?> settings)
    {
        settings["Telephony:Simulated:TalkTime:Min"] = "0";
        settings["Telephony:Simulated:TalkTime:Max"] = "0";
        settings["Telephony:Simulated:Patience:Min"] = "0";
        settings["Telephony:Simulated:Patience:Max"] = "0";
    }

    public string Start() => BaseUrl = StartKestrelServer();
}

/// <summary>The agent protocol over a real WebSocket against the running host, with the seed document's own frames.</summary>
public sealed class AgentProtocolTests : IClassFixture<CtiAppFactory>, IAsyncLifetime
{
    private readonly CtiAppFactory _app;

    public AgentProtocolTests(CtiAppFactory app) => _app = app;

    public Task InitializeAsync()
    {
        if (_app.BaseUrl.Length == 0) _app.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ProtocolClient> LoggedInAsync(string dn, bool ready = true)
    {
        var c = await ProtocolClient.ConnectAsync(_app.BaseUrl, dn);
        var ext = dn.Split('_')[1];
        await c.SendAsync(Inner(100, ("extension", ext), ("thisQueues", new JsonArray("10001_8000"))), "login");
        await c.WaitForAsync(580);
        if (ready)
        {
            await c.SendAsync(Inner(101));
            await c.WaitForAsync(583);
        }
        return c;
    }

    [Fact]
    public async Task The_seed_documents_login_frame_logs_the_agent_in_and_the_heartbeat_answers()
    {
        await using var c = await ProtocolClient.ConnectAsync(_app.BaseUrl, "10001_1005");
        // §4.2's example, byte for byte as JSON.stringify produces it.
        await c.SendRawAsync("{\"thisDN\":\"10001_1005\",\"type\":\"login\",\"message\":\"{\\\"messageId\\\":100,\\\"thisDN\\\":\\\"10001_1005\\\",\\\"extension\\\":\\\"1005\\\",\\\"thisQueues\\\":[\\\"10001_8000\\\"],\\\"attachDatas\\\":{\\\"typeCode\\\":\\\"1\\\"}}\"}");
        var login = await c.WaitForAsync(580);
        Assert.Equal("10001_1005", (string?)login["thisDN"]);
        Assert.Equal("10001_8000", (string?)login["thisQueues"]![0]);
        Assert.Equal(1, (int?)login["deviceState"]);
        Assert.Equal("10001", (string?)login["tenantID"]);
        Assert.Equal(1L, (long?)login["seq"]);
        Assert.True((long?)login["eventTime"] > 0);

        // §4.25's heartbeat (the source's missing comma restored).
        await c.SendRawAsync("{\"thisDN\":\"10001_1005\",\"message\":\"ping\",\"type\":\"ping\"}");
        Assert.Equal("1005", (string?)(await c.WaitForAsync(3))["extension"]);

        // §4.1 not ready with reasonCode 3, as the example.
        await c.SendRawAsync("{\"thisDN\":\"10001_1005\",\"type\":\"request\",\"message\":\"{\\\"messageId\\\":102,\\\"thisDN\\\":\\\"10001_1005\\\",\\\"reasonCode\\\":3}\"}");
        Assert.Equal(3, (int?)(await c.WaitForAsync(582))["reasonCode"]);

        await c.SendAsync(Inner(103, ("extension", "1005")));
        Assert.Equal(0, (int?)(await c.WaitForAsync(581))["state"]);
    }

    [Fact]
    public async Task The_seed_documents_make_call_to_18866666666_dials_and_the_call_ends_with_515()
    {
        await using var c = await LoggedInAsync("10001_1006", ready: false);
        // §3.5's example frame (the agent's phone rings first, then the number; the virtual network answers or not).
        await c.SendRawAsync("{\"thisDN\":\"10001_1006\",\"type\":\"request\",\"message\":\"{\\\"messageId\\\":200,\\\"thisDN\\\":\\\"10001_1006\\\",\\\"otherDN\\\":\\\"18866666666\\\",\\\"attachDatas\\\":{\\\"cti-tenant-id\\\":\\\"10001\\\"}}\"}");
        var dialing = await c.WaitForAsync(505);
        Assert.Equal("18866666666", (string?)dialing["otherDN"]);
        Assert.Equal(3, (int?)dialing["callType"]);
        var callId = (string)dialing["callID"]!;
        Assert.Equal(callId, (string?)(await c.WaitForAsync(506))["callID"]); // every number answers in this world
        await c.SendAsync(Inner(203, ("callID", callId), ("otherDN", "18866666666")));
        var released = await c.WaitForAsync(515);
        Assert.Equal("send_bye", (string?)released["attachDatas"]!["hangupCause"]);
        Assert.Equal(callId, (string?)released["callID"]);
        await c.SendAsync(Inner(103, ("extension", "1006")));
        await c.WaitForAsync(581);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"thisDN\":\"10001_1000\",\"type\":\"request\",\"message\":\"{\\\"messageId\\\":\\\"abc\\\"}\"}")]
    [InlineData("{\"thisDN\":\"10001_1000\",\"type\":\"request\",\"message\":\"{\\\"messageId\\\":99999,\\\"thisDN\\\":\\\"10001_1000\\\"}\"}")]
    [InlineData("{\"thisDN\":\"10001_1000\",\"type\":\"request\",\"message\":\"{\\\"messageId\\\":204,\\\"thisDN\\\":\\\"10001_1000\\\"}\"}")]
    public async Task Malformed_frames_get_9999_code_18_and_the_connection_stays_up(string frame)
    {
        await using var c = await ProtocolClient.ConnectAsync(_app.BaseUrl, "10001_1009");
        await c.SendRawAsync(frame);
        var e = await c.WaitForAsync(9999);
        Assert.Equal(18, (int?)e["errorCode"]);
        await c.SendRawAsync("{\"thisDN\":\"10001_1009\",\"message\":\"ping\",\"type\":\"ping\"}");
        await c.WaitForAsync(3);
    }

    [Fact]
    public async Task A_frame_over_64_KiB_closes_the_socket_as_too_big()
    {
        await using var c = await ProtocolClient.ConnectAsync(_app.BaseUrl, "10001_1009");
        await c.SendRawAsync("{\"thisDN\":\"" + new string('x', 70_000) + "\"}");
        for (var i = 0; i < 50 && c.CloseStatus is null; i++) await Task.Delay(100);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.MessageTooBig, c.CloseStatus);
    }

    [Fact]
    public async Task Inbound_call_via_the_acd_is_answered_by_A_transferred_to_B_and_released_and_the_records_are_in_the_database()
    {
        await using var a = await LoggedInAsync("10001_1001");
        await using var b = await LoggedInAsync("10001_1002", ready: false);
        var sim = _app.Services.GetRequiredService<SimulatedSwitch>();
        sim.PlaceInboundCall(10001, "10001_8000", "13912345678");

        var incoming = await a.WaitForAsync(503);
        Assert.Equal("13912345678", (string?)incoming["ANI"]);
        var callId = (string)incoming["callID"]!;
        await a.WaitForAsync(506); // the virtual phone answers by itself

        await b.SendAsync(Inner(101));
        await b.WaitForAsync(583);
        await a.SendAsync(Inner(215, ("callID", callId), ("otherDN", "10001_1002"), ("attachDatas", new JsonObject { ["isHold"] = "0" })));
        Assert.Equal(4, (int?)(await a.WaitForAsync(8888))["referenceID"]);
        await a.WaitForAsync(515);
        var atB = await b.WaitForAsync(503);
        Assert.Equal(callId, (string?)atB["callID"]);
        Assert.Equal("10001_1001", (string?)atB["thirdDN"]);
        await b.WaitForAsync(506);

        await b.SendAsync(Inner(203, ("callID", callId), ("otherDN", "13912345678")));
        var released = await b.WaitForAsync(515);
        Assert.NotNull(released["attachDatas"]!["hangupCause"]);

        var legs = await WaitForAsync(async db => await db.Set<CallRecord>().Where(r => r.CtiCallId == callId).ToListAsync(), l => l.Count >= 2);
        Assert.Equal(new[] { "10001_1001", "10001_1002" }, legs.Select(l => l.Agent).OrderBy(x => x));
        Assert.All(legs, l => Assert.Equal(2, l.CtiCallType));
        Assert.All(legs, l => Assert.Equal("13912345678", l.CallerIdNumber));
        var queued = await WaitForAsync(async db => await db.Set<QueueRecord>().Where(q => q.CallId == callId).ToListAsync(), l => l.Count >= 1);
        Assert.Equal(("answered", "10001_1001"), (queued[0].Outcome, queued[0].Agent));
        var states = await WaitForAsync(async db => await db.Set<AgentStateRecord>().Where(s => s.Agent == "10001_1001").ToListAsync(),
            l => l.Any(s => s.State == 2 && s.ReasonCode == 1));
        Assert.Contains(states, s => s.State == 2 && s.ReasonCode == 8);
    }

    [Fact]
    public async Task A_client_that_reconnects_with_its_session_gets_the_events_it_missed_and_keeps_its_state()
    {
        var session = "resume-" + Guid.NewGuid().ToString("N")[..12];
        var first = await ProtocolClient.ConnectAsync(_app.BaseUrl, "10001_1003", session);
        await first.SendAsync(Inner(100, ("extension", "1003"), ("thisQueues", new JsonArray("10001_8000"))), "login");
        var login = await first.WaitForAsync(580);
        var lastSeq = (long)login["seq"]!;
        first.Abort();
        await first.DisposeAsync();

        var second = await ProtocolClient.ConnectAsync(_app.BaseUrl, "10001_1003", session, lastSeq);
        await using (second)
        {
            await second.SendAsync(Inner(101));
            var ready = await second.WaitForAsync(583);
            Assert.Equal(lastSeq + 1, (long?)ready["seq"]);
            // Leave no ready agent behind for the other tests of this class.
            await second.SendAsync(Inner(103, ("extension", "1003")));
            await second.WaitForAsync(581);
        }
    }

    private async Task<T> WaitForAsync<T>(Func<DbContext, Task<T>> read, Func<T, bool> done)
    {
        T value = default!;
        for (var i = 0; i < 100; i++)
        {
            value = await _app.WithDbAsync(db => read(db));
            if (done(value)) return value;
            await Task.Delay(100);
        }
        return value;
    }
}
