using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using CallCenter.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchOptions o;
try
{
    o = BenchOptions.Parse(args);
}
catch (BenchOptions.HelpRequested)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (cts.IsCancellationRequested) return; // a second Ctrl+C ends the process at once
    e.Cancel = true;
    Console.Error.WriteLine("[bench] interrupted: cleaning up");
    cts.Cancel();
};
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; cts.Cancel(); });
using var onHup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx => { ctx.Cancel = true; cts.Cancel(); });
var ct = cts.Token;

var repoRoot = FindRepoRoot();
var dataFolder = Path.Combine(Path.GetTempPath(), "callcenter-bench-" + Guid.NewGuid().ToString("N")[..8]);
ServerProcess? server = null;
var state = new BenchState();
var clients = new List<AgentClient>();
var invokers = new List<HttpMessageInvoker>();
var failures = new List<string>();
// A hard exit (an unhandled crash) must not leave the child behind.
AppDomain.CurrentDomain.ProcessExit += (_, _) => server?.Kill();

void Log(string line) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {line}");

var summary = new List<string>();
var loadAtStart = LoadAverage();
var result = new List<string>();
try
{
    if (o.Cdrs > 0) Log($"--cdrs {o.Cdrs:N0}: §6.21 over call records, {o.CdrRepeats} runs per request; data {dataFolder}");
    else Log($"{o.Agents} agents, {o.Acds} ACD(s), latency {o.LatencySeconds}s at {(o.Rate > 0 ? o.Rate + " req/s" : "max rate")}, " +
        $"traffic {o.TrafficSeconds}s at {o.CallsPerMinute} cpm; data {dataFolder}");
    var nofile = SoftFileLimit();
    if (nofile is long n && n < o.Agents + 500)
        Log($"warning: open files limit {n} is below agents + 500; raise it (run.sh does ulimit -n) or expect connect failures");

    // ------------------------------------------------------------------ build
    if (!o.NoBuild)
    {
        Log("building CallCenter.Web (Release)");
        await ServerProcess.BuildAsync(repoRoot, ct);
    }

    // ------------------------------------------------------------------ setup
    Directory.CreateDirectory(dataFolder);
    var sw = Stopwatch.StartNew();
    var cdrAgents = o.Cdrs > 0 ? CdrBench.Agents : o.Agents;
    var apiKey = await Seeder.SeedAsync(dataFolder, cdrAgents, o.Acds, ct);
    var seedSeconds = sw.Elapsed.TotalSeconds;
    Log($"seeded tenant {Seeder.TenantId}: {cdrAgents} agents, {o.Acds} ACD(s) in {seedSeconds:0.0}s");
    var cdrNewest = DateTime.UtcNow;
    var cdrSeed = TimeSpan.Zero;
    if (o.Cdrs > 0)
    {
        Log($"seeding {o.Cdrs:N0} call records over {CdrBench.Days} days, {CdrBench.Agents} agents");
        cdrSeed = await CdrBench.SeedAsync(dataFolder, o.Cdrs, cdrNewest, Log, ct);
        Log($"seeded {o.Cdrs:N0} call records in {cdrSeed.TotalSeconds:0.0}s");
    }

    // ------------------------------------------------------------------ server
    sw.Restart();
    server = ServerProcess.Start(repoRoot, dataFolder, o);
    await server.WaitUntilReadyAsync(apiKey, TimeSpan.FromSeconds(180), ct);
    var startSeconds = sw.Elapsed.TotalSeconds;
    var cpuAtStart = server.CpuTime();
    var statusAtStart = server.Status();
    Log($"server pid {server.Pid} on {server.BaseUrl} ready in {startSeconds:0.0}s ({statusAtStart?.Describe()})");
    using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

    EventStats? loginStats = null;
    ProcStatus? idle = null;
    if (o.Cdrs > 0)
    {
        // ------------------------------------------------------------------ --cdrs: §6.21 over N call records
        summary.Add($"setup     seed {cdrAgents} agents {seedSeconds:0.0}s; {o.Cdrs:N0} call records {cdrSeed.TotalSeconds:0.0}s " +
                    $"({o.Cdrs / Math.Max(0.001, cdrSeed.TotalSeconds):N0} rows/s, database {DatabaseMiB(dataFolder):N0} MiB); " +
                    $"server start {startSeconds:0.0}s (rss {statusAtStart?.RssKiB / 1024}MB)");
        result.Add($"cdrs={o.Cdrs}");
        result.Add($"seed={cdrSeed.TotalSeconds:0.0}s");
        if (o.CdrRepeats > 0)
        {
            Log($"§6.21 queries, {o.CdrRepeats} timed runs each (after one warm-up)");
            var timings = await CdrBench.RunAsync(http, o.Cdrs, cdrNewest, o.CdrRepeats, Log, ct);
            summary.AddRange(CdrBench.Table(timings, o.CdrRepeats));
            result.Add($"slowest p50={Percentiles.Ms(timings.Max(t => t.P50))}");
        }
        idle = server.Status();
        if (o.Export)
        {
            Log($"Excel export of the {o.Cdrs:N0} call records as the console's admin");
            using var console = await ExportBench.SignInAsync(server.BaseUrl, ct);
            var figures = await ExportBench.RunAsync(console, server, $"/export/call-records.xlsx?tenantId={Seeder.TenantId}", dataFolder, Log, ct);
            summary.AddRange(ExportBench.Lines(figures));
            foreach (var f in figures)
            {
                if (f.Rows != o.Cdrs) failures.Add($"{f.Mode}: the file holds {f.Rows:N0} rows, not {o.Cdrs:N0}");
                result.Add($"export {f.Mode}={f.RowsPerSecond:N0} rows/s peak-rss={f.PeakRssKiB / 1024}MB");
            }
        }
    }
    else
    {
        // ------------------------------------------------------------------ agents: connect, log in, ready
        var queuesJson = JsonSerializer.Serialize(Enumerable.Range(0, o.Acds).Select(Seeder.AcdDn));
        for (var k = 0; k < o.SourceAddresses; k++)
            invokers.Add(o.SourceAddresses == 1 ? new HttpMessageInvoker(NewHandler(null)) : new HttpMessageInvoker(NewHandler(IPAddress.Parse($"127.0.0.{2 + k}"))));
        var wsUri = new Uri($"ws://127.0.0.1:{server.Port}/cti/ws");
        for (var i = 0; i < o.Agents; i++) clients.Add(new AgentClient(i, state, queuesJson));

        state.Phase = new EventStats(600);
        loginStats = state.Phase;
        var connectMs = new double[o.Agents];
        var loginMs = new double[o.Agents];
        var loginFailures = 0;
        var loggedIn = 0;
        var gate = new SemaphoreSlim(o.Parallel);
        var cpuClient0 = Process.GetCurrentProcess().TotalProcessorTime;
        var cpuServer0 = server.CpuTime();
        sw.Restart();
        var progress = Task.Run(async () =>
        {
            var next = 5.0;
            while (Volatile.Read(ref loggedIn) + Volatile.Read(ref loginFailures) < o.Agents && !ct.IsCancellationRequested)
            {
                await Task.Delay(100, CancellationToken.None);
                if (sw.Elapsed.TotalSeconds < next) continue;
                next += 5;
                Log($"  {Volatile.Read(ref loggedIn)} logged in, {Volatile.Read(ref loginFailures)} failed, {sw.Elapsed.TotalSeconds:0}s");
            }
        });
        await Task.WhenAll(clients.Select(async c =>
        {
            await gate.WaitAsync(ct);
            try
            {
                if (server.Exited) throw new InvalidOperationException("the server has exited");
                var t0 = Stopwatch.GetTimestamp();
                using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    connectTimeout.CancelAfter(TimeSpan.FromSeconds(30));
                    await c.ConnectAsync(wsUri, invokers[c.Index % invokers.Count], connectTimeout.Token);
                }
                connectMs[c.Index] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                var login = await c.RequestAsync(AgentClient.Login, AgentClient.LoggedIn, TimeSpan.FromSeconds(30), ct);
                if (login is not { Ok: true }) throw new InvalidOperationException(login is null ? "no 580 within 30 s" : "login answered 9999");
                loginMs[c.Index] = login.Value.ElapsedTicks * 1000.0 / Stopwatch.Frequency;
                var ready = await c.RequestAsync(AgentClient.Ready, AgentClient.ReadyEvent, TimeSpan.FromSeconds(30), ct);
                if (ready is not { Ok: true }) throw new InvalidOperationException(ready is null ? "no 583 within 30 s" : "ready answered 9999");
                Interlocked.Increment(ref loggedIn);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                if (Interlocked.Increment(ref loginFailures) <= 5) state.Problem($"{c.Dn}: {ex.GetType().Name}: {ex.Message}");
            }
            finally
            {
                gate.Release();
            }
        }));
        ct.ThrowIfCancellationRequested();
        var loginSeconds = sw.Elapsed.TotalSeconds;
        var loginCpuServer = (server.CpuTime() - cpuServer0).TotalSeconds;
        var loginCpuClient = (Process.GetCurrentProcess().TotalProcessorTime - cpuClient0).TotalSeconds;
        await progress;
        Array.Sort(connectMs);
        Array.Sort(loginMs);
        Log($"{loggedIn}/{o.Agents} agents logged in and ready in {loginSeconds:0.0}s; {loginFailures} failed");
        if (loginFailures > 0) failures.Add($"{loginFailures} agents could not log in");
        var idleCpu0 = server.CpuTime();
        await Task.Delay(3000, ct);
        var idleCpu = (server.CpuTime() - idleCpu0).TotalSeconds / 3;
        idle = server.Status();
        Log($"server idle after login: {idle?.Describe()}");
        var active = clients.Where(c => c.IsReady && !c.Closed).ToList();

        summary.Add($"setup     seed {o.Agents} agents + {o.Acds} ACD(s) {seedSeconds:0.0}s; server start {startSeconds:0.0}s " +
                    $"(rss {statusAtStart?.RssKiB / 1024}MB)");
        summary.Add($"login     {loggedIn}/{o.Agents} ok in {loginSeconds:0.00}s = {loggedIn / loginSeconds:0} agents/s (parallel {o.Parallel}); " +
                    $"connect p50={Percentiles.Ms(Percentiles.Of(connectMs, 50))} p99={Percentiles.Ms(Percentiles.Of(connectMs, 99))}; " +
                    $"login→580 p50={Percentiles.Ms(Percentiles.Of(loginMs, 50))} p99={Percentiles.Ms(Percentiles.Of(loginMs, 99))}; " +
                    $"cpu server {loginCpuServer:0.0}s client {loginCpuClient:0.0}s");
        summary.Add($"idle      server {idle?.Describe()} ({(idle is null ? 0 : (idle.RssKiB - (statusAtStart?.RssKiB ?? 0)) / Math.Max(1, loggedIn)):0.0} KiB/agent over start); " +
                    $"cpu {idleCpu * 100:0}% of one core");
        result.Add($"agents={loggedIn}");
        result.Add($"connect+login={loginSeconds:0.0}s");

        // ------------------------------------------------------------------ latency: 102 / 101
        if (o.LatencySeconds > 0 && active.Count > 0)
        {
            Log($"latency phase: {o.LatencySeconds}s, {(o.Rate > 0 ? $"{o.Rate} req/s" : "as fast as the 2-s rule allows")}, {active.Count} agents");
            state.Phase = new EventStats(o.LatencySeconds + 20);
            var c0 = server.CpuTime();
            var cc0 = Process.GetCurrentProcess().TotalProcessorTime;
            var lat = await new LatencyPhase(active, o.Rate, TimeSpan.FromSeconds(o.LatencySeconds), ct).RunAsync();
            ct.ThrowIfCancellationRequested();
            var serverCpu = (server.CpuTime() - c0).TotalSeconds / lat.Seconds;
            var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - cc0).TotalSeconds / lat.Seconds;
            var l = lat.LatenciesMs;
            var reqPerSecond = l.Length / lat.Seconds;
            summary.Add($"latency   {lat.Seconds:0}s target {(o.Rate > 0 ? $"{o.Rate:0} req/s" : "max")}: count={l.Length} req/s={reqPerSecond:0} " +
                        $"p50={Percentiles.Ms(Percentiles.Of(l, 50))} p90={Percentiles.Ms(Percentiles.Of(l, 90))} " +
                        $"p99={Percentiles.Ms(Percentiles.Of(l, 99))} max={Percentiles.Ms(l.LastOrDefault(double.NaN))}; " +
                        $"eventTime→client p50={lat.DeliveryMs.Length switch { 0 => "-", _ => Percentiles.Of(lat.DeliveryMs, 50) + "ms" }} " +
                        $"p99={lat.DeliveryMs.Length switch { 0 => "-", _ => Percentiles.Of(lat.DeliveryMs, 99) + "ms" }}; " +
                        $"cpu server {serverCpu * 100:0}% client {clientCpu * 100:0}% of one core");
            if (lat.Failed > 0) failures.Add($"{lat.Failed} latency requests answered 9999 or lost their socket");
            if (lat.Unanswered > 0) failures.Add($"{lat.Unanswered} latency requests unanswered after 15 s");
            result.Add($"latency p50={Percentiles.Ms(Percentiles.Of(l, 50))} p99={Percentiles.Ms(Percentiles.Of(l, 99))}");
            result.Add($"req/s={reqPerSecond:0}");

            // Everyone back to ready for the traffic phase (the 2-s rule counts from the last 101's answer).
            var back = active.Where(c => !c.IsReady && !c.Closed).ToList();
            var backFailed = 0;
            await Task.WhenAll(back.Select(async c =>
            {
                var wait = LatencyPhase.EligibleAt(c) - Stopwatch.GetTimestamp();
                if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), ct);
                var a = await c.RequestAsync(AgentClient.Ready, AgentClient.ReadyEvent, TimeSpan.FromSeconds(30), ct);
                if (a is not { Ok: true }) Interlocked.Increment(ref backFailed);
            }));
            if (backFailed > 0) failures.Add($"{backFailed} agents did not get back to ready after the latency phase");
            Log($"latency phase done: {l.Length} answers, p99 {Percentiles.Ms(Percentiles.Of(l, 99))}; {back.Count} agents set back to ready");
        }

        // ------------------------------------------------------------------ traffic: simulated inbound calls
        if (o.TrafficSeconds > 0 && active.Count > 0)
        {
            var perAcd = o.CallsPerMinute / o.Acds;
            Log($"traffic phase: {o.TrafficSeconds}s at {o.CallsPerMinute} cpm ({perAcd:0.#} per ACD), talk {o.TalkMin}-{o.TalkMax}s");
            var window = new EventStats(o.TrafficSeconds + 5);
            state.Phase = window;
            var c0 = server.CpuTime();
            var cc0 = Process.GetCurrentProcess().TotalProcessorTime;
            for (var k = 0; k < o.Acds; k++) await SetInboundAsync(http, Seeder.AcdDn(k), perAcd, ct);
            var traffic = Stopwatch.StartNew();
            var peakTalking = 0;
            var nextReport = 10.0;
            while (traffic.Elapsed.TotalSeconds < o.TrafficSeconds)
            {
                await Task.Delay(250, ct);
                peakTalking = Math.Max(peakTalking, state.TalkingNow);
                if (traffic.Elapsed.TotalSeconds >= nextReport)
                {
                    Log($"  {traffic.Elapsed.TotalSeconds:0}s: {window.Total} events, talking {state.TalkingNow}, ringing {state.RingingNow}");
                    nextReport += 10;
                }
                if (server.Exited) throw new InvalidOperationException("the server exited during the traffic phase");
            }
            for (var k = 0; k < o.Acds; k++) await SetInboundAsync(http, Seeder.AcdDn(k), 0, ct);
            var seconds = traffic.Elapsed.TotalSeconds;
            var serverCpu = (server.CpuTime() - c0).TotalSeconds / seconds;
            var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - cc0).TotalSeconds / seconds;
            var drain = new EventStats(o.TalkMax + 30);
            state.Phase = drain;
            // Drain: until no call rings or talks and no new call has been offered for 3 s (the engine may still be
            // working through a backlog of arrivals).
            var drainWatch = Stopwatch.StartNew();
            var lastOffered = -1L;
            var quietSince = Stopwatch.StartNew();
            while (drainWatch.Elapsed.TotalSeconds < o.TalkMax + 60)
            {
                await Task.Delay(250, ct);
                var offeredNow = drain.Of(AgentClient.Incoming);
                if (offeredNow != lastOffered || state.TalkingNow > 0 || state.RingingNow > 0)
                {
                    lastOffered = offeredNow;
                    quietSince.Restart();
                }
                else if (quietSince.Elapsed.TotalSeconds >= 3) break;
            }
            var offered = window.Of(AgentClient.Incoming) + drain.Of(AgentClient.Incoming);
            var answered = window.Of(AgentClient.Established) + drain.Of(AgentClient.Established);
            var released = window.Of(AgentClient.Released) + drain.Of(AgentClient.Released);
            var eventsPerSecond = window.Total / seconds;
            summary.Add($"traffic   {seconds:0}s at {o.CallsPerMinute:0} cpm (expected ~{o.CallsPerMinute * seconds / 60:0} calls): " +
                        $"offered(503)={offered} answered(506)={answered} released(515)={released}; peak talking {peakTalking} " +
                        $"({100.0 * peakTalking / active.Count:0}% of agents); still in call after {drainWatch.Elapsed.TotalSeconds:0}s drain: " +
                        $"{state.TalkingNow + state.RingingNow}");
            summary.Add($"events    {window.Total} in {seconds:0}s = {eventsPerSecond:0}/s (peak {window.PeakPerSecond}/s); by messageId: " +
                        string.Join(" ", window.ById().Select(x => $"{x.Id}={x.Count}")) +
                        $"; cpu server {serverCpu * 100:0}% client {clientCpu * 100:0}% of one core");
            if (state.TalkingNow + state.RingingNow > 0) failures.Add($"{state.TalkingNow + state.RingingNow} calls did not end after the drain");
            if (answered == 0) failures.Add("no call was answered in the traffic phase");
            result.Add($"events/s={eventsPerSecond:0}");
            result.Add($"calls={answered}");
        }
    }

    var end = server.Status();
    if (o.Cdrs == 0 && (o.TrafficSeconds > 0 || o.LatencySeconds > 0))
    {
        await Task.Delay(2000, ct); // the history writer flushes every 0.5 s
        summary.Add($"records   {await Seeder.RecordsAsync(dataFolder, ct)}");
    }
    summary.Add($"end       server {end?.Describe()}; login events by messageId: " +
                string.Join(" ", (loginStats?.ById() ?? []).Select(x => $"{x.Id}={x.Count}")));
    result.Add($"rss={(idle?.RssKiB ?? 0) / 1024}MB end-rss={(end?.RssKiB ?? 0) / 1024}MB hwm={(end?.HwmKiB ?? 0) / 1024}MB threads={end?.Threads}");
    if (server.Exited)
    {
        failures.Add("the server exited");
        Console.Error.WriteLine("--- server log (tail) ---\n" + server.Tail(60));
    }
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    failures.Add("interrupted");
}
catch (Exception ex)
{
    failures.Add($"{ex.GetType().Name}: {ex.Message}");
    Log(ex.ToString());
    if (server is not null) Console.Error.WriteLine("--- server log (tail) ---\n" + server.Tail());
}
finally
{
    state.ShuttingDown = true;
    server?.Kill();
    foreach (var c in clients) c.Abort();
    foreach (var i in invokers) i.Dispose();
    server?.Dispose();
    if (o.Keep) Log($"kept {dataFolder}");
    else
    {
        try { if (Directory.Exists(dataFolder)) Directory.Delete(dataFolder, recursive: true); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { Log($"could not delete {dataFolder}: {ex.Message}"); }
    }
}

if (state.Unexpected9999Count > 0) failures.Add($"{state.Unexpected9999Count} unexpected 9999 events");
if (state.UnexpectedCloses > 0) failures.Add($"{state.UnexpectedCloses} sockets closed unexpectedly");
if (state.BadEvents > 0) failures.Add($"{state.BadEvents} unreadable events");

Console.WriteLine($"CallCenter CTI bench {DateTime.Now:yyyy-MM-dd HH:mm}  machine: {Environment.ProcessorCount} cores, " +
                  $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB, .NET {Environment.Version}; " +
                  $"load average at start {loadAtStart}, at end {LoadAverage()} (other processes share the cores)");
foreach (var line in summary) Console.WriteLine(line);
Console.WriteLine(string.Join("  ", result) + (failures.Count == 0 ? "  OK" : "  FAILED"));
foreach (var f in failures) Console.WriteLine("FAIL " + f);
foreach (var p in state.Problems.Take(15)) Console.WriteLine("  " + p);
return failures.Count == 0 ? 0 : 1;

static async Task SetInboundAsync(HttpClient http, string acd, double cpm, CancellationToken ct)
{
    using var response = await http.PostAsJsonAsync("/cti/simulation/inbound",
        new { tenantId = Seeder.TenantId, acd, callsPerMinute = cpm }, ct);
    if (!response.IsSuccessStatusCode)
        throw new InvalidOperationException($"POST /cti/simulation/inbound {acd} {cpm}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
}

static SocketsHttpHandler NewHandler(IPAddress? source) => new()
{
    UseProxy = false,
    ConnectCallback = async (context, ct) =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (source is not null)
            {
                // IP_BIND_ADDRESS_NO_PORT: pick the port at connect time, per destination, not at bind time.
                socket.SetRawSocketOption(0 /* SOL_IP */, 24, BitConverter.GetBytes(1));
                socket.Bind(new IPEndPoint(source, 0));
            }
            await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    },
};

static string FindRepoRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CallCenter.sln"))) return dir.FullName;
    throw new InvalidOperationException("CallCenter.sln not found above the current directory");
}

static long? SoftFileLimit()
{
    try
    {
        foreach (var line in File.ReadLines("/proc/self/limits"))
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], CultureInfo.InvariantCulture);
    }
    catch (IOException)
    {
    }
    return null;
}

/// <summary>Size of the SQLite database with its WAL, in MiB.</summary>
static double DatabaseMiB(string folder) =>
    Directory.GetFiles(folder, "callcenter.db*").Sum(f => new FileInfo(f).Length) / (1024.0 * 1024);

static string LoadAverage()
{
    try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
    catch (IOException) { return "?"; }
}
