using System.Security.Claims;
using Bunit;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Records;
using CallCenter.Tests.Records;
using CallCenter.Web.Components.Records;
using CallCenter.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace CallCenter.Tests.Components;

/// <summary>The history pages over the real services and SQLite: rows, empty states, filters, detail dialogs, delete, export progress.</summary>
public class RecordPagesTests : ComponentTestBase
{
    private const int Other = 20001;

    private async Task SeedAsync()
    {
        await using var ctx = Db.NewContext();
        var r2 = RecordSamples.Recording(2);
        r2.Agent = "10001_1002";
        ctx.Recordings.AddRange(RecordSamples.Recording(1), r2, RecordSamples.Recording(3, Other));
        var q2 = RecordSamples.Queue(2);
        (q2.Agent, q2.Outcome, q2.CallerId) = ("10001_1005", "abandoned", "13911112222");
        ctx.QueueRecords.AddRange(RecordSamples.Queue(1), q2, RecordSamples.Queue(3, Other));
        ctx.IvrRecords.AddRange(RecordSamples.Ivr(1), RecordSamples.Ivr(2, Other));
        var ready = RecordSamples.AgentState(2);
        (ready.State, ready.ReasonCode, ready.Agent) = (1, -1, "10001_1003");
        ctx.AgentStateRecords.AddRange(RecordSamples.AgentState(1), ready);
        await ctx.SaveChangesAsync();
    }

    private void AsTenantSupervisor() =>
        Auth.SetAuthorized("sup").SetRoles(Roles.Supervisor).SetClaims(new Claim(Roles.TenantClaim, "10001"));

    private static string[] Rows(IRenderedComponent<IComponent> cut, string testId) =>
        cut.FindAll($"td[data-testid='{testId}']").Select(td => td.TextContent.Trim()).ToArray();

    [Theory]
    [InlineData(typeof(RecordingsPage), "No recordings yet.")]
    [InlineData(typeof(QueueRecordsPage), "No queue records yet.")]
    [InlineData(typeof(IvrRecordsPage), "No IVR records yet.")]
    [InlineData(typeof(AgentStateRecordsPage), "No agent-state records yet.")]
    public void Each_page_shows_its_empty_state_when_there_are_no_records(Type page, string empty)
    {
        var cut = RenderWithProviders(page);
        cut.WaitForAssertion(() => Assert.Contains(empty, cut.Find("[data-testid='empty']").TextContent), Wait);
        Assert.NotNull(cut.Find("[data-testid='export']"));
    }

