using CallCenter.Domain.Blacklists;
using CallCenter.Domain.Common;
using CallCenter.Domain.Records;

namespace CallCenter.Domain.Sms;

/// <summary>
/// One short message to one number (§6.29 短信记录, query-api-1 3.20): sent by an agent through §7.1 or the console,
/// with the gateway's answer in <see cref="State"/>. Marked read by §7.2, deleted by §7.3.
/// </summary>
public sealed class SmsRecord : CallCenterRecord
{
    /// <summary>The sending agent, e.g. 10001_1000.</summary>
    public string? Agent { get; set; }
    /// <summary>The call the message belongs to (§6.29 <c>calleeId</c>, "call ID"); null when sent outside a call.</summary>
    public string? CalleeId { get; set; }
    /// <summary>The recipient's number.</summary>
    public string Mobile { get; set; } = "";
    /// <summary>The number the gateway sent from.</summary>
    public string? SourceMobile { get; set; }
    public DateTime CreatedTime { get; set; }
    /// <summary>The sending agent's extension.</summary>
    public string? Extension { get; set; }
    /// <summary>Send state, one of <see cref="SmsStates"/>.</summary>
    public int State { get; set; } = SmsStates.NotSent;
    public string Content { get; set; } = "";
    /// <summary>One of <see cref="SmsTypes"/>.</summary>
    public int Type { get; set; } = SmsTypes.Manual;
    /// <summary>Read flag (§6.29 <c>stateValue</c>: "" unread, "1" read).</summary>
    public bool Read { get; set; }
    /// <summary>Free-form tag given when sending, returned unchanged.</summary>
    public string? Attr { get; set; }
    /// <summary>Gateway and port asked for (§7.1 <c>gateway</c>, <c>port</c>).</summary>
    public string? Gateway { get; set; }
    public string? Port { get; set; }
    /// <summary>The gateway's reason when the message was not sent (not a wire field).</summary>
    public string? FailureReason { get; set; }

    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator();
        if (!PhoneNumbers.IsDialable(Mobile)) v.Add(nameof(Mobile), $"'{Mobile}' is not a phone number (3–20 digits, optional leading +).");
        SmsLimits.CheckMessage(v, Content, Type, Attr, Gateway, Port, CalleeId);
        if (!SmsStates.All.Contains(State)) v.Add(nameof(State), "State must be one of -2, -1, 0 … 6.");
        return v.Errors;
    }
}

/// <summary>
/// What an agent asks to send (§7.1 发送短信): one text to one or more numbers. <see cref="Validate"/> checks the input;
/// the sender (agent of the tenant) is checked by the service that sends it.
/// </summary>
public sealed record SmsSend
{
    public int TenantId { get; init; }
    /// <summary>The sending agent's number (§7.1 <c>thisDN</c>).</summary>
    public string Agent { get; init; } = "";
    /// <summary>Recipients, as given (§7.1 <c>number</c>: comma-separated).</summary>
    public IReadOnlyList<string> Numbers { get; init; } = Array.Empty<string>();
    public string Content { get; init; } = "";
    public int Type { get; init; } = SmsTypes.Manual;
    public string? Attr { get; init; }
    public string? Gateway { get; init; }
    public string? Port { get; init; }
    public string? CalleeId { get; init; }

