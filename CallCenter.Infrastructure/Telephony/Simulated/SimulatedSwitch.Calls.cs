using CallCenter.Domain.Telephony;
using Microsoft.Extensions.Logging;

namespace CallCenter.Infrastructure.Telephony.Simulated;

/// <summary>Originating, the virtual public network, and the channel commands of <see cref="ISwitch"/>.</summary>
public sealed partial class SimulatedSwitch
{
    /// <summary>Conference rooms and their members (a room exists while it has members).</summary>
    private readonly Dictionary<string, HashSet<SimChannel>> _conferences = new(StringComparer.Ordinal);

    public void Originate(OriginateCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Command(now =>
        {
            if (string.IsNullOrEmpty(command.ChannelId) || _channels.ContainsKey(command.ChannelId))
            {
                _log.LogWarning("Simulated switch: originate ignored, channel id {Channel} is empty or in use.", command.ChannelId);
                return;
            }
            var ringTimeout = command.RingTimeoutSeconds > 0 ? command.RingTimeoutSeconds : _options.DefaultRingTimeoutSeconds;
            switch (command.Target)
            {
                case ExtensionEndpoint extension:
                    OriginateToExtension(command, extension, ringTimeout, now);
                    break;
                case ExternalEndpoint external:
                    OriginateToNetwork(command, external, ringTimeout, now);
                    break;
                default:
                    _log.LogWarning("Simulated switch: no route to {Target}.", command.Target);
                    Emit(new ChannelHungUp(command.TenantId, now, command.ChannelId, HangupCauses.NoRouteDestination));
                    break;
            }
        });
    }

    /// <summary>
    /// Calls a number on the virtual public network. Everything is drawn now: a vacant number fails after the set-up
    /// delay (UNALLOCATED_NUMBER); otherwise the number answers with <see cref="SimulatedSwitchOptions.AnswerProbability"/>
    /// after ringing for an <see cref="SimulatedSwitchOptions.AnswerDelay"/> draw, or fails by the
    /// <see cref="SimulatedSwitchOptions.Unanswered"/> weights: busy (after the set-up delay, without ringing), rings
    /// until the ring timeout (NO_ANSWER), or rings for an answer-delay draw then declines (CALL_REJECTED). An answer
    /// or rejection that would come after the ring timeout is a NO_ANSWER.
    /// </summary>
    private void OriginateToNetwork(OriginateCommand command, ExternalEndpoint target, int ringTimeout, DateTimeOffset now)
    {
        var channel = new SimChannel(command.ChannelId, command.TenantId, SimulatedChannelKind.External, target.Number ?? "", now);
        _channels.Add(channel.Id, channel);
        var setup = _options.NetworkSetupDelaySeconds;

        if (_options.VacantPrefix is { Length: > 0 } vacant && channel.RemoteNumber.StartsWith(vacant, StringComparison.Ordinal))
        {
            channel.SetupJobs.Add(After(now, setup, at => FailRinging(channel, HangupCauses.UnallocatedNumber, at)));
            return;
        }

        var answers = _random.NextDouble() < _options.AnswerProbability;
        if (answers)
        {
            var delay = _options.AnswerDelay.Sample(_random);
            channel.SetupJobs.Add(After(now, setup, at => StartRinging(channel, at)));
            channel.SetupJobs.Add(After(now, setup + delay, at => AnswerFarEnd(channel, at)));
        }
        else
        {
            var w = _options.Unanswered;
            var pick = _random.NextDouble() * w.Total;
            if (pick < w.UserBusy)
            {
                channel.SetupJobs.Add(After(now, setup, at => FailRinging(channel, HangupCauses.UserBusy, at)));
                return;
            }
            channel.SetupJobs.Add(After(now, setup, at => StartRinging(channel, at)));
            if (pick < w.UserBusy + w.CallRejected)
            {
                var delay = _options.AnswerDelay.Sample(_random);
                channel.SetupJobs.Add(After(now, setup + delay, at => FailRinging(channel, HangupCauses.CallRejected, at)));
            }
            // else: rings until the ring timeout
        }
        channel.RingTimeout = After(now, ringTimeout, at => FailRinging(channel, HangupCauses.NoAnswer, at));
    }

    public void Answer(string channelId) => Command(now =>
    {
        if (!TryGetChannel(channelId, nameof(Answer), out var channel)) return;
        if (channel.IsAnswered) return;
        if (channel.Kind != SimulatedChannelKind.Inbound)
        {
            _log.LogWarning("Simulated switch: answer ignored, {Channel} is an originated channel (its far end answers).", channelId);
            return;
        }
        AnswerChannel(channel, now);
    });

