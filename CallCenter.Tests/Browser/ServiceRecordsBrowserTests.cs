using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Identity;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static CallCenter.Tests.Browser.ConsolePage;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Browser;

/// <summary>
/// The record pages of blacklist calls, satisfaction, voicemail and SMS in Chromium: a supervisor sends an SMS from the
/// page, sees it listed, marks it read and deletes it after confirming; an admin browses the other three, with the
/// satisfaction summary and a voicemail message played in the browser.
/// </summary>
public sealed class ServiceRecordsBrowserTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task A_supervisor_sends_an_sms_from_the_page_and_sees_it_in_the_list()
    {
        await session.App.CreateUserAsync("sms-super", "Super#Test2026", Roles.Supervisor, 10001);
        var page = await session.NewPageAsync();
        await SignInAsync(page, "/sms", "sms-super", "Super#Test2026");
        await Expect(page.Locator("h1.page-title").First).ToHaveTextAsync("SMS");
        await Expect(page.Locator("[data-testid=empty]")).ToContainTextAsync("No SMS yet");
        var rows = page.Locator("tr:has([data-testid=sms-row])");

        await OpenCreateDialogAsync(page);
        var dialog = page.Locator(".mud-dialog");
        // Sent empty: the fields say what is missing and nothing is sent.
        await page.ClickAsync(".mud-dialog [data-testid=send]");
        await Expect(dialog).ToContainTextAsync("At least one recipient number is required.");
        await Expect(dialog).ToContainTextAsync("Content is required.");

        await SelectAsync(page, "sms-agent", "10001_1001");
        await page.FillAsync(".mud-dialog textarea[data-testid=sms-numbers]", "13912340001, 1391234000x");
        await page.FillAsync(".mud-dialog textarea[data-testid=sms-content]", "Your engineer arrives at 10:00.");
        await page.ClickAsync(".mud-dialog [data-testid=send]");
        await Expect(dialog).ToContainTextAsync("'1391234000x' is not a phone number");
        Assert.Equal(0, await session.App.WithDbAsync(db => db.SmsRecords.CountAsync()));
        await ScreenshotAsync(page, "60-sms-send-errors");

        await page.FillAsync(".mud-dialog textarea[data-testid=sms-numbers]", "13912340001\n13912340002");
        await page.ClickAsync(".mud-dialog [data-testid=send]");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("SMS sent to 2 numbers.");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=sms-to]")).ToContainTextAsync(new[] { "13912340002", "13912340001" });
        await Expect(rows.First).ToContainTextAsync("10001_1001");
        await Expect(rows.First.Locator("[data-testid=sms-state]")).ToHaveTextAsync("Sent");
        await Expect(rows.First.Locator("[data-testid=sms-content]")).ToHaveTextAsync("Your engineer arrives at 10:00.");
        await ScreenshotAsync(page, "61-sms-list");

        await rows.First.Locator("[data-testid=mark-read]").ClickAsync();
        await Expect(rows.First.Locator("[data-testid=sms-read]")).ToHaveTextAsync("Read");
        await Expect(page.Locator("[data-testid=mark-read]")).ToHaveCountAsync(1);

        await rows.Nth(1).Locator("[data-testid=delete]").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("the message to 13912340001");
        await page.Locator(".mud-dialog button").Filter(new LocatorFilterOptions { HasText = "Delete" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        Assert.Equal(new[] { "13912340002" }, await session.App.WithDbAsync(db => db.SmsRecords.Select(r => r.Mobile).ToListAsync()));
    }

    [Fact]
    public async Task An_admin_browses_blacklist_calls_satisfaction_with_its_summary_and_plays_a_voicemail_message()
    {
        var now = DateTime.UtcNow.AddMinutes(-30);
        var file = $"10001/{DateTime.Now:yyyyMMdd}/msg_browser.wav";
        var path = Path.Combine(session.App.DataFolder, "voicemail", file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, SilentWav(2));
        await session.App.WithDbAsync(db =>
        {
            db.BlacklistCalls.AddRange(
                new BlacklistCallRecord { TenantId = 10001, CtiCallType = 2, CallerIdNumber = "13800000000", DestinationNumber = "4008000000",
                    BlockedNumber = "13800000000", StartStamp = now, EndStamp = now, CtiCallId = "bl-browser-1" },
                new BlacklistCallRecord { TenantId = 10001, CtiCallType = 3, Agent = "10001_1000", Extension = "1000", CallerIdNumber = "1000",
                    DestinationNumber = "13900000000", BlockedNumber = "13900000000", StartStamp = now.AddMinutes(1), EndStamp = now.AddMinutes(1),
                    CtiCallId = "bl-browser-2" });
            foreach (var (digit, agent) in new[] { ("1", "10001_1000"), ("1", "10001_1000"), ("2", "10001_1001"), ((string?)null, "10001_1001") })
                db.SatisfactionRecords.Add(new SatisfactionRecord
                {
                    TenantId = 10001, CallId = Guid.NewGuid().ToString(), StartTime = now, EndTime = now.AddSeconds(5), Ani = "13911110000",
                    Dnis = "4008000000", CallType = 2, IvrDtmfDigit = digit, StopCause = digit is null ? "FAILED" : "SUCCESS", IvrId = 1,
                    IvrName = "Survey", Agent = agent, Queue = "10001_8000",
                });
            db.VoicemailMessages.Add(new VoicemailRecord
            {
                TenantId = 10001, CallId = "vm-browser", CidNumber = "13922220000", CreateTime = now, UserName = "10001_1009", FilePath = file,
                Duration = 2, Queue = "10001_8000",
            });
            return db.SaveChangesAsync();
        });
        var page = await session.NewPageAsync();
        await SignInAsync(page, "/blacklist-calls", CallCenterAppFactory.AdminUserName, CallCenterAppFactory.AdminPassword);

        var rows = page.Locator("tr:has([data-testid=blacklist-call-row])");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync("Outbound");
        await Expect(rows.First).ToContainTextAsync("13900000000");
        await SelectFilterAsync(page, "direction-filter", "Inbound");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("13800000000");
        await ScreenshotAsync(page, "62-blacklist-calls");

        await OpenListAsync(page, "/satisfaction", "Satisfaction");
        await Expect(page.Locator("tr:has([data-testid=satisfaction-row])")).ToHaveCountAsync(4);
        await Expect(page.Locator("[data-testid=summary-total]")).ToHaveTextAsync("4");
        await Expect(page.Locator("[data-testid=summary-keyed]")).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-testid=summary-key-1]")).ToContainTextAsync("Key 1: 2 (66.7%)");
        await Expect(page.Locator("[data-testid=summary-agent]")).ToHaveCountAsync(2);
        await page.FillAsync("[data-testid=agent-filter] >> visible=true", "10001_1001");
        await Expect(page.Locator("tr:has([data-testid=satisfaction-row])")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=summary-total]")).ToHaveTextAsync("2");
        await ScreenshotAsync(page, "63-satisfaction");

        await OpenListAsync(page, "/voicemail", "Voicemail");
        var message = page.Locator("tr:has([data-testid=voicemail-row])");
        await Expect(message).ToHaveCountAsync(1);
        await Expect(message).ToContainTextAsync("13922220000");
        await Expect(message).ToContainTextAsync("10001_1009");
        var audio = await page.RunAndWaitForResponseAsync(() => message.Locator("[data-testid=play]").ClickAsync(),
            r => r.Url.Contains("/records/voicemail/") && r.Url.EndsWith("/audio"));
        Assert.True(audio.Status is 200 or 206, $"audio answered {audio.Status}");
        Assert.Equal("audio/wav", audio.Headers["content-type"]);
        await Expect(message.Locator("[data-testid=voicemail-audio]")).ToHaveCountAsync(1);
        var download = await page.RunAndWaitForDownloadAsync(() => message.Locator("[data-testid=download]").ClickAsync());
        Assert.Equal("msg_browser.wav", download.SuggestedFilename);
        await ScreenshotAsync(page, "64-voicemail");
    }

    /// <summary>Opens a list filter's MudSelect (outside a dialog) and picks an option.</summary>
    private static async Task SelectFilterAsync(IPage page, string testId, string optionText)
    {
        await page.Locator($"[data-testid={testId}]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = optionText }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>An 8 kHz 16-bit mono PCM WAV of silence.</summary>
    private static byte[] SilentWav(int seconds)
    {
        var data = 16_000 * seconds;
        using var m = new MemoryStream();
        using var w = new BinaryWriter(m);
        w.Write("RIFF"u8); w.Write(36 + data); w.Write("WAVE"u8); w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1);
        w.Write(8000); w.Write(16_000); w.Write((short)2); w.Write((short)16); w.Write("data"u8); w.Write(data); w.Write(new byte[data]);
        return m.ToArray();
    }
}