    /// <summary>Splits a comma-separated number list (also ; and whitespace), dropping empty entries.</summary>
    public static IReadOnlyList<string> SplitNumbers(string? numbers) =>
        (numbers ?? "").Split(new[] { ',', ';', ' ', '\n', '\r', '\t', '，' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator();
        if (!Dn.TryParse(Agent, out var tenant, out _) || tenant != TenantId)
            v.Add(nameof(Agent), $"The sender must be an agent number of tenant {TenantId}, e.g. {TenantId}_1000.");
        if (Numbers.Count == 0) v.Add(nameof(Numbers), "At least one recipient number is required.");
        else if (Numbers.Count > SmsLimits.MaxRecipients) v.Add(nameof(Numbers), $"At most {SmsLimits.MaxRecipients} recipients at once.");
        else if (Numbers.FirstOrDefault(n => !PhoneNumbers.IsDialable(n)) is { } bad)
            v.Add(nameof(Numbers), $"'{bad}' is not a phone number (3–20 digits, optional leading +).");
        else if (Numbers.Distinct(StringComparer.Ordinal).Count() != Numbers.Count)
            v.Add(nameof(Numbers), "A number is listed twice.");
        SmsLimits.CheckMessage(v, Content, Type, Attr, Gateway, Port, CalleeId);
        return v.Errors;
    }
}

public static class SmsLimits
{
    /// <summary>A long message of several parts; the gateway splits it.</summary>
    public const int MaxContentLength = 500;
    public const int MaxAttrLength = 64;
    public const int MaxRecipients = 100;

    /// <summary>The rules a message and a send share (fields named as on <see cref="SmsRecord"/> and <see cref="SmsSend"/>).</summary>
    internal static void CheckMessage(Validator v, string content, int type, string? attr, string? gateway, string? port, string? calleeId)
    {
        v.Required("Content", content, "Content", MaxContentLength);
        if (!SmsTypes.All.Contains(type)) v.Add("Type", "Type must be 1 (hang-up), 2 (manual), 3 (flash) or 4 (inbox).");
        v.Optional("Attr", attr, "Attribute", MaxAttrLength);
        v.Optional("Gateway", gateway, "Gateway", 64);
        v.Optional("Port", port, "Port", 32);
        v.Optional("CalleeId", calleeId, "Call id", 128);
    }
}

/// <summary>§6.29 <c>state</c> / <c>sendState</c>.</summary>
public static class SmsStates
{
    public const int NotSent = -1;
    public const int Failed = -2;
    public const int Sent = 0;
    public const int WrongNumber = 1;
    public const int Arrears = 2;
    public const int BadParameter = 3;
    public const int WrongMobile = 4;
    public const int TemplateError = 5;
    public const int Submitted = 6;

    public static readonly int[] All = { NotSent, Failed, Sent, WrongNumber, Arrears, BadParameter, WrongMobile, TemplateError, Submitted };

    public static string Text(int state) => state switch
    {
        NotSent => "Not sent",
        Failed => "Send failed",
        Sent => "Sent",
        WrongNumber => "Incorrect number",
        Arrears => "Account in arrears",
        BadParameter => "Parameter error",
        WrongMobile => "Wrong mobile number",
        TemplateError => "Template error",
        Submitted => "Submitted",
        _ => state.ToString(),
    };

    /// <summary>Whether the message left (sent or submitted to the carrier).</summary>
    public static bool Succeeded(int state) => state is Sent or Submitted;
}

/// <summary>§6.29 / §7.1 <c>type</c>.</summary>
public static class SmsTypes
{
    public const int HangUp = 1;
    public const int Manual = 2;
    public const int Flash = 3;
    public const int Inbox = 4;

    public static readonly int[] All = { HangUp, Manual, Flash, Inbox };

    public static string Text(int type) => type switch
    {
        HangUp => "Hang-up SMS",
        Manual => "Manual",
        Flash => "Manual flash",
        Inbox => "Inbox",
        _ => type.ToString(),
    };
}

/// <summary>One message handed to a gateway.</summary>
public sealed record SmsOutgoing(int TenantId, string To, string Content, string? Gateway, string? Port);

/// <summary>What the gateway did with a message: a <see cref="SmsStates"/> value, why when it failed, the sending number.</summary>
public sealed record SmsDelivery(int State, string? Reason, string? SourceMobile);

/// <summary>
/// The SMS gateway port. Implementations: the simulated gateway (embedded default); a carrier's HTTP API in production.
/// <see cref="SendAsync"/> answers with the state to record; it throws only when the gateway could not be asked at all.
/// </summary>
public interface ISmsGateway
{
    Task<SmsDelivery> SendAsync(SmsOutgoing message, CancellationToken ct = default);
}
