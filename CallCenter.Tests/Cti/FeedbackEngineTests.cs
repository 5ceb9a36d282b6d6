using CallCenter.Domain.Acds;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;
using static CallCenter.Tests.Cti.EventAssert;

namespace CallCenter.Tests.Cti;

/// <summary>
/// What the engine records besides calls (§6.25, §6.26, §6.28): calls the blacklist refused, the after-call satisfaction
/// survey (the ACD's survey flow, or 290 to it), and voicemail left when the ACD's overflow is "to voicemail".
/// </summary>
public sealed class FeedbackEngineTests
{
    private const string Customer = "cust-1";

    /// <summary>The harness with ACD 10001_8000 taking the survey flow 1 ("Main menu").</summary>
    private static EngineHarness WithSurvey() => new(c => c with
    {
        AcdsByNumber = new Dictionary<string, AcdConfig>(c.AcdsByNumber)
        {
            ["10001_8000"] = c.AcdsByNumber["10001_8000"] with { SatisfactionIvrId = 1 },
        },
    });

    /// <summary>The harness with ACD 10001_8000 sending callers to 10001_1003's voicemail after 30 s.</summary>
    private static EngineHarness WithVoicemail() => new(c => c with
    {
        AcdsByNumber = new Dictionary<string, AcdConfig>(c.AcdsByNumber)
        {
            ["10001_8000"] = c.AcdsByNumber["10001_8000"] with { MaxWait = 30, Overflow = OverflowAction.ToVoicemail, OverflowTarget = "10001_1003" },
        },
    });

    private static void Inbound(EngineHarness h, string ani = "13900000001") =>
        h.Post(new InboundCall(EngineHarness.Tenant, h.Clock.GetUtcNow(), Customer, ani, "4008000000", "10001_8000"));

    /// <summary>10001_1000 ready, an inbound call answered by it and talked for 20 s; the call id.</summary>
    private static async Task<string> ConnectedCallAsync(EngineHarness h)
    {
        await h.LoginAsync("10001_1000");
        await h.ReadyAsync("10001_1000");
        Inbound(h);
        var callId = (string)Single(await h.EventsOfAsync("10001_1000"), Events.Incoming)["callID"]!;
        h.Post(new ChannelAnswered(EngineHarness.Tenant, h.Clock.GetUtcNow(), h.Switch.ChannelTo("1000")));
        await h.AdvanceAsync(TimeSpan.FromSeconds(20));
        Single(await h.EventsOfAsync("10001_1000"), Events.Established);
        return callId;
    }

    private static void Key(EngineHarness h, string digit, IvrExit exit = IvrExit.Hangup)
    {
        var at = h.Clock.GetUtcNow();
        h.Post(new IvrProgress(EngineHarness.Tenant, at, Customer, 1, "get_digit", 1, "menu", -4, digit, null));
        h.Post(new IvrProgress(EngineHarness.Tenant, at, Customer, 1, "execute_end", 1, "menu", 4, digit, null));
        h.Post(new IvrFinished(EngineHarness.Tenant, at, Customer, 1, exit, null));
    }

    // ------------------------------------------------------------------ blacklist

