using System.Text.Json;
using System.Text.Json.Nodes;
using CallCenter.Domain.AgentStates;
using CallCenter.Domain.Cti.Protocol;

namespace CallCenter.Web.Softphone;

/// <summary>How the page's agent socket is doing (reported by the JS module).</summary>
public enum ConnectionStatus
{
    Connecting,
    Connected,
    /// <summary>Dropped; the next attempt is due at <see cref="SoftphoneState.RetryAt"/>.</summary>
    Waiting,
    Reconnecting,
    /// <summary>Forced logout (4500): no automatic reconnect.</summary>
    SignedOut,
    /// <summary>Another tab resumed this session: no automatic reconnect.</summary>
    TakenOver,
}

public enum CallPhase
{
    /// <summary>The agent placed the call (505): its phone, then the other party, ring.</summary>
    Dialing,
    /// <summary>Offered to the agent (503): the incoming-call panel.</summary>
    Ringing,
    Connected,
}

public enum MessageLevel
{
    Info,
    Success,
    Warning,
    Error,
}

public sealed record SoftphoneMessage(DateTimeOffset At, MessageLevel Level, string Text);

/// <summary>The call the agent is in (one at a time on this page).</summary>
public sealed class SoftphoneCall
{
    public required string CallId { get; init; }
    public int CallType { get; set; }
    /// <summary>True for a call the agent placed (505), false for one offered to it (503).</summary>
    public bool AgentDialled { get; init; }
    public string Party { get; set; } = "";
    public string Ani { get; set; } = "";
    public string Dnis { get; set; } = "";
    /// <summary>The ACD the call came through (503 <c>thisQueue</c>), if any.</summary>
    public string? Queue { get; set; }
    /// <summary>The agent that transferred the call here (<c>thirdDN</c> with <c>thirdRole</c> 3).</summary>
    public string? TransferredBy { get; set; }
    public IReadOnlyDictionary<string, string> Data { get; set; } = new Dictionary<string, string>();
    public string? RecordingFile { get; set; }
    public CallPhase Phase { get; set; }
    public DateTimeOffset Started { get; init; }
    public DateTimeOffset? Answered { get; set; }
    public bool Held { get; set; }
    public bool Muted { get; set; }
    public bool Recording { get; set; }
    public bool Conference { get; set; }
    public bool Transferred { get; set; }
}

public sealed record CallLogEntry(string CallId, string Direction, string Party, string? Queue, DateTimeOffset Started,
    DateTimeOffset? Answered, DateTimeOffset Ended, string Outcome)
{
    public TimeSpan? Talk => Answered is { } a ? Ended - a : null;
}

/// <summary>
/// The softphone page's model of one agent, built only from what the agent protocol delivers (the JS module hands over
/// every event frame) plus what the page itself asked for. No UI, so it is unit-tested with event sequences.
/// Times are the server's <c>eventTime</c>, so the state timer survives reconnects and replays.
/// </summary>
public sealed class SoftphoneState(string thisDn, TimeProvider clock)
{
    public const int MaxLog = 50;
    public const int MaxMessages = 8;

    private readonly List<CallLogEntry> _log = new();
    private readonly List<SoftphoneMessage> _messages = new();
    private int? _pendingRestSeconds;
    private bool _restRequested;

    public string ThisDn { get; } = thisDn;

    // ---------------------------------------------------------------- connection

    public ConnectionStatus Connection { get; private set; } = ConnectionStatus.Connecting;
    public int ReconnectAttempt { get; private set; }
    public DateTimeOffset? RetryAt { get; private set; }
    public string ConnectionDetail { get; private set; } = "";
    /// <summary>The session id the module uses (data for the page and its tests).</summary>
    public string? SessionId { get; private set; }

    // ---------------------------------------------------------------- agent

    public bool LoggedIn { get; private set; }
    public AgentState State { get; private set; } = AgentState.LoggedOut;
    public int? Reason { get; private set; }
    public DateTimeOffset StateSince { get; private set; } = clock.GetUtcNow();
    /// <summary>0 unknown, 1 softphone registered, 2 unregistered (E5).</summary>
    public int DeviceState { get; private set; }
    public string? Extension { get; private set; }
    public IReadOnlyList<string> Queues { get; private set; } = Array.Empty<string>();
    public bool RefusesIncoming { get; private set; }
    public DateTimeOffset? RestUntil { get; private set; }
    public bool RestQueued { get; private set; }
    public string? LoginError { get; private set; }
    /// <summary>Why a 4500 signed the agent out; null otherwise.</summary>
    public string? ForcedLogout { get; private set; }

