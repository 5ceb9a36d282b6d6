using System.Globalization;

namespace CallCenter.Bench;

/// <summary>The command line of the benchmark.</summary>
public sealed class BenchOptions
{
    public int Agents { get; private set; } = 1000;
    public double LatencySeconds { get; private set; } = 30;
    public double TrafficSeconds { get; private set; } = 60;
    /// <summary>Inbound calls per minute in the traffic phase, over all ACDs (default: one per agent).</summary>
    public double CallsPerMinute { get; private set; } = -1;
    /// <summary>Requests per second over all agents in the latency phase; 0 = every agent as fast as the 2-s rule allows.</summary>
    public double Rate { get; private set; } = 500;
    /// <summary>Number of ACDs (every agent is a member of each); default: enough that none gets more than 5,000 cpm.</summary>
    public int Acds { get; private set; } = -1;
    /// <summary>How many sockets connect and log in at the same time.</summary>
    public int Parallel { get; private set; } = 100;
    /// <summary>Loopback source addresses (127.0.0.2, 127.0.0.3, …) the sockets are spread over; default ~25,000 sockets each.</summary>
    public int SourceAddresses { get; private set; } = -1;
    public double TalkMin { get; private set; } = 5;
    public double TalkMax { get; private set; } = 15;
    public bool Keep { get; private set; }
    /// <summary>Extra configuration for the server (Key=Value, set as an environment variable with : as __, e.g. DOTNET_gcServer=0).</summary>
    public List<KeyValuePair<string, string>> ServerSettings { get; } = new();
    public bool NoBuild { get; private set; }
    /// <summary>Call records to seed and query (§6.21) instead of exercising agents; 0 = the agent benchmark.</summary>
    public int Cdrs { get; private set; }
    /// <summary>Timed runs of each §6.21 request in the <c>--cdrs</c> mode.</summary>
    public int CdrRepeats { get; private set; } = 20;
    /// <summary>In the <c>--cdrs</c> mode, also time the console's Excel export of all those call records.</summary>
    public bool Export { get; private set; }

    public const string Usage = """
        CallCenter.Bench — load benchmark of the CTI engine (server in a child process, agents over /cti/ws)

          --agents N            agents (sockets) to log in (default 1000)
          --latency-seconds S   length of the not-ready/ready latency phase (default 30; 0 skips it)
          --rate R              requests/s over all agents in that phase (default 500; 0 = each agent as fast as the
                                2-second duplicate rule allows, about N requests/s)
          --traffic-seconds S   length of the simulated inbound traffic phase (default 60; 0 skips it)
          --cpm X               inbound calls per minute over all ACDs (default: N)
          --acds K              ACDs to seed, every agent a member of each (default: ceil(cpm / 5000))
          --talk-min S, --talk-max S   simulated callers' talk time (default 5 and 15)
          --parallel P          sockets connecting and logging in at the same time (default 100)
          --sources K           loopback source addresses 127.0.0.2… to spread the sockets over (default ceil(N / 25000))
          --server-setting K=V  extra configuration for the server, repeatable (becomes an environment variable, : → __; e.g. DOTNET_gcServer=0)
          --keep                keep the temp data folder (database, server.log)
          --no-build            do not build CallCenter.Web (Release) first
          --cdrs N              instead of agents: seed N call records (90 days, 300 agents) for the bench tenant and
                                time POST /query/queryCdrs (§6.21) for representative requests (no agent phases)
          --cdr-repeats R       timed runs of each of those requests (default 20; 0 skips them)
          --export              with --cdrs: also export all N call records to Excel as the console's admin (direct
                                download, then the export job with progress) and report rows/s and the server's memory
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            double Number() => double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture);
            int Whole() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            switch (a)
            {
                case "--agents": o.Agents = Whole(); break;
                case "--latency-seconds": o.LatencySeconds = Number(); break;
                case "--traffic-seconds": o.TrafficSeconds = Number(); break;
                case "--cpm": o.CallsPerMinute = Number(); break;
                case "--rate": o.Rate = Number(); break;
                case "--acds": o.Acds = Whole(); break;
                case "--parallel": o.Parallel = Whole(); break;
                case "--sources": o.SourceAddresses = Whole(); break;
                case "--talk-min": o.TalkMin = Number(); break;
                case "--talk-max": o.TalkMax = Number(); break;
                case "--server-setting":
                    var kv = Next();
                    var eq = kv.IndexOf('=');
                    if (eq < 1) throw new ArgumentException("--server-setting takes Key=Value");
                    o.ServerSettings.Add(new(kv[..eq], kv[(eq + 1)..]));
                    break;
                case "--keep": o.Keep = true; break;
                case "--no-build": o.NoBuild = true; break;
                case "--cdrs": o.Cdrs = Whole(); break;
                case "--cdr-repeats": o.CdrRepeats = Whole(); break;
                case "--export": o.Export = true; break;
                case "-h" or "--help": throw new HelpRequested();
                default: throw new ArgumentException($"unknown argument {a}");
            }
        }
        if (o.Cdrs < 0 || o.CdrRepeats < 0) throw new ArgumentException("--cdrs and --cdr-repeats must be >= 0");
        if (o.Export && o.Cdrs == 0) throw new ArgumentException("--export needs --cdrs N");
        if (o.Agents is < 1 or > 90_000) throw new ArgumentException("--agents must be 1 to 90000 (agent codes 10000…99999)");
        if (o.LatencySeconds < 0 || o.TrafficSeconds < 0) throw new ArgumentException("phase lengths must be >= 0");
        if (o.Rate < 0) throw new ArgumentException("--rate must be >= 0");
        if (o.Parallel < 1) throw new ArgumentException("--parallel must be >= 1");
        if (o.TalkMin < 0 || o.TalkMax < o.TalkMin) throw new ArgumentException("need 0 <= --talk-min <= --talk-max");
        if (o.CallsPerMinute < 0) o.CallsPerMinute = o.Agents;
        if (o.Acds < 1) o.Acds = Math.Max(1, (int)Math.Ceiling(o.CallsPerMinute / 5000));
        if (o.CallsPerMinute / o.Acds > 6000) throw new ArgumentException("the simulation endpoint takes at most 6000 cpm per ACD: raise --acds");
        if (o.SourceAddresses < 1) o.SourceAddresses = Math.Max(1, (o.Agents + 24_999) / 25_000);
        return o;
    }

    public sealed class HelpRequested : Exception;
}
