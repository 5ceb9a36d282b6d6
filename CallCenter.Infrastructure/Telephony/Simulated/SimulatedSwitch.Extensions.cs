using CallCenter.Domain.Telephony;
using Microsoft.Extensions.Logging;

namespace CallCenter.Infrastructure.Telephony.Simulated;

/// <summary>Virtual extensions: softphones that register, ring, and answer by themselves or when told.</summary>
public sealed partial class SimulatedSwitch
{
    /// <summary>Registered extensions and their SIP address.</summary>
    private readonly Dictionary<(int TenantId, string Extension), string> _registrations = new();

    /// <summary>
    /// Extensions a person answers from a page (the softphone is open on them): they ring until answered, rejected or
    /// timed out, whatever <see cref="SimulatedSwitchOptions.AutoAnswer"/> says. Counted: two open pages, two holds.
    /// </summary>
    private readonly Dictionary<(int TenantId, string Extension), int> _answeredByHand = new();

    /// <summary>The channels of each extension, oldest first (an extension may carry several, e.g. a consult call).</summary>
    private readonly Dictionary<(int TenantId, string Extension), List<SimChannel>> _extensionChannels = new();

    /// <summary>
    /// Registers a virtual extension (a softphone coming online): <see cref="ExtensionRegistered"/>. Registering again
    /// from another address publishes it again; from the same address it is a no-op.
    /// </summary>
    public void RegisterExtension(int tenantId, string extension, string sipIp = "127.0.0.1")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(extension);
        ArgumentException.ThrowIfNullOrWhiteSpace(sipIp);
        Command(now =>
        {
            var key = (tenantId, extension);
            if (_registrations.TryGetValue(key, out var ip) && ip == sipIp) return;
            _registrations[key] = sipIp;
            Emit(new ExtensionRegistered(tenantId, now, extension, sipIp));
        });
    }

    /// <summary>
    /// Unregisters a virtual extension: <see cref="ExtensionUnregistered"/> when it was registered. Its calls in
    /// progress go on (as with a SIP phone whose registration lapses); new calls to it fail with USER_NOT_REGISTERED.
    /// </summary>
    public void UnregisterExtension(int tenantId, string extension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(extension);
        Command(now =>
        {
            if (_registrations.Remove((tenantId, extension)))
                Emit(new ExtensionUnregistered(tenantId, now, extension));
        });
    }

    /// <summary>
    /// While the returned handle lives, calls to the extension ring until a person answers them
    /// (<see cref="AnswerExtension"/>) instead of being auto-answered: the softphone page holds one while it is open.
    /// </summary>
    public IDisposable AnswerByHand(int tenantId, string extension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(extension);
        var key = (tenantId, extension);
        lock (_gate) _answeredByHand[key] = _answeredByHand.GetValueOrDefault(key) + 1;
        return new ByHandHandle(this, key);
    }

    public bool IsAnsweredByHand(int tenantId, string extension)
    {
        lock (_gate) return _answeredByHand.ContainsKey((tenantId, extension));
    }

    private sealed class ByHandHandle(SimulatedSwitch owner, (int, string) key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            lock (owner._gate)
            {
                if (owner._answeredByHand.GetValueOrDefault(key) <= 1) owner._answeredByHand.Remove(key);
                else owner._answeredByHand[key]--;
            }
        }
    }

    public bool IsRegistered(int tenantId, string extension)
    {
        lock (_gate) return _registrations.ContainsKey((tenantId, extension));
    }

    /// <summary>
    /// The softphone's answer action: answers the extension's oldest ringing channel (<see cref="ChannelAnswered"/>).
    /// False when none rings.
    /// </summary>
    public bool AnswerExtension(int tenantId, string extension) => Command(now =>
    {
        var channel = OldestRinging(tenantId, extension);
        if (channel is null) return false;
        AnswerFarEnd(channel, now);
        return true;
    });

    /// <summary>The softphone's reject action: hangs up the extension's oldest ringing channel with CALL_REJECTED. False when none rings.</summary>
    public bool RejectExtension(int tenantId, string extension) => Command(now =>
    {
        var channel = OldestRinging(tenantId, extension);
        if (channel is null) return false;
        End(channel, HangupCauses.CallRejected, now);
        return true;
    });

    private SimChannel? OldestRinging(int tenantId, string extension) =>
        _extensionChannels.TryGetValue((tenantId, extension), out var list)
            ? list.FirstOrDefault(c => c.State == SimulatedChannelState.Ringing)
            : null;

    /// <summary>Rings a virtual extension on a new channel: ringing at once, then auto-answer, or the softphone's action, or the ring timeout.</summary>
    private void OriginateToExtension(OriginateCommand command, ExtensionEndpoint target, int ringTimeout, DateTimeOffset now)
    {
        var key = (target.TenantId, target.Extension);
        if (!_registrations.ContainsKey(key))
        {
            _log.LogDebug("Simulated switch: extension {Tenant}/{Extension} not registered.", target.TenantId, target.Extension);
            Emit(new ChannelHungUp(command.TenantId, now, command.ChannelId, HangupCauses.UserNotRegistered));
            return;
        }
        var channel = new SimChannel(command.ChannelId, command.TenantId, SimulatedChannelKind.Extension, target.Extension, now)
        {
            ExtensionKey = key,
            State = SimulatedChannelState.Ringing,
        };
        _channels.Add(channel.Id, channel);
        if (!_extensionChannels.TryGetValue(key, out var list)) _extensionChannels[key] = list = [];
        list.Add(channel);
        Emit(new ChannelRinging(channel.TenantId, now, channel.Id));
        // Scheduled before the ring timeout, so an auto-answer due at the same instant wins.
        if (_options.AutoAnswer && !_answeredByHand.ContainsKey(key))
            channel.SetupJobs.Add(After(now, _options.AutoAnswerDelaySeconds, at => AnswerFarEnd(channel, at)));
        channel.RingTimeout = After(now, ringTimeout, at => FailRinging(channel, HangupCauses.NoAnswer, at));
    }

    private void ForgetExtensionChannel(SimChannel channel)
    {
        if (channel.ExtensionKey is not { } key || !_extensionChannels.TryGetValue(key, out var list)) return;
        list.Remove(channel);
        if (list.Count == 0) _extensionChannels.Remove(key);
    }
}
