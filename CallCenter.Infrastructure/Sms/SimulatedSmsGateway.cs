using System.Collections.Concurrent;
using CallCenter.Domain.Sms;

namespace CallCenter.Infrastructure.Sms;

/// <summary>The <c>Sms</c> section of configuration.</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    /// <summary>The number the simulated gateway sends from (§6.29 <c>sourceMobile</c>).</summary>
    public string SenderNumber { get; set; } = "106900000000";

    /// <summary>
    /// Numbers the simulated gateway fails, for testing: an exact number, or a prefix ending in <c>*</c> (e.g. "170*").
    /// Empty = every message is sent.
    /// </summary>
    public string[] FailNumbers { get; set; } = [];

    /// <summary>The state a failed number gets (§6.29 <c>state</c>; default -2 "send failed").</summary>
    public int FailState { get; set; } = SmsStates.Failed;

    /// <summary>The problems of these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(SenderNumber) || SenderNumber.Length > 32) errors.Add($"{nameof(SenderNumber)} must be 1 to 32 characters.");
        if (FailState == SmsStates.Sent || FailState == SmsStates.Submitted || !SmsStates.All.Contains(FailState))
            errors.Add($"{nameof(FailState)} must be a failure state: -2, -1, 1, 2, 3, 4 or 5.");
        if (FailNumbers is null) errors.Add($"{nameof(FailNumbers)} is required (an empty list is fine).");
        return errors;
    }
}

/// <summary>
/// The embedded SMS gateway: it sends nothing anywhere. A message is "sent" (state 0) at once unless its number is one
/// of <see cref="SmsOptions.FailNumbers"/>, which get <see cref="SmsOptions.FailState"/>. It keeps the last messages
/// it was handed (<see cref="Outbox"/>) for diagnostics and tests.
/// </summary>
public sealed class SimulatedSmsGateway(SmsOptions options) : ISmsGateway
{
    private const int OutboxSize = 1000;
    private readonly ConcurrentQueue<(SmsOutgoing Message, SmsDelivery Delivery)> _outbox = new();

    /// <summary>The latest messages handed over (at most 1,000), oldest first.</summary>
    public IReadOnlyList<(SmsOutgoing Message, SmsDelivery Delivery)> Outbox => _outbox.ToArray();

    public Task<SmsDelivery> SendAsync(SmsOutgoing message, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var delivery = Fails(message.To)
            ? new SmsDelivery(options.FailState, $"The simulated gateway fails {message.To} (Sms:FailNumbers).", options.SenderNumber)
            : new SmsDelivery(SmsStates.Sent, null, options.SenderNumber);
        _outbox.Enqueue((message, delivery));
        while (_outbox.Count > OutboxSize && _outbox.TryDequeue(out _)) { }
        return Task.FromResult(delivery);
    }

    private bool Fails(string number) => options.FailNumbers.Any(f =>
        f.EndsWith('*') ? number.StartsWith(f[..^1], StringComparison.Ordinal) : string.Equals(f, number, StringComparison.Ordinal));
}