    public SoftphoneCall? Call { get; private set; }
    /// <summary>This page session's calls, newest first.</summary>
    public IReadOnlyList<CallLogEntry> CallLog => _log;
    /// <summary>The latest messages (failures and prompts in words), newest first.</summary>
    public IReadOnlyList<SoftphoneMessage> Messages => _messages;

    public bool IsResting => State == AgentState.Busy && Reason == AgentStateCatalog.Rest;
    public bool CanWork => Connection == ConnectionStatus.Connected && LoggedIn;

    /// <summary>The module's connection report.</summary>
    public void ApplyConnection(string status, int attempt, int delayMs, string? detail)
    {
        var now = clock.GetUtcNow();
        ConnectionDetail = detail ?? "";
        ReconnectAttempt = attempt;
        RetryAt = null;
        switch (status)
        {
            case "connected":
                Connection = ConnectionStatus.Connected;
                if (!string.IsNullOrEmpty(detail)) SessionId = detail;
                break;
            case "waiting":
                Connection = ConnectionStatus.Waiting;
                RetryAt = now.AddMilliseconds(delayMs);
                break;
            case "reconnecting":
                Connection = ConnectionStatus.Reconnecting;
                break;
            case "signedOut":
                Connection = ConnectionStatus.SignedOut;
                break;
            case "takenOver":
                Connection = ConnectionStatus.TakenOver;
                LoggedIn = false;
                Note(now, MessageLevel.Warning, "This softphone was opened in another tab or window, which now holds the connection.");
                break;
            case "resyncing":
                Connection = ConnectionStatus.Connecting;
                Note(now, MessageLevel.Warning, "Reconnected, but " + (detail ?? "events were lost") + ": logging in again to get the current state.");
                break;
            default:
                Connection = ConnectionStatus.Connecting;
                break;
        }
    }

    /// <summary>A message of the page itself (not answering an event), e.g. a request that could not be sent.</summary>
    public SoftphoneMessage Notify(MessageLevel level, string text) => Note(clock.GetUtcNow(), level, text);

    /// <summary>The page asked for a rest of <paramref name="seconds"/> (102 reason 5): the next rest state ends then.</summary>
    public void RestRequested(int? seconds)
    {
        _restRequested = true;
        _pendingRestSeconds = seconds;
    }

