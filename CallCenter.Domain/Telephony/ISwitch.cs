namespace CallCenter.Domain.Telephony;

/// <summary>
/// The telephony port. Commands return at once; what happens on the switch comes back as <see cref="SwitchEvent"/>s
/// through the <see cref="ISwitchEventSink"/> the host connects. Channel ids are chosen by the caller of
/// <see cref="Originate"/> (the engine), or by the switch for inbound calls. Implementations: the simulated switch
/// (embedded default) and FreeSWITCH over its event socket.
/// </summary>
public interface ISwitch
{
    /// <summary>Rings an endpoint on a new channel; <see cref="ChannelRinging"/>, then <see cref="ChannelAnswered"/> or <see cref="ChannelHungUp"/>.</summary>
    void Originate(OriginateCommand command);

    /// <summary>Answers an inbound channel (before it is queued, so the caller hears music).</summary>
    void Answer(string channelId);

    /// <summary>Connects two answered channels' audio; <see cref="ChannelsBridged"/>.</summary>
    void Bridge(string channelA, string channelB);

    /// <summary>Puts a channel on hold (music) / takes it off; the bridged peer hears the music.</summary>
    void Hold(string channelId);
    void Unhold(string channelId);

    void Hangup(string channelId, string cause);

    /// <summary>Plays queue music to a waiting caller until it is bridged or hung up.</summary>
    void Park(string channelId);

    /// <summary>Adds a channel to a conference room (created on first use); all members hear each other.</summary>
    void JoinConference(string channelId, string room);

    /// <summary>Lets <paramref name="spyChannelId"/> listen to (whisper into, barge into) <paramref name="targetChannelId"/>'s call.</summary>
    void Eavesdrop(string spyChannelId, string targetChannelId, EavesdropMode mode);

    /// <summary>Stops (or restores) the audio a channel hears (the source's "mute": the target cannot hear the other side).</summary>
    void SetDeaf(string channelId, bool deaf);

    /// <summary>Stops (or restores) the audio a channel sends.</summary>
    void SetMute(string channelId, bool mute);

    void StartRecording(string channelId, string filePath, int? limitSeconds);
    void StopRecording(string channelId, string filePath);

    void SendDtmf(string channelId, string digits);

    void Play(string channelId, string filePath);

    /// <summary>Runs an IVR flow on the channel; progress comes back as <see cref="IvrProgress"/>, the end as <see cref="IvrFinished"/>.</summary>
    void RunIvr(string channelId, int tenantId, int ivrId);
}

public enum EavesdropMode
{
    Listen,
    Whisper,
    Barge,
}

/// <summary>Where a channel rings: an extension of a tenant, or a number on the public network.</summary>
public abstract record SwitchEndpoint;

public sealed record ExtensionEndpoint(int TenantId, string Extension) : SwitchEndpoint;

public sealed record ExternalEndpoint(string Number) : SwitchEndpoint;

public sealed record OriginateCommand(string ChannelId, int TenantId, SwitchEndpoint Target, string CallerIdNumber,
    int RingTimeoutSeconds, string? GatewayGroup = null);

public interface ISwitchEventSink
{
    void Publish(SwitchEvent e);
}

/// <summary>Something that happened on the switch, for one tenant.</summary>
public abstract record SwitchEvent(int TenantId, DateTimeOffset At);

public sealed record ExtensionRegistered(int TenantId, DateTimeOffset At, string Extension, string SipIp) : SwitchEvent(TenantId, At);

public sealed record ExtensionUnregistered(int TenantId, DateTimeOffset At, string Extension) : SwitchEvent(TenantId, At);

/// <summary>A call from the public network arrived for a tenant; <paramref name="Dnis"/> says what was dialled.</summary>
public sealed record InboundCall(int TenantId, DateTimeOffset At, string ChannelId, string Ani, string Dnis, string? TargetAcd)
    : SwitchEvent(TenantId, At);

public sealed record ChannelRinging(int TenantId, DateTimeOffset At, string ChannelId) : SwitchEvent(TenantId, At);

public sealed record ChannelAnswered(int TenantId, DateTimeOffset At, string ChannelId) : SwitchEvent(TenantId, At);

public sealed record ChannelsBridged(int TenantId, DateTimeOffset At, string ChannelA, string ChannelB) : SwitchEvent(TenantId, At);

/// <summary>A channel ended; <paramref name="Cause"/> is one of <see cref="HangupCauses"/>.</summary>
public sealed record ChannelHungUp(int TenantId, DateTimeOffset At, string ChannelId, string Cause) : SwitchEvent(TenantId, At);

public sealed record DtmfReceived(int TenantId, DateTimeOffset At, string ChannelId, string Digit) : SwitchEvent(TenantId, At);

public sealed record RecordingStarted(int TenantId, DateTimeOffset At, string ChannelId, string FilePath) : SwitchEvent(TenantId, At);

public sealed record RecordingStopped(int TenantId, DateTimeOffset At, string ChannelId, string FilePath, int DurationSeconds)
    : SwitchEvent(TenantId, At);

/// <summary>A step of an IVR flow (605's <c>ivrStatus</c>: start, execute_start, get_digit, play_audio_file, execute_end, stop).</summary>
public sealed record IvrProgress(int TenantId, DateTimeOffset At, string ChannelId, int IvrId, string Status, int? Node, string? NodeName,
    int? DigitType, string? Digit, string? FileName) : SwitchEvent(TenantId, At);

/// <summary>The IVR flow ended; where it sends the caller (an ACD number, an agent DN, a number) or null when it hung up.</summary>
public sealed record IvrFinished(int TenantId, DateTimeOffset At, string ChannelId, int IvrId, IvrExit Exit, string? Target)
    : SwitchEvent(TenantId, At);

public enum IvrExit
{
    Hangup,
    ToAcd,
    ToAgent,
    ToNumber,
    ReturnToCaller,
}

/// <summary>The hang-up causes the records and event 515 carry (§1.9 of query-api-1, E6 of the protocol).</summary>
public static class HangupCauses
{
    public const string SendBye = "send_bye";
    public const string RecvBye = "recv_bye";
    public const string CallFailed = "call_failed";
    public const string CallRejected = "CALL_REJECTED";
    public const string NoAnswer = "NO_ANSWER";
    public const string NoUserResponse = "NO_USER_RESPONSE";
    public const string UserBusy = "USER_BUSY";
    public const string UnallocatedNumber = "UNALLOCATED_NUMBER";
    public const string NormalRelease = "NORMAL_RELEASE";
    public const string NormalClearing = "NORMAL_CLEARING";
    public const string NormalTemporaryFailure = "NORMAL_TEMPORARY_FAILURE";
    public const string Timeout = "TIMEOUT";
    public const string NoRouteDestination = "NO_ROUTE_DESTINATION";
    public const string UserNotRegistered = "USER_NOT_REGISTERED";
    public const string NormalUnspecified = "NORMAL_UNSPECIFIED";
    public const string RecoveryOnTimerExpire = "RECOVERY_ON_TIMER_EXPIRE";
}
