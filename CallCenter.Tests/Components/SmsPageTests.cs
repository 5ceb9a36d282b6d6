using Bunit;
using CallCenter.Domain.Sms;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Sms;
using CallCenter.Tests.Support;
using CallCenter.Web.Components.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CallCenter.Tests.Components;

/// <summary>The SMS page and its send dialog over the real SmsService, the simulated gateway (failing 170…) and SQLite.</summary>
public class SmsPageTests : ComponentTestBase
{
    private void AddSms() => Ctx.Services.AddSms(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Sms:FailNumbers:0"] = "170*" }).Build());

    private async Task<long> AddMessageAsync(string mobile, int state = SmsStates.Sent, bool read = false, string content = "Parcel ready")
    {
        var row = await Db.AddAsync(new SmsRecord
        {
            TenantId = DemoData.TenantId, Agent = "10001_1000", Extension = "1000", Mobile = mobile, SourceMobile = "106900000000",
            CreatedTime = Db.Clock.Now.UtcDateTime, State = state, Content = content, Read = read, FailureReason = state == SmsStates.Failed ? "no route" : null,
        });
        return row.Id;
    }

    [Fact]
    public async Task Lists_messages_with_their_state_marks_one_read_and_deletes_one_after_confirmation()
    {
        AddSms();
        var failed = await AddMessageAsync("17000000001", SmsStates.Failed);
        var sent = await AddMessageAsync("18200000001");
        var cut = RenderWithProviders<SmsPage>();

        cut.WaitForAssertion(() => Assert.Equal(new[] { "18200000001", "17000000001" }, Column(cut, "To")), Wait);
        Assert.Equal(new[] { "Sent", "Send failed" }, Column(cut, "State"));
        Assert.Equal(2, cut.FindAll("[data-testid='mark-read']").Count);
        Assert.Equal("Send SMS", cut.Find("[data-testid='create']").TextContent.Trim());
        Assert.Equal("/export/sms.xlsx", cut.Find("[data-testid='export']").GetAttribute("href"));

        cut.FindAll("[data-testid='mark-read']")[0].Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='sms-read']")), Wait);
        Assert.True(await Db.QueryAsync(c => c.SmsRecords.Where(r => r.Id == sent).Select(r => r.Read).SingleAsync()));

        cut.FindAll("[data-testid='delete']")[1].Click();
        cut.WaitForAssertion(() => Assert.Contains("the message to 17000000001", cut.Markup), Wait);
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();
        cut.WaitForAssertion(() => Assert.Equal(new[] { "18200000001" }, Column(cut, "To")), Wait);
        Assert.False(await Db.QueryAsync(c => c.SmsRecords.AnyAsync(r => r.Id == failed)));
    }

    [Fact]
    public async Task The_send_dialog_shows_field_errors_writes_nothing_then_sends_to_each_number()
    {
        AddSms();
        var cut = RenderWithProviders<SmsPage>();
        cut.WaitForAssertion(() => Assert.Contains("No SMS yet", cut.Markup), Wait);
        cut.Find("[data-testid='create']").Click();
        cut.WaitForElement("button[data-testid='send']", Wait);

        // Nothing chosen or typed: the sender, the numbers and the message are named.
        cut.Find("button[data-testid='send']").Click();
        cut.WaitForAssertion(() => Assert.Contains("Please correct the highlighted fields", cut.Markup), Wait);
        Assert.Contains("At least one recipient number is required.", cut.Markup);
        Assert.Contains("Content is required.", cut.Markup);
        Assert.Contains("The sender must be an agent number of tenant 10001", cut.Markup);

        // Pick the sender, type numbers (one malformed) and a message.
        cut.Find("[data-testid='sms-agent']").MouseDown();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".mud-popover-open .mud-list-item")), Wait);
        cut.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Contains("10001_1002")).Click();
        cut.Find("textarea[data-testid='sms-numbers']").Change("18200000001, 12a");
        cut.Find("textarea[data-testid='sms-content']").Input("Your parcel is ready");
        cut.Find("button[data-testid='send']").Click();
        cut.WaitForAssertion(() => Assert.Contains("'12a' is not a phone number", cut.Find(".mud-dialog").TextContent), Wait);
        Assert.Equal(0, await Db.CountAsync<SmsRecord>());

        cut.Find("textarea[data-testid='sms-numbers']").Change("18200000001\n17000000009");
        cut.Find("button[data-testid='send']").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")), Wait);
        cut.WaitForAssertion(() => Assert.Equal(new[] { "18200000001", "17000000009" }.Order(), Column(cut, "To").Order()), Wait);
        Assert.Contains("1 of 2 sent; 1 failed", cut.Markup);
        var rows = await Db.QueryAsync(c => c.SmsRecords.OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(new[] { ("10001_1002", "18200000001", 0), ("10001_1002", "17000000009", -2) }, rows.Select(r => (r.Agent!, r.Mobile, r.State)));
        Assert.All(rows, r => Assert.Equal("Your parcel is ready", r.Content));
    }
}
