using CallCenter.Domain.Cti.Calls;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;

namespace CallCenter.Domain.Cti.Engine;

// IVR sessions: started by an ACD overflow, 200 with ivr_id or 290; their steps feed 605 and the IVR records.
public sealed partial class TenantEngine
{
    private readonly Dictionary<string, IvrRecord> _ivrByChannel = new(StringComparer.Ordinal);

    private void StartIvr(Call call, Leg leg, int ivrId, string context)
    {
        var record = new IvrRecord
        {
            TenantId = TenantId, CallId = call.CallId, IvrSessionId = Guid.NewGuid().ToString(), StartTime = Now, Ani = call.Ani,
            Dnis = call.Dnis, CallType = call.CallType, ThisQueue = call.Queue, ExecuteContext = context, IvrId = ivrId,
            IvrName = _config.IvrFlows.GetValueOrDefault(ivrId) ?? "",
        };
        _ivrByChannel[leg.ChannelId] = record;
        _switch.RunIvr(leg.ChannelId, TenantId, ivrId);
    }

    private void OnIvrProgress(IvrProgress p)
    {
        if (!_ivrByChannel.TryGetValue(p.ChannelId, out var record)) return;
        var step = new IvrStepRecord
        {
            StartTime = Now, IvrStatus = p.Status, IvrNode = p.Node, Name = p.NodeName, EventSequence = record.Steps.Count + 1,
            IvrDigitType = p.DigitType?.ToString(), IvrDtmfDigit = p.Digit, ComponentName = p.NodeName,
        };
        record.Steps.Add(step);
        if (p.Digit is not null)
        {
            _records.Write(new AttachedDataRecord { TenantId = TenantId, CallId = record.CallId, Key = "digit", Value = p.Digit, Type = "ivr", CreateTime = Now });
            _records.Write(new AttachedDataRecord { TenantId = TenantId, CallId = record.CallId, Key = "ivr_id", Value = record.IvrId.ToString(), Type = "ivr", CreateTime = Now });
        }
        if (_ivrWatchers.Count == 0) return;
        var e = new Events.IvrStep(record.CallId, TenantId, Stamp(record.StartTime), null, record.Ani, record.Dnis, record.CallType,
            record.ThisQueue, p.Status, p.FileName, p.DigitType, p.Digit, p.Node, p.NodeName, step.EventSequence.ToString());
        foreach (var watcher in _ivrWatchers.ToList())
            if (_sessions.TryGetValue(watcher, out var dn) && _agents.TryGetValue(dn, out var w))
                watcher.Send(Events.IvrMonitorEvent(e, w.Dn, w.Extension));
    }

    private static string Stamp(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss");

    private void OnIvrFinished(Call call, IvrFinished f)
    {
        var surveyed = false;
        if (_ivrByChannel.Remove(f.ChannelId, out var record))
        {
            record.EndTime = Now;
            record.HoldTime = (int)Math.Max(0, (Now - record.StartTime).TotalSeconds);
            if (record.Steps.LastOrDefault() is { } last)
            {
                last.EndTime = Now;
                last.Target = f.Target;
                last.StopCause = f.Exit == IvrExit.Hangup ? "FAILED" : "SUCCESS";
            }
            _records.Write(record);
            surveyed = OnSurveyFinished(call, record);
        }
        var leg = call.LegOf(f.ChannelId);
        if (leg is null || leg.State == LegState.Ended) return;
        // The survey is the caller's last step: back to a parked agent (290 with isHold 1), otherwise released.
        var exit = !surveyed ? f.Exit
            : call.Live.Any(l => l.Kind == LegKind.Agent && l.State == LegState.Answered && l.ChannelAttr == "transfer") ? IvrExit.ReturnToCaller
            : IvrExit.Hangup;
        switch (exit)
        {
            case IvrExit.ToAcd when f.Target is not null && _queues.TryGetValue(f.Target, out var queue):
                call.QueueRecord = null;
                Enqueue(call, queue);
                break;
            case IvrExit.ReturnToCaller:
                var parked = call.Live.FirstOrDefault(l => l.Kind == LegKind.Agent && l.State == LegState.Answered && l.ChannelAttr == "transfer");
                if (parked is not null) _switch.Bridge(parked.ChannelId, leg.ChannelId);
                else HangUp(call, leg, HangupCauses.NormalClearing);
                break;
            default:
                call.EndedBy ??= leg.ChannelId;
                HangUp(call, leg, HangupCauses.NormalClearing);
                break;
        }
    }
}
