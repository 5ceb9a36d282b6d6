using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace CallCenter.Bench;

/// <summary>/proc/&lt;pid&gt;/status figures of a process, in KiB and threads.</summary>
public sealed record ProcStatus(long RssKiB, long HwmKiB, int Threads, int Fds)
{
    public static ProcStatus? Read(int pid)
    {
        try
        {
            long rss = 0, hwm = 0;
            var threads = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kib(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kib(line);
                else if (line.StartsWith("Threads:", StringComparison.Ordinal)) threads = (int)Kib(line);
            }
            var fds = 0;
            try { fds = Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count(); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
            return new ProcStatus(rss, hwm, threads, fds);
        }
        catch (IOException)
        {
            return null;
        }

        static long Kib(string line) =>
            long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>User + system CPU time of a process (from /proc/&lt;pid&gt;/stat).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    public string Describe() => $"rss={RssKiB / 1024}MB hwm={HwmKiB / 1024}MB threads={Threads} fds={Fds}";
}

/// <summary>CallCenter.Web (Release) as a child process on a free loopback port, with a temp data folder.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    public int Port { get; }
    public int Pid => _process.Id;
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public bool Exited => _process.HasExited;
    public string LogPath { get; }

    private ServerProcess(Process process, StreamWriter log, int port, string logPath)
    {
        _process = process;
        _log = log;
        Port = port;
        LogPath = logPath;
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Builds CallCenter.Web in Release (quietly); throws when the build fails.</summary>
    public static async Task BuildAsync(string repoRoot, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "build", Path.Combine("CallCenter.Web", "CallCenter.Web.csproj"), "-c", "Release", "-nologo", "-v:q", "-clp:ErrorsOnly" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync(ct);
        var errors = p.StandardError.ReadToEndAsync(ct);
        try
        {
            await p.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"dotnet build -c Release CallCenter.Web failed:\n{await output}{await errors}");
    }

    public static ServerProcess Start(string repoRoot, string dataFolder, BenchOptions o)
    {
        var bin = Path.Combine(repoRoot, "CallCenter.Web", "bin", "Release", "net10.0");
        var dll = Path.Combine(bin, "CallCenter.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is missing: build without --no-build");
        var port = FreePort();
        // The content root is the project folder (its wwwroot and appsettings.json), as with dotnet run.
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(repoRoot, "CallCenter.Web"), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        var inv = CultureInfo.InvariantCulture;
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["App__DataFolder"] = dataFolder,
            ["Database__SeedDemoData"] = "false",
            ["Admin__Password"] = "Bench-Admin-1",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Telephony__Simulated__AutoAnswerDelaySeconds"] = "0.5",
            ["Telephony__Simulated__TalkTime__Min"] = o.TalkMin.ToString(inv),
            ["Telephony__Simulated__TalkTime__Max"] = o.TalkMax.ToString(inv),
            ["Telephony__Simulated__Patience__Min"] = "0",
            ["Telephony__Simulated__Patience__Max"] = "0",
            ["Telephony__Simulated__Seed"] = "1",
            ["Telephony__Simulated__RecordingsFolder"] = Path.Combine(dataFolder, "recordings"),
            ["Telephony__Simulated__MaxRecordingFileBytes"] = "4096", // load, not audio: keep the disk out of the figures
            ["Cti__RegisterAllExtensions"] = "true",
        };
        foreach (var (k, v) in o.ServerSettings) env[k.Replace(":", "__")] = v;
        foreach (var (k, v) in env) psi.Environment[k] = v;
        // Settings of the developer's shell must not leak into the measured host.
        foreach (var k in psi.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_URLS", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(k);

        var logPath = Path.Combine(dataFolder, "server.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine("err: " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, log, port, logPath);
    }

    /// <summary>Waits until the simulation endpoint answers 200 with the API key.</summary>
    public async Task WaitUntilReadyAsync(string apiKey, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            ct.ThrowIfCancellationRequested();
            if (Exited) throw new InvalidOperationException($"the server exited with code {_process.ExitCode}; see {LogPath}:\n{Tail()}");
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + "/cti/simulation/inbound");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
                using var response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode) return;
                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"the server did not answer within {timeout.TotalSeconds:0} s (last: {last}); see {LogPath}");
    }

    public string Tail(int lines = 30)
    {
        lock (_log)
        {
            try
            {
                using var f = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var r = new StreamReader(f);
                var all = r.ReadToEnd().Split('\n');
                return string.Join('\n', all.TakeLast(lines));
            }
            catch (IOException)
            {
                return "";
            }
        }
    }

    public ProcStatus? Status() => ProcStatus.Read(Pid);

    /// <summary>The server's CPU time so far (the last value read once it has exited).</summary>
    public TimeSpan CpuTime() => Exited ? _lastCpu : _lastCpu = ProcStatus.CpuTime(Pid);

    private TimeSpan _lastCpu;

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