    [Fact]
    public async Task A_blacklisted_inbound_caller_leaves_a_blacklist_call_record_beside_the_rejected_call_record()
    {
        await using var h = new EngineHarness();
        Inbound(h, "13800000000");
        await h.SyncAsync();

        var record = Assert.Single(h.Records.Of<BlacklistCallRecord>());
        var cdr = Assert.Single(h.Records.Of<CallRecord>());
        Assert.Equal((EngineHarness.Tenant, "13800000000", "4008000000", 2, "13800000000"),
            (record.TenantId, record.CallerIdNumber, record.DestinationNumber, record.CtiCallType, record.BlockedNumber));
        Assert.Equal(cdr.CtiCallId, record.CtiCallId);
        Assert.Null(record.Agent);
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime, record.StartStamp);
        Assert.Equal(record.StartStamp, record.EndStamp);
        Assert.Equal(HangupCauses.CallRejected, cdr.HangupCause);
    }

    [Fact]
    public async Task A_dial_to_a_number_blacklisted_for_outbound_is_refused_and_recorded_with_the_agent()
    {
        await using var h = new EngineHarness();
        await h.LoginAsync("10001_1000");
        Failed(await h.SendAsync("10001_1000", new MakeCallRequest("10001_1000", "13800000000", "10001", null, null, false, null)),
            MessageIds.MakeCall, ErrorCodes.BadParameter);

        var record = Assert.Single(h.Records.Of<BlacklistCallRecord>());
        Assert.Equal(("10001_1000", "1000", "1000", "13800000000", 3), (record.Agent, record.Extension, record.CallerIdNumber,
            record.DestinationNumber, record.CtiCallType));
        Assert.True(Guid.TryParse(record.CtiCallId, out _));
        Assert.Empty(h.Records.Of<CallRecord>()); // no call was placed
        Assert.Empty(h.Switch.Originated);
    }

    // ------------------------------------------------------------------ satisfaction survey

    [Fact]
    public async Task When_the_agent_hangs_up_first_the_caller_rates_the_agent_in_the_acds_survey_flow()
    {
        await using var h = WithSurvey();
        var callId = await ConnectedCallAsync(h);
        var agentLeg = h.Switch.ChannelTo("1000");

        var release = await h.SendAsync("10001_1000", new ReleaseRequest("10001_1000", callId, null));
        Single(release, Events.Released);
        Assert.True(h.Switch.Did("hangup", agentLeg));
        Assert.False(h.Switch.Did("hangup", Customer)); // the caller stays for the survey
        Assert.Contains(h.Switch.Commands, c => c.Command == "ivr" && c.Channel == Customer && (int?)c.Arg == 1);
        Assert.Empty(h.Records.Of<CallRecord>()); // the call goes on

        await h.AdvanceAsync(TimeSpan.FromSeconds(4));
        Key(h, "5");
        await h.SyncAsync();

        Assert.True(h.Switch.Did("hangup", Customer)); // released after the survey
        var survey = Assert.Single(h.Records.Of<SatisfactionRecord>());
        Assert.Equal((callId, "13900000001", "4008000000", 2, "5", "-4", "SUCCESS"),
            (survey.CallId, survey.Ani, survey.Dnis, survey.CallType, survey.IvrDtmfDigit, survey.IvrDigitType, survey.StopCause));
        Assert.Equal(("10001_1000", "1000", "10001_8000", 1, "Main menu"), (survey.Agent, survey.Extension, survey.Queue, survey.IvrId, survey.IvrName));
        Assert.Equal(4, (survey.EndTime - survey.StartTime).TotalSeconds);
        var session = Assert.Single(h.Records.Of<IvrRecord>());
        Assert.Equal((IvrContexts.Satisfaction, survey.IvrSessionId), (session.ExecuteContext, session.IvrSessionId));

        // The rated agent's call record carries the survey (§6.21 ivrID / ivrName / ivrDtmfDigit).
        var cdr = Assert.Single(h.Records.Of<CallRecord>());
        Assert.Equal(("10001_1000", 1, "Main menu", "5", "-4"), (cdr.Agent, cdr.IvrId, cdr.IvrName, cdr.IvrDtmfDigit, cdr.IvrDigitType));
        Assert.Equal("recv_bye", cdr.HangupCause); // the agent (the called side) hung up first
        Assert.Empty(h.Errors);
    }

    [Fact]
    public async Task A_caller_who_hangs_up_first_is_not_surveyed_and_no_survey_runs_without_a_flow()
    {
        await using (var h = WithSurvey())
        {
            await ConnectedCallAsync(h);
            h.Post(new ChannelHungUp(EngineHarness.Tenant, h.Clock.GetUtcNow(), Customer, HangupCauses.NormalClearing));
            await h.SyncAsync();
            Assert.DoesNotContain(h.Switch.Commands, c => c.Command == "ivr");
            Assert.Empty(h.Records.Of<SatisfactionRecord>());
            Assert.Single(h.Records.Of<CallRecord>());
        }
        await using (var h = new EngineHarness())
        {
            var callId = await ConnectedCallAsync(h);
            await h.SendAsync("10001_1000", new ReleaseRequest("10001_1000", callId, null));
            Assert.True(h.Switch.Did("hangup", Customer));
            Assert.DoesNotContain(h.Switch.Commands, c => c.Command == "ivr");
        }
    }

    [Fact]
    public async Task A_caller_who_hangs_up_in_the_survey_leaves_a_failed_survey_without_a_key()
    {
        await using var h = WithSurvey();
        var callId = await ConnectedCallAsync(h);
        await h.SendAsync("10001_1000", new ReleaseRequest("10001_1000", callId, null));
        await h.AdvanceAsync(TimeSpan.FromSeconds(2));
        h.Post(new IvrProgress(EngineHarness.Tenant, h.Clock.GetUtcNow(), Customer, 1, "start", null, null, null, null, null));
        h.Post(new ChannelHungUp(EngineHarness.Tenant, h.Clock.GetUtcNow(), Customer, HangupCauses.SendBye));
        await h.SyncAsync();

        var survey = Assert.Single(h.Records.Of<SatisfactionRecord>());
        Assert.Equal((null, "FAILED", "10001_1000"), (survey.IvrDtmfDigit, survey.StopCause, survey.Agent));
        var session = Assert.Single(h.Records.Of<IvrRecord>());
        Assert.Equal("FAILED", session.Steps.Last().StopCause);
        Assert.Null(h.Records.Of<CallRecord>().Single().IvrDtmfDigit);
        Assert.Equal(1, h.Records.Of<CallRecord>().Single().IvrId);
    }

    [Fact]
    public async Task An_agent_who_transfers_the_caller_to_the_survey_flow_with_290_is_the_one_rated()
    {
        await using var h = WithSurvey();
        var callId = await ConnectedCallAsync(h);
        await h.SendAsync("10001_1000", new TransferToIvrRequest("10001_1000", callId, "13900000001", "1", false));
        Assert.Contains(h.Switch.Commands, c => c.Command == "ivr" && c.Channel == Customer);
        Key(h, "3", IvrExit.ToAcd);
        await h.SyncAsync();

        var survey = Assert.Single(h.Records.Of<SatisfactionRecord>());
        Assert.Equal(("3", "10001_1000"), (survey.IvrDtmfDigit, survey.Agent));
        Assert.Equal(IvrContexts.Satisfaction, Assert.Single(h.Records.Of<IvrRecord>()).ExecuteContext);
        // A survey never queues the caller again, whatever the flow's exit says.
        Assert.True(h.Switch.Did("hangup", Customer));
        Assert.Equal("3", Assert.Single(h.Records.Of<CallRecord>()).IvrDtmfDigit);
    }

    // ------------------------------------------------------------------ voicemail

    [Fact]
    public async Task A_caller_whose_wait_runs_out_leaves_a_message_in_the_mailbox_until_the_length_limit()
    {
        await using var h = WithVoicemail();
        Inbound(h);
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        var record = Assert.Single(h.Switch.Commands, c => c.Command == "record" && c.Channel == Customer);
        var path = (string)record.Arg!;
        var options = new EngineOptions();
        Assert.StartsWith(Path.Combine(options.VoicemailFolder, "10001", h.Clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd"), "msg_"), path);
        Assert.False(h.Switch.Did("hangup", Customer));
        Assert.Equal("timeout", Assert.Single(h.Records.Of<QueueRecord>()).Outcome);

        await h.AdvanceAsync(TimeSpan.FromSeconds(options.VoicemailMaxSeconds));
        h.Post(new RecordingStopped(EngineHarness.Tenant, h.Clock.GetUtcNow(), Customer, path, options.VoicemailMaxSeconds));
        await h.SyncAsync();

        var message = Assert.Single(h.Records.Of<VoicemailRecord>());
        var cdr = Assert.Single(h.Records.Of<CallRecord>());
        Assert.Equal((cdr.CtiCallId, "13900000001", "10001_1003", 60, "10001_8000"),
            (message.CallId, message.CidNumber, message.UserName, message.Duration, message.Queue));
        Assert.Equal(path, Path.Combine(options.VoicemailFolder, message.FilePath));
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime.AddSeconds(-60), message.CreateTime);
        Assert.True(h.Switch.Did("hangup", Customer)); // the limit ends the call
        Assert.Empty(h.Records.Of<RecordingRecord>()); // a message is not a call recording
    }

    [Fact]
    public async Task A_caller_who_hangs_up_ends_the_message_and_the_call()
    {
        await using var h = WithVoicemail();
        Inbound(h);
        await h.AdvanceAsync(TimeSpan.FromSeconds(42));
        var path = (string)h.Switch.Commands.Single(c => c.Command == "record").Arg!;
        // A switch reports the stopped recording before the hang-up of the channel.
        h.Post(new RecordingStopped(EngineHarness.Tenant, h.Clock.GetUtcNow(), Customer, path, 12));
        h.Post(new ChannelHungUp(EngineHarness.Tenant, h.Clock.GetUtcNow(), Customer, HangupCauses.SendBye));
        await h.SyncAsync();

        Assert.Equal(12, Assert.Single(h.Records.Of<VoicemailRecord>()).Duration);
        Assert.False(h.Switch.Did("hangup", Customer)); // the caller hung up; the engine had nothing to end
        Assert.Equal(HangupCauses.SendBye, Assert.Single(h.Records.Of<CallRecord>()).HangupCause);
        Assert.Empty(h.Errors);
    }
}
