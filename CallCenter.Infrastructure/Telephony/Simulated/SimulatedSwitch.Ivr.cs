using CallCenter.Domain.Common;
using CallCenter.Domain.Telephony;
using Microsoft.Extensions.Logging;

namespace CallCenter.Infrastructure.Telephony.Simulated;

/// <summary>
/// A simulated IVR flow: whatever the flow id, one menu node. The caller hears the menu, presses 1, 2 or 3 after an
/// <see cref="SimulatedSwitchOptions.IvrDigitDelay"/> draw, and is sent to the ACD
/// <see cref="SimulatedSwitchOptions.IvrDigitAcds"/> maps the key to, or hung up on when the key maps to none.
/// </summary>
public sealed partial class SimulatedSwitch
{
    public const int IvrMenuNode = 1;
    public const string IvrMenuNodeName = "menu";

    // ivrDigitType (agent protocol E10) of the steps.
    private const int DigitTypeCollect = -4;
    private const int DigitTypeToAcd = 1;
    private const int DigitTypeHangup = 4;

    /// <summary>
    /// Runs the simulated flow on the channel (answering an inbound channel first, as an IVR does). Steps
    /// (<see cref="IvrProgress"/>): start, execute_start, play_audio_file at once; after the caller's delay get_digit
    /// (the key), execute_end, stop; then <see cref="IvrFinished"/>: <see cref="IvrExit.ToAcd"/> with the tenant's ACD
    /// number (e.g. 10001_8000), or <see cref="IvrExit.Hangup"/> followed by <see cref="ChannelHungUp"/> (the switch
    /// hung up: recv_bye on an inbound channel). The flow stops silently when the channel is bridged, parked, put in a
    /// conference, given another flow or hung up.
    /// </summary>
    public void RunIvr(string channelId, int tenantId, int ivrId) => Command(now =>
    {
        if (!TryGetChannel(channelId, nameof(RunIvr), out var channel)) return;
        if (!channel.IsAnswered)
        {
            if (channel.Kind != SimulatedChannelKind.Inbound)
            {
                _log.LogWarning("Simulated switch: IVR ignored, originated channel {Channel} is not answered.", channelId);
                return;
            }
            AnswerChannel(channel, now);
        }
        StopIvr(channel);
        Unbridge(channel);
        LeaveConference(channel);
        StopWaiting(channel);
        channel.RunningIvr = ivrId;

        var file = $"ivr/{ivrId}/{IvrMenuNodeName}.wav";
        Emit(Step("start", null, null, null));
        Emit(Step("execute_start", IvrMenuNode, DigitTypeCollect, null));
        Emit(Step("play_audio_file", IvrMenuNode, DigitTypeCollect, null, file));
        channel.PlayingFile = file;

        var delay = _options.IvrDigitDelay.Sample(_random);
        var digit = _random.Next(1, 4).ToString();
        channel.IvrStep = After(now, delay, at =>
        {
            if (!IsLive(channel) || channel.RunningIvr != ivrId) return;
            channel.IvrStep = null;
            channel.RunningIvr = null;
            channel.PlayingFile = null;
            var acd = _options.IvrDigitAcds.TryGetValue(digit, out var code) && !string.IsNullOrWhiteSpace(code)
                ? (code.Contains('_') ? code : Dn.Of(tenantId, code))
                : null;
            Emit(Step("get_digit", IvrMenuNode, DigitTypeCollect, digit, at: at));
            Emit(Step("execute_end", IvrMenuNode, acd is null ? DigitTypeHangup : DigitTypeToAcd, digit, at: at));
            Emit(Step("stop", null, null, null, at: at));
            Emit(new IvrFinished(tenantId, at, channel.Id, ivrId, acd is null ? IvrExit.Hangup : IvrExit.ToAcd, acd));
            if (acd is null) SwitchSideHangsUp(channel, at);
        });
        return;

        IvrProgress Step(string status, int? node, int? digitType, string? key, string? fileName = null, DateTimeOffset? at = null) =>
            new(tenantId, at ?? now, channel.Id, ivrId, status, node, node is null ? null : IvrMenuNodeName, digitType, key, fileName);
    });

    private static void StopIvr(SimChannel channel)
    {
        if (channel.RunningIvr is null) return;
        channel.IvrStep?.Cancel();
        channel.IvrStep = null;
        channel.RunningIvr = null;
        channel.PlayingFile = null;
    }
}
