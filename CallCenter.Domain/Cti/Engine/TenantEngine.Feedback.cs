using CallCenter.Domain.Acds;
using CallCenter.Domain.Cti.Agents;
using CallCenter.Domain.Cti.Calls;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;

namespace CallCenter.Domain.Cti.Engine;

// What the blacklist, the satisfaction survey and voicemail leave behind (§6.25, §6.26, §6.28):
// - a blacklist-call record when an inbound caller or an agent's dial (200) is refused by the blacklist;
// - the survey: an ACD may name a satisfaction IVR flow; when the agent of a call from that ACD hangs up first, the
//   caller is put into it (execute context satisfaction_ivr), and so is a caller an agent transfers there with 290;
//   the key the caller presses becomes a satisfaction record and the rated agent's call record carries it
//   (ivrID/ivrName/ivrDtmfDigit); the caller is released when the survey ends;
// - voicemail: an ACD whose overflow is "to voicemail" records the timed-out caller into the mailbox of the agent
//   the overflow names, up to EngineOptions.VoicemailMaxSeconds; the message ends when the caller hangs up or the
//   limit is reached, and then the call ends.
public sealed partial class TenantEngine
{
    private const string SurveyAgent = "survey_agent", SurveyExtension = "survey_extension", SurveyLeg = "survey_leg";
    private const string SurveyIvr = "survey_ivr", SurveyIvrName = "survey_ivr_name", SurveyDigit = "survey_digit", SurveyDigitType = "survey_digit_type";

    private sealed record VoicemailSession(string File, string Path, string? Owner, string Queue, DateTime Started);

    private readonly Dictionary<string, VoicemailSession> _voicemailByChannel = new(StringComparer.Ordinal);

    // ------------------------------------------------------------------ blacklist

    /// <summary>Records a call the blacklist refused (start and end are now: the call never went further).</summary>
    private void WriteBlacklistCall(string callId, int callType, string caller, string destination, string blocked, AgentRuntime? agent) =>
        _records.Write(new BlacklistCallRecord
        {
            TenantId = TenantId, Agent = agent?.Dn, Extension = agent?.Extension, CallerIdNumber = caller, DestinationNumber = destination,
            CtiCallType = callType, StartStamp = Now, EndStamp = Now, CtiCallId = callId, BlockedNumber = blocked,
        });

    // ------------------------------------------------------------------ satisfaction survey

    /// <summary>Whether some ACD of the tenant uses the flow as its satisfaction survey.</summary>
    private bool IsSurveyFlow(int ivrId) => _queues.Values.Any(q => q.Config.SatisfactionIvrId == ivrId);

    /// <summary>Remembers which agent leg the survey rates.</summary>
    private static void MarkSurveyed(Call call, Leg agentLeg, AgentRuntime? agent)
    {
        call.Attached[SurveyAgent] = agentLeg.AgentDn ?? agent?.Dn ?? "";
        call.Attached[SurveyExtension] = agent?.Extension ?? agentLeg.Address;
        call.Attached[SurveyLeg] = agentLeg.ChannelId;
    }

    /// <summary>
    /// An agent's answered leg of a call from an ACD with a survey flow ended while the caller is still on the line and
    /// alone: the caller goes into the survey instead of being released. False when no survey applies.
    /// </summary>
    private bool TryStartSurvey(Call call, Leg agentLeg, List<Leg> talking)
    {
        if (agentLeg.Kind != LegKind.Agent || agentLeg.Answered is null || agentLeg.Role is not (LegRole.Callee or LegRole.TransferTarget)) return false;
        if (call.Attached.ContainsKey(SurveyLeg)) return false;
        if (talking is not [{ Kind: LegKind.External, State: LegState.Answered } customer] || customer != call.Customer) return false;
        if (call.Queue is null || !_queues.TryGetValue(call.Queue, out var queue) || queue.Config.SatisfactionIvrId is not int ivr
            || !_config.IvrFlows.ContainsKey(ivr)) return false;
        foreach (var listener in call.Live.Where(l => l.Role == LegRole.Listener).ToList()) HangUp(call, listener, HangupCauses.NormalClearing);
        MarkSurveyed(call, agentLeg, agentLeg.AgentDn is null ? null : _agents.GetValueOrDefault(agentLeg.AgentDn));
        StartIvr(call, customer, ivr, IvrContexts.Satisfaction);
        return true;
    }

