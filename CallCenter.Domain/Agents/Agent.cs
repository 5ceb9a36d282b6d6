using CallCenter.Domain.Common;

namespace CallCenter.Domain.Agents;

/// <summary>An agent (坐席). Its number is <c>{tenant}_{code}</c>, e.g. 10001_1000 (spec <c>name</c>/<c>thisDN</c>).</summary>
public class Agent
{
    public int Id { get; set; }
    public int TenantId { get; set; }
    /// <summary>Short code, e.g. "1000".</summary>
    public string Code { get; set; } = "";
    /// <summary>The person's name (spec <c>nameCn</c>).</summary>
    public string NameCn { get; set; } = "";
    /// <summary>Employee number (spec <c>jobNum</c>).</summary>
    public string? JobNum { get; set; }
    public string PasswordHash { get; set; } = "";
    public int? DepartmentId { get; set; }
    /// <summary>The extension this agent is bound to (one agent per extension).</summary>
    public int? ExtensionId { get; set; }
    /// <summary>Business type code and text (spec <c>typeCode</c>, <c>typeText</c>/<c>typeType</c>).</summary>
    public string? TypeCode { get; set; }
    public string? TypeText { get; set; }
    public AccountStatus Status { get; set; } = AccountStatus.Enabled;
    public bool Bound { get; set; }
    public DateTime CreatedTime { get; set; }

    /// <summary>Agent number (DN), e.g. 10001_1000.</summary>
    public string Dn => Common.Dn.Of(TenantId, Code);

    public const int MinPasswordLength = 6;

    public void SetPassword(string password) => PasswordHash = Passwords.Hash(password);

    public bool VerifyPassword(string password) => Passwords.Verify(password, PasswordHash);

    /// <summary>Validates the stored fields; <paramref name="newPassword"/> is checked when one is being set.</summary>
    public IReadOnlyList<FieldError> Validate(string? newPassword = null, bool passwordRequired = false)
    {
        var v = new Validator();
        v.Digits(nameof(Code), Code, "Agent code", 3, 8);
        v.Required(nameof(NameCn), NameCn, "Name");
        v.Optional(nameof(JobNum), JobNum, "Job number", 32);
        v.Optional(nameof(TypeCode), TypeCode, "Business type code", 32);
        v.Optional(nameof(TypeText), TypeText, "Business type", 64);
        v.OneOf(nameof(Status), Status, "Status", AccountStatus.Enabled, AccountStatus.Deregistered);
        if (!string.IsNullOrEmpty(newPassword))
        {
            if (newPassword.Length < MinPasswordLength || newPassword.Length > 64)
                v.Add("Password", $"Password must be {MinPasswordLength} to 64 characters.");
        }
        else if (passwordRequired || string.IsNullOrEmpty(PasswordHash))
        {
            v.Add("Password", "Password is required.");
        }
        return v.Errors;
    }
}
