using CallCenter.Domain.Common;

namespace CallCenter.Domain.Blacklists;

/// <summary>A blacklisted number (§6.42, §7.11). Calls in the blocked direction are refused while it is in force.</summary>
public class BlacklistEntry
{
    public int Id { get; set; }
    public int TenantId { get; set; }
    /// <summary>Name of the blacklisted party (spec <c>name</c>).</summary>
    public string Name { get; set; } = "";
    public string Mobile { get; set; } = "";
    /// <summary>Blocked direction (spec <c>callType</c>; request field <c>type</c> in §7.11/7.13).</summary>
    public BlacklistDirection CallType { get; set; } = BlacklistDirection.Both;
    /// <summary>1 = in force (blacklisted), 0 = disabled.</summary>
    public int Status { get; set; } = 1;
    /// <summary>Reason (spec <c>description</c>).</summary>
    public string? Description { get; set; }
    /// <summary>Optional validity window; null bounds are open.</summary>
    public DateTime? ValidFrom { get; set; }
    public DateTime? ValidUntil { get; set; }
    /// <summary>Agent record id of the creator (spec <c>userId</c>), when an agent created it.</summary>
    public int? CreatedByAgentId { get; set; }
    /// <summary>Who created it: an agent number or a console user name (spec <c>nameCn</c>).</summary>
    public string? CreatedBy { get; set; }
    public DateTime CreatedTime { get; set; }

    public bool InForce(DateTime at) =>
        Status == 1 && (ValidFrom is null || ValidFrom <= at) && (ValidUntil is null || at <= ValidUntil);

    public bool Blocks(CallDirection direction, DateTime at) =>
        InForce(at) && (CallType == BlacklistDirection.Both
                        || (CallType == BlacklistDirection.Inbound && direction == CallDirection.Inbound)
                        || (CallType == BlacklistDirection.Outbound && direction == CallDirection.Outbound));

    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator();
        v.Required(nameof(Name), Name, "Name", 64);
        if (!PhoneNumbers.IsDialable(Mobile))
            v.Add(nameof(Mobile), "Number must be 3 to 20 digits (an optional leading +).");
        v.OneOf(nameof(CallType), CallType, "Direction", BlacklistDirection.Both, BlacklistDirection.Inbound, BlacklistDirection.Outbound);
        v.OneOf(nameof(Status), Status, "Status", 0, 1);
        v.Optional(nameof(Description), Description, "Reason", 500);
        if (ValidFrom is not null && ValidUntil is not null && ValidUntil < ValidFrom)
            v.Add(nameof(ValidUntil), "Valid until must not be before valid from.");
        return v.Errors;
    }
}

/// <summary>Blacklist direction: 1 both, 2 inbound, 3 outbound (not the CDR call type).</summary>
public enum BlacklistDirection
{
    Both = 1,
    Inbound = 2,
    Outbound = 3,
}

/// <summary>Direction of a call being checked against the blacklist.</summary>
public enum CallDirection
{
    Inbound,
    Outbound,
}

public static class PhoneNumbers
{
    /// <summary>3–20 digits with an optional leading '+'.</summary>
    public static bool IsDialable(string? number)
    {
        if (string.IsNullOrEmpty(number)) return false;
        var digits = number.StartsWith('+') ? number[1..] : number;
        return digits.Length is >= 3 and <= 20 && digits.All(char.IsAsciiDigit);
    }
}
