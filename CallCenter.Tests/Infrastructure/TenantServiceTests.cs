using CallCenter.Domain.Acds;
using CallCenter.Domain.Agents;
using CallCenter.Domain.Common;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Tenants;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Tests.Infrastructure;

/// <summary>TenantService against a real, migrated SQLite file with the demo tenant (fresh per test).</summary>
public class TenantServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = default!;
    private TenantService Svc => _db.Get<TenantService>();
    private static readonly TenantScope All = TenantScope.All;

    public async Task InitializeAsync() => _db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> CountTenantsAsync()
    {
        await using var ctx = _db.NewContext();
        return await ctx.Tenants.CountAsync();
    }

    private async Task AddTenantsAsync(params Tenant[] tenants)
    {
        foreach (var t in tenants)
        {
            var r = await Svc.CreateAsync(t, All);
            Assert.True(r.Succeeded, r.Describe());
        }
    }

    // ------------------------------------------------------------------ create

    [Fact]
    public async Task Create_writes_a_trimmed_tenant_stamped_with_the_clock()
    {
        var input = new Tenant
        {
            Id = 20002, Name = "  Second Center  ", Contact = " Ann ", TimeZone = "  ", RestNum = 3,
            Outbound = { Ratio = 1.5m, MaxRatio = 2m }, Fee = { OutboundRate = 0.05m, Balance = 100 },
        };
        var result = await Svc.CreateAsync(input, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = await Svc.GetAsync(20002, All);
        Assert.NotNull(saved);
        Assert.Equal("Second Center", saved.Name);
        Assert.Equal("Ann", saved.Contact);
        Assert.Null(saved.TimeZone);
        Assert.Equal(3, saved.RestNum);
        Assert.Equal(1.5m, saved.Outbound.Ratio);
        Assert.Equal(0.05m, saved.Fee.OutboundRate);
        Assert.Equal(100m, saved.Fee.Balance);
        Assert.Equal(FixedClock.Default.UtcDateTime, saved.CreatedTime);
    }

    [Fact]
    public async Task Create_with_a_number_in_use_is_refused_on_field_Id()
    {
        var result = await Svc.CreateAsync(new Tenant { Id = DemoData.TenantId, Name = "Clash" }, All);

        Assert.False(result.Succeeded);
        Assert.Equal("Tenant number 10001 is already in use.", result.ErrorFor("Id"));
        Assert.Equal("Demo Call Center", (await Svc.GetAsync(DemoData.TenantId, All))!.Name);
        Assert.Equal(1, await CountTenantsAsync());
    }

    [Theory]
    [InlineData(20002, "", "Name")]
    [InlineData(999, "Too small", "Id")]
    [InlineData(0, "New-tenant default", "Id")]
    public async Task Invalid_input_is_refused_and_nothing_is_written(int id, string name, string field)
    {
        var result = await Svc.CreateAsync(new Tenant { Id = id, Name = name }, All);

        Assert.False(result.Succeeded);
        Assert.NotNull(result.ErrorFor(field));
        Assert.Equal(1, await CountTenantsAsync());
    }

    // ------------------------------------------------------------------ update

    [Fact]
    public async Task Update_changes_the_editable_fields_including_owned_settings()
    {
        var t = (await Svc.GetAsync(DemoData.TenantId, All))!;
        var created = t.CreatedTime;
        t.Name = "Renamed ";
        t.Status = AccountStatus.Deregistered;
        t.Outbound.Ratio = 2.5m;
        t.Outbound.MaxRatio = 5m;
        t.Fee.MonthRate = 250m;
        _db.Clock.Now = FixedClock.Default.AddDays(1);

        var result = await Svc.UpdateAsync(t, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = (await Svc.GetAsync(DemoData.TenantId, All))!;
        Assert.Equal("Renamed", saved.Name);
        Assert.Equal(AccountStatus.Deregistered, saved.Status);
        Assert.Equal(2.5m, saved.Outbound.Ratio);
        Assert.Equal(5m, saved.Outbound.MaxRatio);
        Assert.Equal(250m, saved.Fee.MonthRate);
        Assert.Equal(10000m, saved.Fee.Balance); // untouched owned values survive the replacement
        Assert.Equal(created, saved.CreatedTime);
    }

    [Fact]
    public async Task Invalid_update_is_refused_and_nothing_changes()
    {
        var t = (await Svc.GetAsync(DemoData.TenantId, All))!;
        t.Name = "";
        t.BridgeAnswerTimeout = 1;

        var result = await Svc.UpdateAsync(t, All);

        Assert.False(result.Succeeded);
        Assert.NotNull(result.ErrorFor("Name"));
        Assert.NotNull(result.ErrorFor("BridgeAnswerTimeout"));
        var saved = (await Svc.GetAsync(DemoData.TenantId, All))!;
        Assert.Equal("Demo Call Center", saved.Name);
        Assert.Equal(30, saved.BridgeAnswerTimeout);
    }

    [Fact]
    public async Task Update_of_a_missing_tenant_is_refused()
    {
        var result = await Svc.UpdateAsync(new Tenant { Id = 77777, Name = "Ghost" }, All);
        Assert.False(result.Succeeded);
        Assert.Equal("Tenant 77777 no longer exists.", result.Refusal);
        Assert.Null(await Svc.GetAsync(77777, All));
    }

    // ------------------------------------------------------------------ list, search, paging, sort

    [Fact]
    public async Task List_pages_and_counts()
    {
        await AddTenantsAsync(Enumerable.Range(20001, 12).Select(n => new Tenant { Id = n, Name = $"Tenant {n}" }).ToArray());

        var page2 = await Svc.ListAsync(new TenantListQuery { Page = 2, PageSize = 5 }, All);

        Assert.Equal(13, page2.TotalCount);
        Assert.Equal(2, page2.CurrentPage);
        Assert.Equal(5, page2.PageSize);
        Assert.Equal(new[] { 20005, 20006, 20007, 20008, 20009 }, page2.Items.Select(r => r.Id));

        var last = await Svc.ListAsync(new TenantListQuery { Page = 3, PageSize = 5 }, All);
        Assert.Equal(new[] { 20010, 20011, 20012 }, last.Items.Select(r => r.Id));

        var beyond = await Svc.ListAsync(new TenantListQuery { Page = 9, PageSize = 5 }, All);
        Assert.Empty(beyond.Items);
        Assert.Equal(13, beyond.TotalCount);
    }

    [Fact]
    public async Task List_sorts_by_number_name_and_status_both_ways()
    {
        await AddTenantsAsync(
            new Tenant { Id = 30003, Name = "Alpha" },
            new Tenant { Id = 20002, Name = "Zulu", Status = AccountStatus.Deregistered });

        async Task<int[]> Ids(string? sort, bool desc) =>
            (await Svc.ListAsync(new TenantListQuery { SortBy = sort, Descending = desc }, All)).Items.Select(r => r.Id).ToArray();

        Assert.Equal(new[] { 10001, 20002, 30003 }, await Ids(null, false));
        Assert.Equal(new[] { 30003, 20002, 10001 }, await Ids("Id", true));
        Assert.Equal(new[] { 30003, 10001, 20002 }, await Ids("Name", false)); // Alpha, Demo…, Zulu
        Assert.Equal(new[] { 20002, 10001, 30003 }, await Ids("Name", true));
        Assert.Equal(20002, (await Ids("Status", false))[0]); // Deregistered (0) first
        Assert.Equal(20002, (await Ids("Status", true))[^1]);
    }

    [Theory]
    [InlineData("demo", new[] { 10001 })]            // name, case-insensitive
    [InlineData("Center", new[] { 10001, 20002 })]
    [InlineData("20002", new[] { 20002 })]           // number
    [InlineData("Ann", new[] { 20002 })]             // contact
    [InlineData("a_b", new[] { 30003 })]             // '_' is literal, not a wildcard
    [InlineData("100%", new[] { 40004 })]            // '%' is literal
    [InlineData("nothing-like-this", new int[0])]
    public async Task Search_matches_number_name_or_contact_literally(string search, int[] expected)
    {
        await AddTenantsAsync(
            new Tenant { Id = 20002, Name = "Second Center", Contact = "Ann" },
            new Tenant { Id = 30003, Name = "A_B Services" },
            new Tenant { Id = 30004, Name = "AxB Services" },
            new Tenant { Id = 40004, Name = "100% Sales" },
            new Tenant { Id = 40005, Name = "1000 Sales" });

        var page = await Svc.ListAsync(new TenantListQuery { Search = search }, All);

        Assert.Equal(expected, page.Items.Select(r => r.Id).ToArray());
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task Status_filter_and_counts_of_acds_and_agents()
    {
        await AddTenantsAsync(new Tenant { Id = 20002, Name = "Off", Status = AccountStatus.Deregistered });

        var enabled = await Svc.ListAsync(new TenantListQuery { Status = AccountStatus.Enabled }, All);
        var demo = Assert.Single(enabled.Items);
        Assert.Equal(10001, demo.Id);
        Assert.Equal(1, demo.AcdCount);
        Assert.Equal(10, demo.AgentCount);

        var off = await Svc.ListAsync(new TenantListQuery { Status = AccountStatus.Deregistered }, All);
        Assert.Equal(new[] { 20002 }, off.Items.Select(r => r.Id));
        Assert.Equal(0, off.Items[0].AgentCount);
    }

    [Fact]
    public async Task Export_returns_every_matching_row_beyond_one_page()
    {
        await AddTenantsAsync(Enumerable.Range(20001, 15).Select(n => new Tenant { Id = n, Name = $"Tenant {n}" }).ToArray());
        var rows = await Svc.ExportAsync(new TenantListQuery { Search = "Tenant" }, All);
        Assert.Equal(15, rows.Count);
    }

    // ------------------------------------------------------------------ delete

    [Fact]
    public async Task Delete_removes_an_unused_tenant()
    {
        await AddTenantsAsync(new Tenant { Id = 20002, Name = "Empty" });

        var result = await Svc.DeleteAsync(20002, All);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Null(await Svc.GetAsync(20002, All));
    }

    [Fact]
    public async Task Delete_of_the_demo_tenant_is_refused_and_names_what_still_belongs_to_it()
    {
        var result = await Svc.DeleteAsync(DemoData.TenantId, All);

        Assert.False(result.Succeeded);
        Assert.Contains("1 ACDs", result.Refusal);
        Assert.Contains("10 agents", result.Refusal);
        Assert.Contains("10 extensions", result.Refusal);
        Assert.NotNull(await Svc.GetAsync(DemoData.TenantId, All));
    }

    [Fact]
    public async Task Delete_is_refused_while_an_acd_references_the_tenant_and_allowed_after()
    {
        await AddTenantsAsync(new Tenant { Id = 20002, Name = "With ACD" });
        await using (var ctx = _db.NewContext())
        {
            ctx.Acds.Add(new Acd { TenantId = 20002, Code = "8000", Name = "Queue" });
            await ctx.SaveChangesAsync();
        }

        var refused = await Svc.DeleteAsync(20002, All);
        Assert.False(refused.Succeeded);
        Assert.Contains("1 ACDs", refused.Refusal);
        Assert.NotNull(await Svc.GetAsync(20002, All));

        await using (var ctx = _db.NewContext())
        {
            ctx.Acds.RemoveRange(ctx.Acds.Where(a => a.TenantId == 20002));
            await ctx.SaveChangesAsync();
        }
        Assert.True((await Svc.DeleteAsync(20002, All)).Succeeded);
    }

    [Fact]
    public async Task Delete_is_refused_while_an_agent_references_the_tenant()
    {
        await AddTenantsAsync(new Tenant { Id = 20002, Name = "With agent" });
        await using (var ctx = _db.NewContext())
        {
            ctx.Agents.Add(new Agent { TenantId = 20002, Code = "1000", NameCn = "A", PasswordHash = "x" });
            await ctx.SaveChangesAsync();
        }

        var refused = await Svc.DeleteAsync(20002, All);

        Assert.False(refused.Succeeded);
        Assert.Contains("1 agents", refused.Refusal);
        Assert.NotNull(await Svc.GetAsync(20002, All));
    }

    [Fact]
    public async Task Delete_of_a_missing_tenant_is_refused()
    {
        var result = await Svc.DeleteAsync(77777, All);
        Assert.Equal("Tenant 77777 no longer exists.", result.Refusal);
    }

    // ------------------------------------------------------------------ tenant scope

    [Fact]
    public async Task A_tenant_scoped_caller_sees_only_its_tenant()
    {
        await AddTenantsAsync(new Tenant { Id = 20002, Name = "Second" });
        var scope = TenantScope.Of(20002);

        var list = await Svc.ListAsync(new TenantListQuery(), scope);
        Assert.Equal(new[] { 20002 }, list.Items.Select(r => r.Id));
        Assert.Equal(1, list.TotalCount);

        // Asking for another tenant explicitly does not widen the scope.
        var asked = await Svc.ListAsync(new TenantListQuery { TenantId = DemoData.TenantId }, scope);
        Assert.Equal(new[] { 20002 }, asked.Items.Select(r => r.Id));

        Assert.Equal(new[] { 20002 }, (await Svc.ExportAsync(new TenantListQuery(), scope)).Select(r => r.Id));
        Assert.Equal(new[] { 20002 }, (await Svc.OptionsAsync(scope)).Select(o => o.Id));
        Assert.Null(await Svc.GetAsync(DemoData.TenantId, scope));
        Assert.NotNull(await Svc.GetAsync(20002, scope));
    }

    [Fact]
    public async Task A_tenant_scoped_caller_cannot_update_another_tenant()
    {
        await AddTenantsAsync(new Tenant { Id = 20002, Name = "Second" });
        var demo = (await Svc.GetAsync(DemoData.TenantId, All))!;
        demo.Name = "Hijacked";

        var result = await Svc.UpdateAsync(demo, TenantScope.Of(20002));

        Assert.False(result.Succeeded);
        Assert.Equal(TenantScope.OutOfScope, result.Refusal);
        Assert.Equal("Demo Call Center", (await Svc.GetAsync(DemoData.TenantId, All))!.Name);

        // …but may update its own.
        var own = (await Svc.GetAsync(20002, All))!;
        own.Name = "Second, renamed";
        Assert.True((await Svc.UpdateAsync(own, TenantScope.Of(20002))).Succeeded);
    }

    [Fact]
    public async Task A_tenant_scoped_caller_cannot_create_or_delete_tenants()
    {
        var created = await Svc.CreateAsync(new Tenant { Id = 20002, Name = "Mine" }, TenantScope.Of(DemoData.TenantId));
        Assert.False(created.Succeeded);
        Assert.NotNull(created.Refusal);
        Assert.Null(await Svc.GetAsync(20002, All));

        await AddTenantsAsync(new Tenant { Id = 30003, Name = "Unused" });
        var deleted = await Svc.DeleteAsync(30003, TenantScope.Of(30003));
        Assert.False(deleted.Succeeded);
        Assert.NotNull(await Svc.GetAsync(30003, All));
    }

    [Fact]
    public void TenantScope_allows_and_narrows()
    {
        Assert.True(TenantScope.All.Allows(1));
        Assert.True(TenantScope.Of(5).Allows(5));
        Assert.False(TenantScope.Of(5).Allows(6));
        Assert.Null(TenantScope.All.Narrow(null));
        Assert.Equal(7, TenantScope.All.Narrow(7));
        Assert.Equal(5, TenantScope.Of(5).Narrow(7));
        Assert.Equal(5, TenantScope.Of(5).Narrow(null));
    }

    [Theory]
    [InlineData("10_0", "%10\\_0%")]
    [InlineData(" 50% ", "%50\\%%")]
    [InlineData("a\\b", "%a\\\\b%")]
    public void LikePattern_escapes_wildcards(string search, string expected) =>
        Assert.Equal(expected, QueryableExtensions.LikePattern(search));
}