    [Fact]
    public async Task Recordings_list_every_tenant_for_an_admin_filter_by_agent_and_offer_play_download_and_delete()
    {
        await SeedAsync();
        var cut = RenderWithProviders<RecordingsPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut, "recording-row").Length), Wait);
        Assert.Equal(new[] { "20001_1009", "10001_1002", "10001_1009" }, Column(cut, "Agent"));
        Assert.Equal(3, cut.FindAll("[data-testid='delete']").Count);
        Assert.Equal(3, cut.FindAll("[data-testid='edit'][aria-label='Play']").Count);
        Assert.StartsWith("/recordings/", cut.FindAll("[data-testid='recording-download']")[0].GetAttribute("href"));
        // The export link carries the table's sort (newest first) and, below, the filters.
        Assert.Equal("/export/recordings.xlsx?sortBy=CreateTime&descending=true", cut.Find("[data-testid='export']").GetAttribute("href"));

        cut.Find("input[data-testid='agent-filter']").Input("10001_1002");
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(new[] { "10001_1002" }, Column(cut, "Agent"));
            Assert.Equal("/export/recordings.xlsx?agent=10001_1002&sortBy=CreateTime&descending=true", cut.Find("[data-testid='export']").GetAttribute("href"));
        }, Wait);
    }

    [Fact]
    public async Task A_tenant_supervisor_sees_only_the_tenants_recordings_and_cannot_delete()
    {
        await SeedAsync();
        AsTenantSupervisor();
        var cut = RenderWithProviders<RecordingsPage>();
        cut.WaitForAssertion(() => Assert.Equal(new[] { "10001_1002", "10001_1009" }, Column(cut, "Agent")), Wait);
        Assert.Empty(cut.FindAll("[data-testid='delete']"));
        Assert.Empty(cut.FindAll("[data-testid='tenant-picker']"));
    }

    [Fact]
    public async Task The_player_plays_the_recordings_file_or_says_the_file_is_missing()
    {
        await SeedAsync();
        long id;
        await using (var ctx = Db.NewContext()) id = ctx.Recordings.Where(r => r.TenantId == 10001).OrderBy(r => r.Id).First().Id;
        var cut = RenderWithProviders<RecordingsPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut, "recording-row").Length), Wait);

        // No file written: the dialog says so and offers nothing to play.
        cut.FindAll("[data-testid='edit']")[2].Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='recording-missing']")), Wait);
        Assert.Empty(cut.FindAll("audio"));
        cut.Find(".mud-dialog [data-testid='close']").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")), Wait);

        var store = Db.Get<RecordingStore>();
        await using (var ctx = Db.NewContext())
        {
            var path = store.PathOf(ctx.Recordings.Single(r => r.Id == id).Filename)!;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, "RIFF"u8.ToArray());
        }
        cut.FindAll("[data-testid='edit']")[2].Click();
        cut.WaitForAssertion(() => Assert.Equal($"/recordings/{id}/audio", cut.Find("audio[data-testid='recording-audio']").GetAttribute("src")), Wait);
        Assert.Equal($"/recordings/{id}/audio?download=true", cut.Find(".mud-dialog [data-testid='download']").GetAttribute("href"));
    }

    [Fact]
    public async Task Queue_records_filter_by_agent_and_open_their_steps()
    {
        await SeedAsync();
        AsTenantSupervisor();
        var cut = RenderWithProviders<QueueRecordsPage>();
        cut.WaitForAssertion(() => Assert.Equal(new[] { "10001_1005", "10001_1001" }, Column(cut, "Agent")), Wait);
        Assert.Equal(new[] { "abandoned", "answered" }, Column(cut, "Outcome"));

        cut.Find("input[data-testid='search']").Input("13911112222");
        cut.WaitForAssertion(() => Assert.Equal(new[] { "10001_1005" }, Column(cut, "Agent")), Wait);

        cut.Find("[data-testid='edit']").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid='queue-step']").Count), Wait);
        var steps = cut.FindAll("[data-testid='queue-step']").Select(tr => tr.TextContent).ToList();
        Assert.Contains("Offered to agent", steps[0]);
        Assert.Contains("No answer", steps[1]);
        Assert.Contains("Left the queue", steps[2]);
    }

    [Fact]
    public async Task Ivr_records_show_the_sessions_event_trace()
    {
        await SeedAsync();
        var cut = RenderWithProviders<IvrRecordsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut, "ivr-row").Length), Wait);
        Assert.Empty(cut.FindAll("input[data-testid='agent-filter']")); // IVR sessions have no agent
        cut.FindAll("[data-testid='edit']")[0].Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid='ivr-step']").Count), Wait);
        Assert.Contains("start_ivr_component", cut.FindAll("[data-testid='ivr-step']")[1].TextContent);
    }

    [Fact]
    public async Task Agent_state_records_name_the_state_and_an_admin_deletes_one_after_confirming()
    {
        await SeedAsync();
        var cut = RenderWithProviders<AgentStateRecordsPage>();
        cut.WaitForAssertion(() => Assert.Equal(new[] { "Ready", "Busy · Busy" }, Column(cut, "State")), Wait);

        cut.FindAll("[data-testid='delete']")[0].Click();
        cut.WaitForAssertion(() => Assert.Contains("Delete the Ready interval of 10001_1003", cut.Find(".mud-message-box").TextContent), Wait);
        cut.FindAll(".mud-message-box button").Single(b => b.TextContent.Contains("Delete")).Click();
        cut.WaitForAssertion(() => Assert.Equal(new[] { "Busy · Busy" }, Column(cut, "State")), Wait);
        await using var ctx = Db.NewContext();
        Assert.False(ctx.AgentStateRecords.Any(r => r.Agent == "10001_1003"));
    }

    [Fact]
    public async Task The_export_progress_strip_follows_the_job_and_can_be_dismissed()
    {
        await SeedAsync();
        var cut = RenderWithProviders<QueueRecordsPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut, "queue-row").Length), Wait);
        Assert.Empty(cut.FindAll("[data-testid='export-progress']"));
        var table = cut.FindComponent<EntityTable<QueueRecord>>().Instance;

        await cut.InvokeAsync(() => table.OnExportProgress("running", 12_000, 48_000, null));
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("running", cut.Find("[data-testid='export-progress']").GetAttribute("data-phase"));
            Assert.Equal("Exporting… 12,000 of 48,000 rows", cut.Find("[data-testid='export-status']").TextContent);
            Assert.NotNull(cut.Find("[data-testid='export-cancel']"));
        }, Wait);
        Assert.Equal(25, table.Export!.Percent);

        await cut.InvokeAsync(() => table.OnExportProgress("completed", 48_000, 48_000, "queue-records-20260301.xlsx"));
        cut.WaitForAssertion(() => Assert.Equal("Exported 48,000 rows: queue-records-20260301.xlsx is downloading.",
            cut.Find("[data-testid='export-status']").TextContent), Wait);
        cut.Find("[data-testid='export-dismiss']").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='export-progress']")), Wait);

        await cut.InvokeAsync(() => table.OnExportProgress("failed", 0, null, "You already have 2 exports running; wait for one to finish."));
        cut.WaitForAssertion(() => Assert.Equal("You already have 2 exports running; wait for one to finish.",
            cut.Find("[data-testid='export-status']").TextContent), Wait);
    }
}
