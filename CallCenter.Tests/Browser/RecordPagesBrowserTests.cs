using System.Text.Json.Nodes;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Records;
using CallCenter.Infrastructure.Telephony.Simulated;
using CallCenter.Tests.Cti;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static CallCenter.Tests.Browser.ConsolePage;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Browser;

/// <summary>A browser session whose simulated callers hang up after 1.5 s, so a real call leaves a real recording.</summary>
public sealed class RecordingBrowserSession : BrowserSession
{
    public RecordingBrowserSession()
    {
        App.Settings["Telephony:Simulated:AutoAnswerDelaySeconds"] = "0.2";
        App.Settings["Telephony:Simulated:TalkTime:Min"] = "1.5";
        App.Settings["Telephony:Simulated:TalkTime:Max"] = "1.5";
        App.Settings["Telephony:Simulated:Patience:Min"] = "0";
        App.Settings["Telephony:Simulated:Patience:Max"] = "0";
        App.Settings["Records:FlushIntervalMs"] = "100";
    }
}

/// <summary>
/// The records pages in Chromium: a call taken through the engine is recorded by the simulated switch, then played and
/// downloaded from the recordings page; and a 100,000-row export shows its progress and gives a file MiniExcel reads.
/// </summary>
public sealed class RecordPagesBrowserTests(RecordingBrowserSession session) : IClassFixture<RecordingBrowserSession>
{
    private static JsonObject Inner(int id, params (string Key, JsonNode? Value)[] fields)
    {
        var o = new JsonObject { ["messageId"] = id };
        foreach (var (k, v) in fields) o[k] = v;
        return o;
    }

    /// <summary>Agent 10001_1004 takes an inbound call; the caller hangs up; the engine writes the recording and the switch its WAV.</summary>
    private async Task<RecordingRecord> RecordedCallAsync()
    {
        await using var agent = await ProtocolClient.ConnectAsync(session.BaseUrl, "10001_1004");
        await agent.SendAsync(Inner(100, ("extension", "1004"), ("thisQueues", new JsonArray("10001_8000"))), "login");
        await agent.WaitForAsync(580);
        await agent.SendAsync(Inner(101));
        await agent.WaitForAsync(583);
        session.App.Services.GetRequiredService<SimulatedSwitch>().PlaceInboundCall(10001, "10001_8000", "13566667777");
        var callId = (string)(await agent.WaitForAsync(506))["callID"]!;
        await agent.WaitForAsync(515); // the caller hung up after 1.5 s
        await agent.SendAsync(Inner(103, ("extension", "1004")));
        await agent.WaitForAsync(581);

        var store = session.App.Services.GetRequiredService<RecordingStore>();
        for (var i = 0; i < 100; i++)
        {
            var row = await session.App.WithDbAsync(db => db.Recordings.AsNoTracking().FirstOrDefaultAsync(r => r.CallId == callId));
            if (row is not null && store.ExistingPath(row.Filename) is not null) return row;
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"No recording with its file for call {callId}.");
    }

    [Fact]
    public async Task A_recorded_call_plays_in_the_browser_and_downloads()
    {
        var recording = await RecordedCallAsync();
        var page = await session.NewPageAsync();
        await SignInAsync(page, "/recordings", CallCenterAppFactory.AdminUserName, CallCenterAppFactory.AdminPassword);
        var row = page.Locator("tr:has([data-testid=recording-row])").Filter(new() { HasText = "13566667777" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("10001_1004");

        await row.Locator("[data-testid=edit]").ClickAsync();
        var audio = page.Locator("audio[data-testid=recording-audio]");
        await Expect(audio).ToHaveAttributeAsync("src", $"/recordings/{recording.Id}/audio");
        // The browser fetched and decoded the WAV: it knows its length and has data to play.
        await page.WaitForFunctionAsync("() => { const a = document.querySelector('audio[data-testid=recording-audio]'); return a && a.readyState >= 2 && a.duration > 0; }");
        Assert.True(await audio.EvaluateAsync<int>("a => a.readyState") >= 2);
        Assert.True(await audio.EvaluateAsync<double>("a => a.duration") > 0);
        await ScreenshotAsync(page, "50-recording-player");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".mud-dialog [data-testid=download]"));
        var file = Path.Combine(BrowserSession.ArtifactsFolder, "recording.wav");
        await download.SaveAsAsync(file);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(bytes, 8, 4));
        var original = session.App.Services.GetRequiredService<RecordingStore>().ExistingPath(recording.Filename)!;
        Assert.Equal(await File.ReadAllBytesAsync(original), bytes);
        Assert.Equal(Path.GetFileName(recording.Filename), download.SuggestedFilename);
    }

    [Fact]
    public async Task A_large_export_shows_its_progress_and_gives_a_readable_file()
    {
        const int count = 100_000;
        // Straight into SQLite: 100,000 inbound legs of tenant 10001 from numbers 15500000000…, one a second.
        await session.App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {count - 1})
            INSERT INTO CallRecords (TenantId, Agent, Extension, CallerIdNumber, DestinationNumber, CtiCallType, StartStamp,
                AnswerStamp, EndStamp, CtiCallId, Duration, Billsec, BillRate, HangupCause, QueueName)
            SELECT 10001, '10001_100' || (i % 10), '100' || (i % 10), '155' || printf('%08d', i), '10001_8000', 2,
                strftime('%Y-%m-%d %H:%M:%S', 'now', '-' || (i + 86400) || ' seconds'),
                strftime('%Y-%m-%d %H:%M:%S', 'now', '-' || (i + 86395) || ' seconds'),
                strftime('%Y-%m-%d %H:%M:%S', 'now', '-' || (i + 86335) || ' seconds'),
                'bulk-' || i, 65, 60, '0', 'NORMAL_CLEARING', '10001_8000'
            FROM n
            """));

        var page = await session.NewPageAsync();
        await SignInAsync(page, "/call-records", CallCenterAppFactory.AdminUserName, CallCenterAppFactory.AdminPassword);
        await page.FillAsync("[data-testid=search] >> visible=true", "155");
        await Expect(page.Locator(".mud-table-pagination")).ToContainTextAsync($"of {count:N0}");

        await WaitExportReadyAsync(page);
        // Note every state the progress strip shows while the export runs.
        await page.EvaluateAsync("""
            () => {
              window.exportSeen = [];
              new MutationObserver(() => {
                const strip = document.querySelector('[data-testid=export-progress]');
                if (strip) window.exportSeen.push(strip.dataset.phase + ': ' + strip.textContent.trim());
              }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
            }
            """);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export]"),
            new() { Timeout = 120_000 });
        await Expect(page.Locator("[data-testid=export-status]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(
            $"^Exported {count:N0} rows: call-records-.*\\.xlsx is downloading\\.$"));
        var seen = await page.EvaluateAsync<string[]>("() => window.exportSeen");
        Assert.Contains(seen, s => s.StartsWith("running: ") && s.Contains($" of {count:N0} rows"));
        await ScreenshotAsync(page, "51-export-done");

        var file = Path.Combine(BrowserSession.ArtifactsFolder, "call-records-large.xlsx");
        await download.SaveAsAsync(file);
        await using var stream = File.OpenRead(file);
        var rows = ExcelExport.Read(stream);
        Assert.Equal(count, rows.Count);
        Assert.All(rows.Take(50), r => Assert.StartsWith("155", r["Caller"]?.ToString()));
        Assert.Equal(count, rows.Select(r => r["Call id"]?.ToString()).Distinct().Count());
    }
}
