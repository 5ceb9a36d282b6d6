using CallCenter.Domain.Cti.Calls;

namespace CallCenter.Web.Components.Wallboard;

/// <summary>How the wallboard writes times and figures (the same as wwwroot-assets/src/wallboard.js writes them as they tick).</summary>
public static class WallboardFormat
{
    /// <summary>Milliseconds since the Unix epoch of a UTC time (the engine's times are UTC).</summary>
    public static long EpochMs(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    /// <summary>m:ss under an hour, else h:mm:ss.</summary>
    public static string Duration(TimeSpan t)
    {
        var total = Math.Max(0, (long)t.TotalSeconds);
        var (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
        return h > 0 ? $"{h}:{m:00}:{s:00}" : $"{m}:{s:00}";
    }

    public static string Since(DateTime utc, DateTime nowUtc) => Duration(nowUtc - utc);

    public static string Percent(double? value) => value is double v ? $"{v:0.#} %" : "—";

    public static string Direction(int? callType) => callType switch
    {
        CallTypes.Inbound => "Inbound",
        CallTypes.Outbound => "Outbound",
        CallTypes.Internal => "Internal",
        _ => "",
    };
}