    /// <summary>Applies one event frame (a flat JSON object); returns the message to show for it, if any.</summary>
    public SoftphoneMessage? Apply(string frame)
    {
        JsonObject? e;
        try
        {
            e = JsonNode.Parse(frame) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
        return e is null ? null : Apply(e);
    }

    public SoftphoneMessage? Apply(JsonObject e)
    {
        var at = Int64(e, "eventTime") is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : clock.GetUtcNow();
        switch (Int(e, "messageId"))
        {
            case Events.LoggedIn:
                LoggedIn = true;
                LoginError = null;
                ForcedLogout = null;
                ClearRest();
                Extension = Str(e, "extension");
                Queues = e["thisQueues"] is JsonArray q ? q.Select(x => x?.ToString() ?? "").Where(x => x.Length > 0).ToList() : Queues;
                DeviceState = Int(e, "deviceState") ?? DeviceState;
                SetState(at, (AgentState)(Int(e, "state") ?? 2), ReasonOf(e));
                return Note(at, MessageLevel.Success, $"Logged in as {ThisDn} on extension {Extension}.");
            case Events.LoggedOut:
                LoggedIn = false;
                ClearRest();
                SetState(at, AgentState.LoggedOut, null);
                return Note(at, MessageLevel.Info, "Logged out.");
            case Events.Ready:
                ClearRest();
                DeviceState = Int(e, "deviceState") ?? DeviceState;
                SetState(at, AgentState.Ready, null);
                return null;
            case Events.NotReady:
                DeviceState = Int(e, "deviceState") ?? DeviceState;
                var reason = ReasonOf(e);
                if (reason == AgentStateCatalog.Rest)
                {
                    if (!IsResting || _restRequested) RestUntil = _pendingRestSeconds is int s ? at.AddSeconds(s) : null;
                    RestQueued = false;
                    _restRequested = false;
                    _pendingRestSeconds = null;
                }
                else if (reason is not (AgentStateCatalog.InCall or AgentStateCatalog.Dialing or AgentStateCatalog.OutboundRinging
                         or AgentStateCatalog.InboundRinging))
                {
                    ClearRest();
                }
                SetState(at, AgentState.Busy, reason);
                return null;
            case Events.Registered:
                DeviceState = 1;
                return Note(at, MessageLevel.Success, $"Softphone registered on extension {Str(e, "extension")}.");
            case Events.Unregistered:
                DeviceState = 2;
                return Note(at, MessageLevel.Warning, $"Softphone on extension {Str(e, "extension")} unregistered: calls cannot reach you.");
            case Events.Dialing:
                StartCall(e, at, agentDialled: true, CallPhase.Dialing);
                return null;
            case Events.Incoming:
                StartCall(e, at, agentDialled: false, CallPhase.Ringing);
                return null;
            case Events.Established:
                var call = CallOf(e) ?? StartCall(e, at, agentDialled: false, CallPhase.Connected);
                call.Phase = CallPhase.Connected;
                call.Answered ??= at;
                if (Str(e, "otherDN") is { Length: > 0 } peer) call.Party = peer;
                return null;
            case Events.Held when CallOf(e) is { } held:
                held.Held = true;
                return null;
            case Events.Retrieved when CallOf(e) is { } retrieved:
                retrieved.Held = false;
                return null;
            case Events.RecordingStarted when CallOf(e) is { } recorded:
                recorded.Recording = true;
                recorded.RecordingFile = Str(e, "fileName");
                return Note(at, MessageLevel.Info, "Recording started.");
            case Events.RecordingStopped when CallOf(e) is { } stopped:
                stopped.Recording = false;
                return Note(at, MessageLevel.Info, $"Recording stopped ({Int(e, "duration") ?? 0} s).");
            case Events.Released:
                EndCall(e, at);
                return null;
            case Events.Prompt:
                return ApplyPrompt(Int(e, "referenceID") ?? -1, at);
            case Events.Failed:
                return ApplyFailure(Int(e, "errorMessageId") ?? 0, Int(e, "errorCode") ?? 0, Str(e, "errorMessage"), at);
            case Events.Deregistered:
                ForcedLogout = SoftphoneTexts.ForcedLogout(Int(e, "reason") ?? 0);
                LoggedIn = false;
                ClearRest();
                if (Call is not null) EndCall(Call, at, "Signed out");
                SetState(at, AgentState.LoggedOut, null);
                return Note(at, MessageLevel.Error, ForcedLogout);
            default:
                return null;
        }
    }

    private SoftphoneMessage? ApplyPrompt(int reference, DateTimeOffset at)
    {
        switch (reference)
        {
            case PromptCodes.RestExpired:
                RestUntil = null;
                return Note(at, MessageLevel.Warning, SoftphoneTexts.Prompt(reference));
            case PromptCodes.RestQueued:
                RestQueued = true;
                return Note(at, MessageLevel.Info, SoftphoneTexts.Prompt(reference));
            case PromptCodes.AcceptIncoming:
                RefusesIncoming = false;
                break;
            case PromptCodes.RefuseIncoming:
                RefusesIncoming = true;
                break;
            case PromptCodes.TransferSucceeded when Call is not null:
                Call.Transferred = true;
                break;
            case PromptCodes.MuteSucceeded when Call is not null:
                Call.Muted = true;
                break;
            case PromptCodes.UnmuteSucceeded when Call is not null:
                Call.Muted = false;
                break;
            case PromptCodes.ConferenceSucceeded when Call is not null:
                Call.Conference = true;
                break;
        }
        return Note(at, MessageLevel.Success, SoftphoneTexts.Prompt(reference));
    }

    private SoftphoneMessage ApplyFailure(int messageId, int code, string? text, DateTimeOffset at)
    {
        var rest = messageId == MessageIds.NotReady && _restRequested;
        if (rest)
        {
            _restRequested = false;
            _pendingRestSeconds = null;
        }
        if (messageId == MessageIds.Login)
        {
            // Our own login again on a session that still has the agent: nothing is wrong.
            if (code == ErrorCodes.AlreadyLoggedIn && LoggedIn) return Note(at, MessageLevel.Info, "Already logged in.");
            LoginError = SoftphoneTexts.Failure(messageId, code, text);
        }
        return Note(at, MessageLevel.Error, SoftphoneTexts.Failure(messageId, code, text, rest));
    }

    private void SetState(DateTimeOffset at, AgentState state, int? reason)
    {
        if (state != State || reason != Reason) StateSince = at;
        State = state;
        Reason = state == AgentState.Busy ? reason : null;
    }

    private void ClearRest()
    {
        RestUntil = null;
        RestQueued = false;
        _restRequested = false;
        _pendingRestSeconds = null;
    }

    private SoftphoneCall? CallOf(JsonObject e) => Call is { } c && c.CallId == Str(e, "callID") ? c : null;

    private SoftphoneCall StartCall(JsonObject e, DateTimeOffset at, bool agentDialled, CallPhase phase)
    {
        var id = Str(e, "callID") ?? "";
        if (Call is { } previous && previous.CallId != id) EndCall(previous, at, "Replaced by another call");
        if (Call is { } same && same.CallId == id)
        {
            same.Phase = phase;
            return same;
        }
        var data = e["attachDatas"] as JsonObject;
        var recording = data is null ? null : Str(data, "fileName") ?? Str(data, "fileNam");
        Call = new SoftphoneCall
        {
            CallId = id, AgentDialled = agentDialled, CallType = Int(e, "callType") ?? 0, Party = Str(e, "otherDN") ?? "",
            Ani = Str(e, "ANI") ?? "", Dnis = Str(e, "DNIS") ?? "", Queue = Blank(Str(e, "thisQueue")),
            TransferredBy = Int(e, "thirdRole") == 3 ? Blank(Str(e, "thirdDN")) : null,
            Data = data is null
                ? new Dictionary<string, string>()
                : data.Where(kv => kv.Key is not ("fileNam" or "fileName") && kv.Value is not null)
                    .ToDictionary(kv => kv.Key, kv => kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : kv.Value!.ToJsonString()),
            RecordingFile = Blank(recording), Phase = phase, Started = at,
        };
        return Call;
    }

    private void EndCall(JsonObject e, DateTimeOffset at)
    {
        var cause = (e["attachDatas"] as JsonObject) is { } a ? Str(a, "hangupCause") : null;
        if (CallOf(e) is { } call)
        {
            EndCall(call, at, SoftphoneTexts.Outcome(cause, call.Answered is not null, call.AgentDialled, call.Transferred));
            return;
        }
        // A call the page did not see start (e.g. after a resync): log what the event says.
        Log(new CallLogEntry(Str(e, "callID") ?? "", SoftphoneTexts.Direction(Int(e, "callType") ?? 0, false), Str(e, "otherDN") ?? "",
            null, at, null, at, SoftphoneTexts.Outcome(cause, false, false, false)));
    }

    private void EndCall(SoftphoneCall call, DateTimeOffset at, string outcome)
    {
        Log(new CallLogEntry(call.CallId, SoftphoneTexts.Direction(call.CallType, call.AgentDialled), call.Party, call.Queue, call.Started,
            call.Answered, at, outcome));
        if (ReferenceEquals(Call, call)) Call = null;
    }

    private void Log(CallLogEntry entry)
    {
        _log.RemoveAll(l => l.CallId == entry.CallId && entry.CallId.Length > 0);
        _log.Insert(0, entry);
        if (_log.Count > MaxLog) _log.RemoveAt(_log.Count - 1);
    }

    private SoftphoneMessage Note(DateTimeOffset at, MessageLevel level, string text)
    {
        var m = new SoftphoneMessage(at, level, text);
        _messages.Insert(0, m);
        if (_messages.Count > MaxMessages) _messages.RemoveAt(_messages.Count - 1);
        return m;
    }

    private static int? ReasonOf(JsonObject e) => Int(e, "reasonCode") is int r && r >= 0 ? r : null;

    private static string? Blank(string? s) => string.IsNullOrEmpty(s) ? null : s;

    // Event fields are read tolerantly: numbers may come as numeric strings (A38).
    private static string? Str(JsonObject e, string key) => e[key] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    private static long? Int64(JsonObject e, string key) => e[key] switch
    {
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, out var p) => p,
        _ => null,
    };

    private static int? Int(JsonObject e, string key) => Int64(e, key) is long n && n is >= int.MinValue and <= int.MaxValue ? (int)n : null;
}
