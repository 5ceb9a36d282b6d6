using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MiniExcelLibs;

namespace CallCenter.Bench;

/// <summary>
/// The <c>--export</c> figure of the <c>--cdrs</c> mode: the console's Excel export of every call record of the bench
/// tenant, downloaded by a signed-in admin as the page does it. First the direct download
/// (<c>GET /export/call-records.xlsx</c>), then, when the server offers it, the export job with progress (the same URL with
/// <c>X-Export: job</c>, its status polled, then its file). Each is timed on the client's clock; the server's RSS is
/// sampled every 50 ms meanwhile; the file is read back with MiniExcel and its rows counted.
/// </summary>
public static class ExportBench
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Bench-Admin-1";

    public sealed record Figure(string Mode, long Rows, double Seconds, long Bytes, long RssBeforeKiB, long PeakRssKiB,
        long HwmAfterKiB, int ProgressReports, string Note)
    {
        public double RowsPerSecond => Rows / Math.Max(0.001, Seconds);

        public string Describe() =>
            $"{Mode}: {Rows:N0} rows in {Seconds:0.0}s = {RowsPerSecond:N0} rows/s, {Bytes / 1048576.0:0.0} MiB; server rss " +
            $"{RssBeforeKiB / 1024}MB before, peak {PeakRssKiB / 1024}MB (+{(PeakRssKiB - RssBeforeKiB) / 1024}MB), hwm {HwmAfterKiB / 1024}MB" +
            (ProgressReports > 0 ? $"; {ProgressReports} progress reports" : "") + (Note.Length > 0 ? $"; {Note}" : "");
    }

    /// <summary>A cookie client signed in as the bench admin through the login form (antiforgery token included).</summary>
    public static async Task<HttpClient> SignInAsync(string baseUrl, CancellationToken ct)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(30) };
        var page = await http.GetStringAsync("/account/login", ct);
        var input = Regex.Match(page, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*>");
        var token = WebUtility.HtmlDecode(Regex.Match(input.Value, "value=\"([^\"]*)\"").Groups[1].Value);
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = AdminUser, ["password"] = AdminPassword, ["__RequestVerificationToken"] = token,
        }), ct);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("login") == true)
            throw new InvalidOperationException($"sign-in as {AdminUser} failed: HTTP {(int)response.StatusCode} → {response.Headers.Location}");
        return http;
    }

    /// <summary>Both modes over <paramref name="path"/>; the job mode only when the server answers 202 to it.</summary>
    public static async Task<List<Figure>> RunAsync(HttpClient http, ServerProcess server, string path, string folder,
        Action<string> log, CancellationToken ct)
    {
        var figures = new List<Figure>();
        var direct = await MeasureAsync("direct download", server, Path.Combine(folder, "export-direct.xlsx"), async file =>
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await using var output = File.Create(file);
            await body.CopyToAsync(output, ct);
            return (0, "");
        }, ct);
        log($"  {direct.Describe()}");
        figures.Add(direct);

        var job = await MeasureAsync("job with progress", server, Path.Combine(folder, "export-job.xlsx"), async file =>
        {
            using var start = new HttpRequestMessage(HttpMethod.Get, path);
            start.Headers.Add("X-Export", "job");
            using var started = await http.SendAsync(start, ct);
            if (started.StatusCode != HttpStatusCode.Accepted) return (-1, $"not offered (HTTP {(int)started.StatusCode})");
            var status = await started.Content.ReadFromJsonAsync<JsonElement>(ct);
            var statusUrl = status.GetProperty("statusUrl").GetString()!;
            var reports = 0;
            var next = 5.0;
            var sw = Stopwatch.StartNew();
            while (status.GetProperty("state").GetString() == "running")
            {
                await Task.Delay(250, ct);
                status = await http.GetFromJsonAsync<JsonElement>(statusUrl, ct);
                reports++;
                if (sw.Elapsed.TotalSeconds >= next)
                {
                    next += 5;
                    log($"    job: {status.GetProperty("rows").GetInt64():N0} / {status.GetProperty("total")} rows, {sw.Elapsed.TotalSeconds:0}s");
                }
            }
            if (status.GetProperty("state").GetString() != "completed")
                throw new InvalidOperationException($"export job ended {status}");
            using var response = await http.GetAsync(status.GetProperty("fileUrl").GetString(), HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await using var output = File.Create(file);
            await body.CopyToAsync(output, ct);
            return (reports, "");
        }, ct);
        log($"  {job.Describe()}");
        if (job.ProgressReports >= 0) figures.Add(job);
        return figures;
    }

    private static async Task<Figure> MeasureAsync(string mode, ServerProcess server, string file,
        Func<string, Task<(int Reports, string Note)>> run, CancellationToken ct)
    {
        var before = server.Status();
        var peak = before?.RssKiB ?? 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (server.Status() is { } s && s.RssKiB > peak) peak = s.RssKiB;
                try { await Task.Delay(50, stop.Token); } catch (OperationCanceledException) { }
            }
        }, CancellationToken.None);
        var sw = Stopwatch.StartNew();
        var (reports, note) = await run(file);
        var seconds = sw.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        if (reports < 0) return new Figure(mode, 0, 0, 0, before?.RssKiB ?? 0, peak, 0, -1, note);
        var after = server.Status();
        long rows;
        await using (var read = File.OpenRead(file)) rows = read.Query(useHeaderRow: true).LongCount();
        var bytes = new FileInfo(file).Length;
        File.Delete(file);
        return new Figure(mode, rows, seconds, bytes, before?.RssKiB ?? 0, peak, after?.HwmKiB ?? 0, reports, note);
    }

    public static IEnumerable<string> Lines(IReadOnlyList<Figure> figures) => figures.Select(f => $"export    {f.Describe()}");
}