    public void Bridge(string channelA, string channelB) => Command(now =>
    {
        if (!TryGetChannel(channelA, nameof(Bridge), out var a) || !TryGetChannel(channelB, nameof(Bridge), out var b)) return;
        if (a == b || !a.IsAnswered || !b.IsAnswered)
        {
            _log.LogWarning("Simulated switch: bridge {A} {B} ignored, the channels must be two answered channels.", channelA, channelB);
            return;
        }
        foreach (var c in new[] { a, b })
        {
            if (c.BridgedTo is { } old && old != a && old != b) old.BridgedTo = null;
            LeaveConference(c);
            StopIvr(c);
            StopWaiting(c);
        }
        a.BridgedTo = b;
        b.BridgedTo = a;
        Emit(new ChannelsBridged(a.TenantId, now, a.Id, b.Id));
        StartTalk(a, now);
        StartTalk(b, now);
    });

    public void Hold(string channelId) => SetHeld(channelId, true, nameof(Hold));

    public void Unhold(string channelId) => SetHeld(channelId, false, nameof(Unhold));

    private void SetHeld(string channelId, bool held, string command) => Command(_ =>
    {
        if (!TryGetChannel(channelId, command, out var channel)) return;
        if (!channel.IsAnswered)
        {
            _log.LogWarning("Simulated switch: {Command} ignored, {Channel} is not answered.", command, channelId);
            return;
        }
        channel.Held = held;
    });

    /// <summary>
    /// Ends the channel with the engine's cause: <see cref="ChannelHungUp"/> for this channel only (its recordings
    /// stop first). A bridged peer stays up, unbridged; the engine decides what happens to it.
    /// </summary>
    public void Hangup(string channelId, string cause) => Command(now =>
    {
        if (!_channels.TryGetValue(channelId ?? "", out var channel))
        {
            _log.LogDebug("Simulated switch: hangup of unknown channel {Channel} ignored.", channelId);
            return;
        }
        End(channel, string.IsNullOrWhiteSpace(cause) ? HangupCauses.NormalClearing : cause, now);
    });

    /// <summary>
    /// Plays queue music to the channel. A parked inbound caller who is not yet talking may abandon after a
    /// <see cref="SimulatedSwitchOptions.Patience"/> draw (send_bye: the caller hung up). A caller parked again after
    /// talking keeps the talk time drawn at its first bridge instead.
    /// </summary>
    public void Park(string channelId) => Command(now =>
    {
        if (!TryGetChannel(channelId, nameof(Park), out var channel)) return;
        Unbridge(channel);
        LeaveConference(channel);
        StopIvr(channel);
        channel.Parked = true;
        if (channel.Kind == SimulatedChannelKind.Inbound && !channel.TalkStarted && channel.Patience is null)
        {
            var patience = _options.Patience.Sample(_random);
            if (patience > 0)
                channel.Patience = After(now, patience, at => RemotePartyHangsUp(channel, at));
        }
    });

    public void JoinConference(string channelId, string room) => Command(now =>
    {
        if (!TryGetChannel(channelId, nameof(JoinConference), out var channel)) return;
        if (string.IsNullOrWhiteSpace(room) || !channel.IsAnswered)
        {
            _log.LogWarning("Simulated switch: conference ignored for {Channel}: it must be answered and name a room.", channelId);
            return;
        }
        if (channel.Conference == room) return;
        Unbridge(channel);
        LeaveConference(channel);
        StopIvr(channel);
        StopWaiting(channel);
        if (!_conferences.TryGetValue(room, out var members)) _conferences[room] = members = [];
        members.Add(channel);
        channel.Conference = room;
        StartTalk(channel, now);
    });

    public void Eavesdrop(string spyChannelId, string targetChannelId, EavesdropMode mode) => Command(_ =>
    {
        if (!TryGetChannel(spyChannelId, nameof(Eavesdrop), out var spy) || !TryGetChannel(targetChannelId, nameof(Eavesdrop), out var target)) return;
        if (spy == target)
        {
            _log.LogWarning("Simulated switch: a channel cannot eavesdrop on itself ({Channel}).", spyChannelId);
            return;
        }
        spy.EavesdropTarget?.Spies.Remove(spy);
        spy.EavesdropTarget = target;
        spy.EavesdropMode = mode;
        target.Spies.Add(spy);
    });

    public void SetDeaf(string channelId, bool deaf) => Command(_ =>
    {
        if (TryGetChannel(channelId, nameof(SetDeaf), out var channel)) channel.Deaf = deaf;
    });

    public void SetMute(string channelId, bool mute) => Command(_ =>
    {
        if (TryGetChannel(channelId, nameof(SetMute), out var channel)) channel.Muted = mute;
    });

    /// <summary>Sends digits to the far end; the simulated far end only remembers them (<see cref="SimulatedChannelInfo.SentDtmf"/>).</summary>
    public void SendDtmf(string channelId, string digits) => Command(_ =>
    {
        if (!TryGetChannel(channelId, nameof(SendDtmf), out var channel)) return;
        channel.SentDtmf += digits;
        _log.LogDebug("Simulated switch: DTMF {Digits} sent on {Channel}.", digits, channelId);
    });

