namespace CallCenter.Web.Cti;

/// <summary>
/// Keeps the host alive when more sockets arrive than the process may open: agent WebSockets (Kestrel's upgraded
/// connections) are capped at <c>Cti:MaxAgentConnections</c>, by default the open-files limit less a reserve for the
/// database, logs and the console. Over the cap an upgrade is refused; without the cap, exhausting file descriptors
/// ends the process (measured by CallCenter.Bench at ~19,800 agents under a 20,000 limit).
/// </summary>
public static class ConnectionLimits
{
    public const int Reserve = 1024;

    public static long? MaxAgentConnections(IConfiguration configuration)
    {
        if (long.TryParse(configuration["Cti:MaxAgentConnections"], out var configured) && configured > 0) return configured;
        var files = OpenFilesLimit();
        return files is long limit ? Math.Max(64, limit - Reserve) : null;
    }

    /// <summary>The soft "Max open files" of this process (Linux), or null when unknown or unlimited.</summary>
    public static long? OpenFilesLimit()
    {
        try
        {
            if (!File.Exists("/proc/self/limits")) return null;
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return long.TryParse(soft, out var n) ? n : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>Counts open agent sockets; refuses a new one (HTTP 503, Retry-After) when the cap is reached.</summary>
public sealed class AgentSocketGate(long? max)
{
    private long _open;

    public long? Max { get; } = max;
    public long Open => Interlocked.Read(ref _open);

    public bool TryEnter()
    {
        var now = Interlocked.Increment(ref _open);
        if (Max is long cap && now > cap)
        {
            Interlocked.Decrement(ref _open);
            return false;
        }
        return true;
    }

    public void Leave() => Interlocked.Decrement(ref _open);
}
