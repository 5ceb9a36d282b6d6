using CallCenter.Domain.AgentStates;
using CallCenter.Infrastructure.Softphone;

namespace CallCenter.Web.Softphone;

/// <summary>How the softphone writes states, reasons and durations.</summary>
public static class SoftphoneFormat
{
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}" : $"{span.Minutes}:{span.Seconds:00}";
    }

    public static string State(AgentState state) => state switch
    {
        AgentState.Ready => "Ready",
        AgentState.Busy => "Not ready",
        _ => "Logged out",
    };

    /// <summary>The reason's text: the tenant's custom text, or the built-in English text; "" without a reason.</summary>
    public static string Reason(SoftphoneProfile profile, int? code) => code is int c
        ? profile.AllReasons.FirstOrDefault(r => r.Code == c)?.Text ?? $"Reason {c}"
        : "";

    /// <summary>The colour of the state (ready / logged out) or of the busy reason (§6.37 colours, custom colours).</summary>
    public static string Color(SoftphoneProfile profile, AgentState state, int? reason) => state switch
    {
        AgentState.Ready => AgentStateCatalog.StateColor(AgentState.Ready),
        AgentState.LoggedOut => AgentStateCatalog.StateColor(AgentState.LoggedOut),
        _ => profile.AllReasons.FirstOrDefault(r => r.Code == reason)?.Color ?? "#ecb9b7",
    };

    public static string Rest(int seconds) => seconds % 60 == 0 ? $"{seconds / 60} min" : Duration(TimeSpan.FromSeconds(seconds));

    public static string Connection(ConnectionStatus status) => status switch
    {
        ConnectionStatus.Connected => "Connected",
        ConnectionStatus.Waiting => "Connection lost",
        ConnectionStatus.Reconnecting => "Reconnecting…",
        ConnectionStatus.SignedOut => "Signed out",
        ConnectionStatus.TakenOver => "Open in another tab",
        _ => "Connecting…",
    };

    public static string Registration(int deviceState) => deviceState switch
    {
        1 => "Phone registered",
        2 => "Phone not registered",
        _ => "Phone unknown",
    };
}
