using CallCenter.Domain.Common;

namespace CallCenter.Domain.Extensions;

/// <summary>A SIP extension (分机) of a tenant, e.g. 1000. The password is the SIP registration secret.</summary>
public class Extension
{
    public int Id { get; set; }
    public int TenantId { get; set; }
    public string Number { get; set; } = "";
    /// <summary>SIP registration password; kept retrievable because the switch needs it for digest auth (§6.10 returns it).</summary>
    public string Password { get; set; } = "";
    public AccountStatus Status { get; set; } = AccountStatus.Enabled;
    /// <summary>Last registration state reported by the switch (spec <c>deviceState</c> 1 registered / 2 unregistered).</summary>
    public bool Registered { get; set; }
    public DateTime? RegisteredAt { get; set; }
    public DateTime CreatedTime { get; set; }

    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator();
        v.Digits(nameof(Number), Number, "Extension number", 3, 10);
        if (string.IsNullOrEmpty(Password) || Password.Length < 6 || Password.Length > 32)
            v.Add(nameof(Password), "SIP password must be 6 to 32 characters.");
        else if (Password.Any(char.IsWhiteSpace))
            v.Add(nameof(Password), "SIP password cannot contain spaces.");
        v.OneOf(nameof(Status), Status, "Status", AccountStatus.Enabled, AccountStatus.Deregistered);
        return v.Errors;
    }
}
