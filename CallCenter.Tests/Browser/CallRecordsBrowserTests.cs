using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Excel;
using CallCenter.Tests.Support;
using Microsoft.Playwright;
using static CallCenter.Tests.Browser.ConsolePage;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Browser;

/// <summary>An admin finds a call in the call records, opens it, and exports the filtered list to Excel.</summary>
public sealed class CallRecordsBrowserTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private const int Tenant = 10001;

    private static CallRecord Leg(string callId, string agent, int type, DateTime start, int billsec, int duration,
        string caller, string dest, string? attr = null) => new()
    {
        TenantId = Tenant, CtiCallId = callId, Agent = agent, Extension = agent.Split('_')[1], CtiCallType = type,
        CallerIdNumber = caller, DestinationNumber = dest, StartStamp = start,
        AnswerStamp = billsec > 0 ? start.AddSeconds(duration - billsec) : null, EndStamp = start.AddSeconds(duration),
        Billsec = billsec, Duration = duration, HangupCause = billsec > 0 ? "NORMAL_CLEARING" : "NO_ANSWER", ChannelAttr = attr,
        QueueName = type == 2 ? "10001_8000" : null,
    };

    private Task SeedAsync() => session.App.WithDbAsync(async db =>
    {
        var t0 = DateTime.UtcNow.AddHours(-2);
        db.CallRecords.AddRange(
            Leg("cdr-browser-1", "10001_1000", 2, t0, 60, 75, "13812345678", "10001_8000"),
            Leg("cdr-browser-1", "10001_1001", 2, t0.AddSeconds(80), 40, 45, "13812345678", "10001_8000", "transfer"),
            Leg("cdr-browser-2", "10001_1000", 3, t0.AddMinutes(10), 0, 25, "10001_1000", "13955550000"),
            Leg("cdr-browser-3", "10001_1001", 1, t0.AddMinutes(20), 15, 20, "1001", "1000"));
        db.QueueRecords.Add(new QueueRecord
        {
            TenantId = Tenant, CallId = "cdr-browser-1", StartTime = t0.AddSeconds(-9), EndTime = t0, CallerId = "13812345678",
            ThisQueue = "10001_8000", QueueName = "Sales", CallType = 2, HoldTime = 9, Agent = "10001_1000", Outcome = "answered",
        });
        db.AttachedData.AddRange(
            new AttachedDataRecord { TenantId = Tenant, CallId = "cdr-browser-1", Key = "order_no", Value = "SO-7781", Type = "agent", CreateTime = t0.AddSeconds(30) },
            new AttachedDataRecord { TenantId = Tenant, CallId = "cdr-browser-1", Key = "digit", Value = "2", Type = "ivr", CreateTime = t0.AddSeconds(-20) });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task An_admin_filters_opens_and_exports_call_records()
    {
        await SeedAsync();
        var page = await session.NewPageAsync();
        await SignInAsync(page, "/call-records", CallCenterAppFactory.AdminUserName, CallCenterAppFactory.AdminPassword);
        await Expect(page.Locator("h1.page-title").First).ToHaveTextAsync("Call records");
        var rows = page.Locator("tr:has([data-testid=cdr-row])");
        await Expect(rows).ToHaveCountAsync(4);
        await ScreenshotAsync(page, "40-call-records");

        await page.FillAsync("[data-testid=search] >> visible=true", "13812345678");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator(".mud-table-body")).Not.ToContainTextAsync("13955550000");

        await rows.First.Locator("[data-testid=edit]").ClickAsync();
        var dialog = page.Locator("[data-testid=cdr-detail]");
        await Expect(dialog.Locator("[data-testid=cdr-leg]")).ToHaveCountAsync(2);
        await Expect(dialog).ToContainTextAsync("10001_1000");
        await Expect(dialog).ToContainTextAsync("10001_1001");
        await Expect(dialog).ToContainTextAsync("transfer");
        await Expect(dialog.Locator("[data-testid=cdr-data]").Filter(new() { HasText = "order_no = SO-7781" })).ToHaveCountAsync(1);
        await Expect(dialog.Locator("[data-testid=cdr-queue]")).ToContainTextAsync("answered");
        await ScreenshotAsync(page, "41-call-record-detail");
        await page.ClickAsync(".mud-dialog [data-testid=close]");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        // The Export button runs an export job: progress under the toolbar, then the file downloads.
        await WaitExportReadyAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export]"));
        await Expect(page.Locator("[data-testid=export-progress][data-phase=completed]")).ToContainTextAsync("Exported 2 rows");
        var file = Path.Combine(BrowserSession.ArtifactsFolder, "call-records.xlsx");
        await download.SaveAsAsync(file);
        await using var stream = File.OpenRead(file);
        var exported = ExcelExport.Read(stream);
        Assert.Equal(2, exported.Count);
        Assert.All(exported, r => Assert.Equal("13812345678", r["Caller"]?.ToString()));
        Assert.Equal(new[] { "10001_1000", "10001_1001" }, exported.Select(r => r["Agent"]?.ToString()).OrderBy(a => a));
    }
}
