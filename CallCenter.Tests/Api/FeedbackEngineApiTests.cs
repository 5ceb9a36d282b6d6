using System.Net;
using System.Text.Json.Nodes;
using CallCenter.Domain.Acds;
using CallCenter.Domain.Blacklists;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Acds;
using CallCenter.Infrastructure.Blacklists;
using CallCenter.Infrastructure.Cti;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Telephony.Simulated;
using CallCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Api;

/// <summary>The real host with a fast simulation: queued callers never give up, records flush every 100 ms, messages last 1 s.</summary>
public sealed class FeedbackAppFactory : CallCenterAppFactory
{
    public FeedbackAppFactory()
    {
        Settings["Telephony:Simulated:Patience:Min"] = "0";
        Settings["Telephony:Simulated:Patience:Max"] = "0";
        Settings["Telephony:Simulated:Seed"] = "5";
        Settings["Records:FlushIntervalMs"] = "100";
        Settings["Cti:VoicemailMaxSeconds"] = "1";
    }
}

/// <summary>
/// The engine through real calls on the simulated switch, read back through the API: a blacklisted caller through
/// §6.25 (and its rejected call through §6.21), a caller whose queue wait runs out into voicemail through §6.28 and the
/// console's audio endpoint (the switch writes a small WAV).
/// </summary>
public sealed class FeedbackEngineApiTests(FeedbackAppFactory app) : IClassFixture<FeedbackAppFactory>
{
    [Fact]
    public async Task A_blacklisted_caller_on_the_simulated_switch_is_read_back_through_6_25_and_6_21()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<BlacklistService>().CreateAsync(
            new BlacklistEntry { TenantId = 10001, Name = "Nuisance caller", Mobile = "13711112222", CallType = BlacklistDirection.Inbound },
            TenantScope.All, "tests"));
        Assert.True(result.Succeeded, result.Describe());
        await UntilAsync(async () => (await EngineAsync()).Config.Blacklist.Any(b => b.Mobile == "13711112222"));

        app.Services.GetRequiredService<SimulatedSwitch>().PlaceInboundCall(10001, "10001_8000", "13711112222");

        const string request = """{"tenantId": "10001","mobile": "13711112222","actionID": "abcd123"}""";
        var row = await UntilRowAsync(api, "/query/queryBlacklistHistories", request);
        Assert.Equal(("10001", "2", "13711112222", "4008000000", "", ""),
            ((string?)row["tenantId"], (string?)row["ctiCallType"], (string?)row["callerIdNumber"], (string?)row["destinationNumber"],
                (string?)row["agent"], (string?)row["extension"]));
        Assert.Equal((string?)row["startStamp"], (string?)row["endStamp"]);
        var callId = (string)row["ctiCallId"]!;

        var cdr = await UntilRowAsync(api, "/query/queryCdrs", $$"""{"tenantId": "10001","ctiCallId": "{{callId}}","actionID": "abcd123"}""");
        Assert.Equal(("CALL_REJECTED", "13711112222"), ((string?)cdr["hangupCause"], (string?)cdr["callerIdNumber"]));

        // Another tenant's key does not see it.
        var (_, body) = await (await ApiClient.ForTenantAsync(app, null)).PostAsync("/query/queryBlacklistHistories",
            """{"tenantId": "20001","mobile": "13711112222","actionID": "abcd123"}""");
        Assert.Empty(EnvelopeAssert.Success(body)!.AsArray());
    }

    [Fact]
    public async Task A_caller_whose_wait_runs_out_leaves_voicemail_that_6_28_lists_and_the_console_plays()
    {
        var created = await app.WithScopeAsync(sp => sp.GetRequiredService<AcdService>().CreateAsync(new Acd
        {
            TenantId = 10001, Code = "8100", Name = "After hours", MaxWaitTimeWithNoAgent = 1,
            OverflowAction = OverflowAction.ToVoicemail, OverflowTarget = "10001_1009",
        }, TenantScope.All));
        Assert.True(created.Succeeded, created.Describe());
        await UntilAsync(async () => (await EngineAsync()).Config.AcdsByNumber.ContainsKey("10001_8100"));

        app.Services.GetRequiredService<SimulatedSwitch>().PlaceInboundCall(10001, "10001_8100", "13988887777");

        var api = await ApiClient.ForTenantAsync(app, 10001);
        var row = await UntilRowAsync(api, "/query/queryVoicemailMsgs", """{"mobile": "13988887777","actionID": "abcd123"}""");
        Assert.Equal(("13988887777", "10001_1009"), ((string?)row["cidNumber"], (string?)row["userName"]));
        var file = (string)row["filePath"]!;
        Assert.Matches(@"^10001/\d{8}/msg_[0-9a-f-]{36}\.wav$", file);
        Assert.NotEmpty((string)row["callId"]!);

        // The message's file, through the console (signed in), plays as audio/wav and downloads as an attachment.
        var id = await app.WithDbAsync(db => Task.FromResult(db.VoicemailMessages.Single(m => m.FilePath == file).Id));
        var console = await app.SignedInClientAsync();
        var path = Path.Combine(app.DataFolder, "voicemail", file);
        await UntilAsync(() => Task.FromResult(File.Exists(path) && new FileInfo(path).Length > 44));
        var audio = await console.GetAsync($"/records/voicemail/{id}/audio");
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
        var bytes = await audio.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Null(audio.Content.Headers.ContentDisposition);
        var download = await console.GetAsync($"/records/voicemail/{id}/audio?download=true");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, (await console.GetAsync("/records/voicemail/999999/audio")).StatusCode);

        // A supervisor of another tenant gets nothing; an anonymous request is sent to sign in.
        await app.WithDbAsync(db =>
        {
            db.Tenants.Add(new Tenant { Id = TestData.OtherTenant, Name = "Other", CreatedTime = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        await app.CreateUserAsync("vm-other", "Other#Pass2026", Roles.Supervisor, TestData.OtherTenant);
        var other = await app.SignedInClientAsync("vm-other", "Other#Pass2026");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/records/voicemail/{id}/audio")).StatusCode);
        var anonymous = await app.CreateCookieClient().GetAsync($"/records/voicemail/{id}/audio");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    private async Task<TenantEngine> EngineAsync() =>
        (await app.Services.GetRequiredService<CtiEngineHost>().GetOrCreateAsync(10001))!;

    private static async Task UntilAsync(Func<Task<bool>> done, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not come true in time.");
            await Task.Delay(100);
        }
    }

    /// <summary>Posts until the list answers a row (the history writer flushes every 100 ms); the first row.</summary>
    private static async Task<JsonObject> UntilRowAsync(ApiClient api, string path, string json)
    {
        JsonArray rows = new();
        await UntilAsync(async () =>
        {
            var (_, body) = await api.PostAsync(path, json);
            rows = EnvelopeAssert.Success(body)!.AsArray();
            return rows.Count > 0;
        });
        return rows[0]!.AsObject();
    }
}