    /// <summary>Starts playing a file on the channel (state only: <see cref="SimulatedChannelInfo.PlayingFile"/>).</summary>
    public void Play(string channelId, string filePath) => Command(_ =>
    {
        if (TryGetChannel(channelId, nameof(Play), out var channel)) channel.PlayingFile = filePath;
    });

    // --- state changes (lock held) ------------------------------------------------------------------------------

    private bool IsLive(SimChannel channel) => _channels.TryGetValue(channel.Id, out var c) && c == channel;

    private void StartRinging(SimChannel channel, DateTimeOffset at)
    {
        if (!IsLive(channel) || channel.State != SimulatedChannelState.Dialing) return;
        channel.State = SimulatedChannelState.Ringing;
        Emit(new ChannelRinging(channel.TenantId, at, channel.Id));
    }

    /// <summary>The far end of an originated channel picks up.</summary>
    private void AnswerFarEnd(SimChannel channel, DateTimeOffset at)
    {
        if (!IsLive(channel) || channel.IsAnswered) return;
        if (channel.State == SimulatedChannelState.Dialing) StartRinging(channel, at);
        AnswerChannel(channel, at);
        if (channel.Kind == SimulatedChannelKind.External) StartTalk(channel, at);
    }

    private void AnswerChannel(SimChannel channel, DateTimeOffset at)
    {
        channel.State = SimulatedChannelState.Answered;
        channel.AnsweredAt = at;
        foreach (var job in channel.SetupJobs) job.Cancel();
        channel.SetupJobs.Clear();
        channel.RingTimeout?.Cancel();
        channel.RingTimeout = null;
        Emit(new ChannelAnswered(channel.TenantId, at, channel.Id));
    }

    /// <summary>The set-up fails with <paramref name="cause"/>, unless the channel was answered or ended meanwhile.</summary>
    private void FailRinging(SimChannel channel, string cause, DateTimeOffset at)
    {
        if (!IsLive(channel) || channel.IsAnswered) return;
        End(channel, cause, at);
    }

    /// <summary>
    /// Draws the remote party's talk time, once per channel: an external number from its answer, an inbound caller
    /// from its first bridge or conference. Extensions never hang up by themselves.
    /// </summary>
    private void StartTalk(SimChannel channel, DateTimeOffset at)
    {
        if (channel.TalkStarted || channel.Kind == SimulatedChannelKind.Extension) return;
        channel.TalkStarted = true;
        var talk = _options.TalkTime.Sample(_random);
        if (talk > 0) channel.TalkEnd = After(at, talk, t => RemotePartyHangsUp(channel, t));
    }

    /// <summary>The remote party hangs up by itself: send_bye when it is the caller (inbound), recv_bye when the callee.</summary>
    private void RemotePartyHangsUp(SimChannel channel, DateTimeOffset at)
    {
        if (!IsLive(channel)) return;
        End(channel, channel.Kind == SimulatedChannelKind.Inbound ? HangupCauses.SendBye : HangupCauses.RecvBye, at);
    }

    /// <summary>The switch's side ends the call (an IVR hang-up): recv_bye on an inbound channel, send_bye on an originated one.</summary>
    private void SwitchSideHangsUp(SimChannel channel, DateTimeOffset at)
    {
        if (!IsLive(channel)) return;
        End(channel, channel.Kind == SimulatedChannelKind.Inbound ? HangupCauses.RecvBye : HangupCauses.SendBye, at);
    }

    /// <summary>The channel ends: its jobs are cancelled, its recordings stop, its peer is unbridged, then <see cref="ChannelHungUp"/>.</summary>
    private void End(SimChannel channel, string cause, DateTimeOffset at)
    {
        if (!IsLive(channel)) return;
        foreach (var recording in channel.Recordings.ToList()) StopRecording(channel, recording, at);
        foreach (var job in channel.AllJobs()) job.Cancel();
        _channels.Remove(channel.Id);
        ForgetExtensionChannel(channel);
        Unbridge(channel);
        LeaveConference(channel);
        channel.EavesdropTarget?.Spies.Remove(channel);
        foreach (var spy in channel.Spies)
        {
            spy.EavesdropTarget = null;
            spy.EavesdropMode = null;
        }
        channel.Spies.Clear();
        channel.RunningIvr = null;
        Emit(new ChannelHungUp(channel.TenantId, at, channel.Id, cause));
    }

    private static void Unbridge(SimChannel channel)
    {
        if (channel.BridgedTo is { } peer && peer.BridgedTo == channel) peer.BridgedTo = null;
        channel.BridgedTo = null;
    }

    private void LeaveConference(SimChannel channel)
    {
        if (channel.Conference is not { } room) return;
        if (_conferences.TryGetValue(room, out var members))
        {
            members.Remove(channel);
            if (members.Count == 0) _conferences.Remove(room);
        }
        channel.Conference = null;
    }

    /// <summary>The caller is served: no more queue music, no more abandoning.</summary>
    private static void StopWaiting(SimChannel channel)
    {
        channel.Parked = false;
        channel.Patience?.Cancel();
        channel.Patience = null;
    }
}