    /// <summary>A satisfaction session ended (finished or the caller hung up): its record, and the key for the call record.</summary>
    private bool OnSurveyFinished(Call call, IvrRecord session)
    {
        if (session.ExecuteContext != IvrContexts.Satisfaction) return false;
        var keyed = session.Steps.FirstOrDefault(s => s.IvrDtmfDigit is not null);
        _records.Write(new SatisfactionRecord
        {
            TenantId = TenantId, CallId = call.CallId, StartTime = session.StartTime, EndTime = session.EndTime ?? Now, Ani = session.Ani,
            Dnis = session.Dnis, CallType = session.CallType, IvrDtmfDigit = keyed?.IvrDtmfDigit, IvrDigitType = keyed?.IvrDigitType,
            StopCause = keyed is null ? "FAILED" : "SUCCESS", IvrId = session.IvrId, IvrName = session.IvrName, IvrSessionId = session.IvrSessionId,
            Agent = call.Attached.GetValueOrDefault(SurveyAgent) is { Length: > 0 } a ? a : null,
            Extension = call.Attached.GetValueOrDefault(SurveyExtension), Queue = call.Queue,
        });
        call.Attached[SurveyIvr] = session.IvrId.ToString();
        call.Attached[SurveyIvrName] = session.IvrName;
        if (keyed is not null)
        {
            call.Attached[SurveyDigit] = keyed.IvrDtmfDigit!;
            if (keyed.IvrDigitType is not null) call.Attached[SurveyDigitType] = keyed.IvrDigitType;
        }
        return true;
    }

    /// <summary>The rated agent's call record carries the survey's flow and key (§6.21 ivrID, ivrName, ivrDtmfDigit).</summary>
    private CallRecord WithSurvey(Call call, Leg leg, CallRecord record)
    {
        if (call.Attached.GetValueOrDefault(SurveyLeg) != leg.ChannelId || !call.Attached.TryGetValue(SurveyIvr, out var ivr)) return record;
        record.IvrId = int.TryParse(ivr, out var id) ? id : null;
        record.IvrName = call.Attached.GetValueOrDefault(SurveyIvrName);
        record.IvrDtmfDigit = call.Attached.GetValueOrDefault(SurveyDigit);
        record.IvrDigitType = call.Attached.GetValueOrDefault(SurveyDigitType);
        return record;
    }

    // ------------------------------------------------------------------ voicemail

    /// <summary>The ACD's overflow is voicemail: record the caller into the mailbox the overflow names.</summary>
    private void StartVoicemail(Call call, Leg customer, AcdConfig acd)
    {
        var file = $"{TenantId}/{Now:yyyyMMdd}/msg_{Guid.NewGuid()}.wav";
        var path = Path.Combine(_options.VoicemailFolder, file);
        _voicemailByChannel[customer.ChannelId] = new VoicemailSession(file, path, acd.OverflowTarget, acd.Number, Now);
        call.Attached["voicemail"] = file;
        _switch.StartRecording(customer.ChannelId, path, _options.VoicemailMaxSeconds);
    }

    /// <summary>
    /// A recording stopped: when it is a voicemail message it is recorded, and when it stopped at the length limit the
    /// call ends (a message that stopped earlier stopped because the caller hung up: that hang-up follows). False when
    /// the recording is not a voicemail message.
    /// </summary>
    private bool OnVoicemailRecorded(Call call, RecordingStopped e)
    {
        if (!_voicemailByChannel.TryGetValue(e.ChannelId, out var session) || !string.Equals(session.Path, e.FilePath, StringComparison.Ordinal))
            return false;
        _voicemailByChannel.Remove(e.ChannelId);
        WriteVoicemail(call, session, e.DurationSeconds);
        var max = _options.VoicemailMaxSeconds;
        var limitReached = e.DurationSeconds >= max || Now - session.Started >= TimeSpan.FromSeconds(max);
        if (limitReached && call.LegOf(e.ChannelId) is { State: not LegState.Ended } leg) HangUp(call, leg, HangupCauses.NormalClearing);
        return true;
    }

    private void WriteVoicemail(Call call, VoicemailSession session, int seconds) =>
        _records.Write(new VoicemailRecord
        {
            TenantId = TenantId, CallId = call.CallId, CidNumber = call.Ani, CreateTime = session.Started, UserName = session.Owner,
            FilePath = session.File, Duration = Math.Max(0, seconds), Queue = session.Queue,
        });

    // ------------------------------------------------------------------ a leg ends in the middle of a session

    /// <summary>
    /// A leg ended while an IVR flow or a voicemail recording ran on it without the switch reporting the end (the caller
    /// hung up): the IVR record is closed as FAILED (and a survey recorded without a key), the message recorded as far as
    /// it went.
    /// </summary>
    private void CloseSessionsOf(Call call, Leg leg)
    {
        if (_ivrByChannel.Remove(leg.ChannelId, out var ivr))
        {
            ivr.EndTime = Now;
            ivr.HoldTime = (int)Math.Max(0, (Now - ivr.StartTime).TotalSeconds);
            if (ivr.Steps.LastOrDefault() is { } last)
            {
                last.EndTime = Now;
                last.StopCause = "FAILED";
            }
            _records.Write(ivr);
            OnSurveyFinished(call, ivr);
        }
        if (_voicemailByChannel.Remove(leg.ChannelId, out var vm))
            WriteVoicemail(call, vm, (int)(Now - vm.Started).TotalSeconds);
    }
}
