using System.Text.RegularExpressions;
using CallCenter.Domain.Common;

namespace CallCenter.Domain.AgentStates;

/// <summary>
/// A tenant-defined busy reason (自定义坐席状态, §6.36/§6.37), e.g. 9 "免打扰" (do not disturb). Custom codes start
/// at 9; the built-in codes 0–8 are fixed (<see cref="AgentStateCatalog"/>).
/// </summary>
public partial class CustomAgentState
{
    public int Id { get; set; }
    public int TenantId { get; set; }
    /// <summary>Always <see cref="AgentState.Busy"/> for reason codes (they qualify state 2).</summary>
    public AgentState State { get; set; } = AgentState.Busy;
    public int ReasonCode { get; set; } = AgentStateCatalog.FirstCustomReasonCode;
    public string ReasonText { get; set; } = "";
    /// <summary>CSS hex colour, #rgb or #rrggbb.</summary>
    public string Color { get; set; } = "#cccccc";
    /// <summary>Whether agents may pick it from the not-ready menu.</summary>
    public bool Enabled { get; set; } = true;
    public DateTime CreatedTime { get; set; }

    [GeneratedRegex("^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
    private static partial Regex ColorPattern();

    public static bool IsColor(string? value) => value is not null && ColorPattern().IsMatch(value);

    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator();
        if (State != AgentState.Busy) v.Add(nameof(State), "Custom reasons qualify the busy state (2) only.");
        if (ReasonCode < AgentStateCatalog.FirstCustomReasonCode || ReasonCode > AgentStateCatalog.MaxReasonCode)
            v.Add(nameof(ReasonCode),
                $"Reason code must be from {AgentStateCatalog.FirstCustomReasonCode} to {AgentStateCatalog.MaxReasonCode}; 0–8 are built in.");
        v.Required(nameof(ReasonText), ReasonText, "Text", 32);
        if (!IsColor(Color)) v.Add(nameof(Color), "Colour must be a hex colour such as #ffcc00.");
        return v.Errors;
    }
}
