using CallCenter.Domain.Acds;
using CallCenter.Domain.Ivr;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Ivr;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Tests.Support.TestData;

namespace CallCenter.Tests.Infrastructure;

/// <summary>IvrFlowService against a real, migrated SQLite file with the demo tenant and tenant 20001 (fresh per test).</summary>
public class IvrFlowServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = default!;
    private IvrFlowService Svc => _db.Get<IvrFlowService>();
    private static readonly TenantScope All = TenantScope.All;
    private const int Demo = DemoData.TenantId;
    private IvrFlow _mainMenu = default!;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
        await _db.AddTenantAsync(OtherTenant);
        _mainMenu = await _db.QueryAsync(c => c.IvrFlows.AsNoTracking().SingleAsync(f => f.Name == "Main menu"));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<int> CountAsync() => _db.CountAsync<IvrFlow>();

    private async Task<IvrFlow> AddAsync(int tenantId, string name, string? description = null)
    {
        var r = await Svc.CreateAsync(new IvrFlow { TenantId = tenantId, Name = name, Description = description }, All);
        Assert.True(r.Succeeded, r.Describe());
        return await _db.QueryAsync(c => c.IvrFlows.AsNoTracking().SingleAsync(f => f.TenantId == tenantId && f.Name == name.Trim()));
    }

    /// <summary>Points an ACD's overflow at the flow (directly in the database).</summary>
    private async Task OverflowToAsync(int tenantId, string acdCode, int flowId)
    {
        await using var ctx = _db.NewContext();
        var acd = await ctx.Acds.SingleOrDefaultAsync(a => a.TenantId == tenantId && a.Code == acdCode);
        if (acd is null) ctx.Acds.Add(acd = new Acd { TenantId = tenantId, Code = acdCode, Name = $"Queue {acdCode}" });
        acd.OverflowAction = OverflowAction.TransferToIvr;
        acd.OverflowTarget = flowId.ToString();
        await ctx.SaveChangesAsync();
    }

    // ------------------------------------------------------------------ create

    [Fact]
    public async Task Create_writes_a_trimmed_flow_stamped_with_the_clock()
    {
        _db.Clock.Now = FixedClock.Default.AddHours(4);

        var result = await Svc.CreateAsync(new IvrFlow { TenantId = Demo, Name = "  Night menu ", Description = " After hours " }, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = await _db.QueryAsync(c => c.IvrFlows.AsNoTracking().SingleAsync(f => f.Name == "Night menu"));
        Assert.Equal(Demo, saved.TenantId);
        Assert.Equal("After hours", saved.Description);
        Assert.Equal(FixedClock.Default.AddHours(4).UtcDateTime, saved.CreatedTime);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Create_stores_a_blank_description_as_null()
    {
        Assert.Null((await AddAsync(Demo, "Night menu", "  ")).Description);
    }

    [Theory]
    [InlineData("", null, "Name", "Name is required.")]
    [InlineData("  ", null, "Name", "Name is required.")]
    [InlineData("65", null, "Name", "Name must be at most 64 characters.")]
    [InlineData("Night menu", "501", "Description", "Description must be at most 500 characters.")]
    public async Task Invalid_input_is_refused_on_its_field_and_nothing_is_written(string name, string? description, string field, string message)
    {
        if (name == "65") name = new string('n', 65);
        if (description == "501") description = new string('d', 501);

        var result = await Svc.CreateAsync(new IvrFlow { TenantId = Demo, Name = name, Description = description }, All);

        Assert.False(result.Succeeded);
        Assert.Equal(message, result.ErrorFor(field));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Create_without_a_tenant_or_for_a_missing_tenant_is_refused_on_field_TenantId()
    {
        Assert.Equal("Choose a tenant.", (await Svc.CreateAsync(new IvrFlow { Name = "X" }, All)).ErrorFor("TenantId"));
        Assert.Equal("Tenant 30003 does not exist.", (await Svc.CreateAsync(new IvrFlow { TenantId = 30003, Name = "X" }, All)).ErrorFor("TenantId"));
        Assert.Equal(1, await CountAsync());
    }

    [Theory]
    [InlineData("Main menu")]
    [InlineData("  Main menu ")]
    public async Task Create_with_a_name_in_use_in_the_tenant_is_refused_on_field_Name(string name)
    {
        var result = await Svc.CreateAsync(new IvrFlow { TenantId = Demo, Name = name, Description = "Copy" }, All);

        Assert.Equal("IVR flow \"Main menu\" already exists in tenant 10001.", result.ErrorFor("Name"));
        Assert.Equal(1, await CountAsync());
        Assert.Equal("Press 1 for sales, 2 for support", (await Svc.GetAsync(_mainMenu.Id, All))!.Description);
    }

    [Fact]
    public async Task The_same_name_may_exist_in_another_tenant()
    {
        var theirs = await AddAsync(OtherTenant, "Main menu");
        Assert.Equal(OtherTenant, theirs.TenantId);
        Assert.Equal(2, await CountAsync());
    }

    // ------------------------------------------------------------------ update

    [Fact]
    public async Task Update_changes_name_and_description_but_not_the_creation_time()
    {
        var flow = (await Svc.GetAsync(_mainMenu.Id, All))!;
        flow.Name = " Day menu ";
        flow.Description = " ";
        _db.Clock.Now = FixedClock.Default.AddDays(1);

        var result = await Svc.UpdateAsync(flow, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = (await Svc.GetAsync(_mainMenu.Id, All))!;
        Assert.Equal("Day menu", saved.Name);
        Assert.Null(saved.Description);
        Assert.Equal(FixedClock.Default.UtcDateTime, saved.CreatedTime);
    }

    [Fact]
    public async Task Update_may_keep_its_own_name()
    {
        var flow = (await Svc.GetAsync(_mainMenu.Id, All))!;
        flow.Description = "Only the text changes";

        Assert.True((await Svc.UpdateAsync(flow, All)).Succeeded);
        Assert.Equal("Only the text changes", (await Svc.GetAsync(_mainMenu.Id, All))!.Description);
    }

    [Fact]
    public async Task Update_to_the_name_of_another_flow_is_refused_and_nothing_changes()
    {
        var night = await AddAsync(Demo, "Night menu", "After hours");
        night.Name = "Main menu";
        night.Description = "changed";

        var result = await Svc.UpdateAsync(night, All);

        Assert.Equal("IVR flow \"Main menu\" already exists in tenant 10001.", result.ErrorFor("Name"));
        var saved = (await Svc.GetAsync(night.Id, All))!;
        Assert.Equal("Night menu", saved.Name);
        Assert.Equal("After hours", saved.Description);
    }

    [Fact]
    public async Task Invalid_update_is_refused_and_nothing_changes()
    {
        var flow = (await Svc.GetAsync(_mainMenu.Id, All))!;
        flow.Name = "";

        Assert.Equal("Name is required.", (await Svc.UpdateAsync(flow, All)).ErrorFor("Name"));
        Assert.Equal("Main menu", (await Svc.GetAsync(_mainMenu.Id, All))!.Name);
    }

    [Fact]
    public async Task Update_cannot_move_a_flow_to_another_tenant()
    {
        var flow = (await Svc.GetAsync(_mainMenu.Id, All))!;
        flow.TenantId = OtherTenant;
        flow.Name = "Moved";

        var result = await Svc.UpdateAsync(flow, All);

        Assert.Equal($"IVR flow {_mainMenu.Id} belongs to tenant 10001; its tenant cannot be changed.", result.Refusal);
        var saved = (await Svc.GetAsync(_mainMenu.Id, All))!;
        Assert.Equal(Demo, saved.TenantId);
        Assert.Equal("Main menu", saved.Name);
    }

    [Fact]
    public async Task Update_of_a_missing_flow_is_refused()
    {
        var result = await Svc.UpdateAsync(new IvrFlow { Id = 999, TenantId = Demo, Name = "Ghost" }, All);
        Assert.Equal("IVR flow 999 no longer exists.", result.Refusal);
        Assert.Equal(1, await CountAsync());
    }

    // ------------------------------------------------------------------ list, search, sort, paging

    [Fact]
    public async Task List_shows_the_demo_flow()
    {
        var page = await Svc.ListAsync(new IvrFlowListQuery(), All);

        var row = Assert.Single(page.Items);
        Assert.Equal(_mainMenu.Id, row.Id);
        Assert.Equal(Demo, row.TenantId);
        Assert.Equal("Main menu", row.Name);
        Assert.Equal("Press 1 for sales, 2 for support", row.Description);
        Assert.Equal(FixedClock.Default.UtcDateTime, row.CreatedTime);
    }

    [Fact]
    public async Task Search_matches_the_id_or_the_name_literally()
    {
        var night = await AddAsync(Demo, "Night_menu");
        await AddAsync(OtherTenant, "Nightxmenu");

        async Task<string[]> Names(string search) =>
            (await Svc.ListAsync(new IvrFlowListQuery { Search = search }, All)).Items.Select(r => r.Name).ToArray();

        Assert.Equal(new[] { "Main menu", "Night_menu", "Nightxmenu" }, await Names("MENU"));
        Assert.Equal(new[] { "Night_menu" }, await Names("t_m"));              // '_' is literal: not "Nightxmenu"
        Assert.Equal(new[] { "Night_menu" }, await Names($" {night.Id} "));    // the flow id
        Assert.Equal(new[] { "Main menu" }, await Names(_mainMenu.Id.ToString()));
        Assert.Empty(await Names("nothing-like-this"));
    }

    [Fact]
    public async Task List_sorts_by_id_name_and_tenant()
    {
        var zulu = await AddAsync(Demo, "Zulu");
        var alpha = await AddAsync(OtherTenant, "Alpha");
        var main = _mainMenu.Id;

        async Task<int[]> Ids(string? sort, bool desc) =>
            (await Svc.ListAsync(new IvrFlowListQuery { SortBy = sort, Descending = desc }, All)).Items.Select(r => r.Id).ToArray();

        Assert.Equal(new[] { main, zulu.Id, alpha.Id }, await Ids(null, false));
        Assert.Equal(new[] { alpha.Id, zulu.Id, main }, await Ids(null, true));
        Assert.Equal(new[] { alpha.Id, main, zulu.Id }, await Ids("Name", false));
        Assert.Equal(new[] { zulu.Id, main, alpha.Id }, await Ids("Name", true));
        Assert.Equal(new[] { main, zulu.Id, alpha.Id }, await Ids("TenantId", false)); // ties by id
        Assert.Equal(new[] { alpha.Id, main, zulu.Id }, await Ids("TenantId", true));
    }

    [Fact]
    public async Task List_pages_and_export_returns_every_row()
    {
        for (var i = 1; i <= 11; i++) await AddAsync(OtherTenant, $"Flow {i:00}");

        var page = await Svc.ListAsync(new IvrFlowListQuery { TenantId = OtherTenant, Page = 3, PageSize = 5 }, All);
        Assert.Equal(11, page.TotalCount);
        Assert.Equal(new[] { "Flow 11" }, page.Items.Select(r => r.Name));
        Assert.Equal(12, (await Svc.ExportAsync(new IvrFlowListQuery { PageSize = 5 }, All)).Count);
    }

    // ------------------------------------------------------------------ delete

    [Fact]
    public async Task Delete_removes_a_flow_no_acd_overflows_to()
    {
        var night = await AddAsync(Demo, "Night menu");

        Assert.True((await Svc.DeleteAsync(night.Id, All)).Succeeded);
        Assert.Null(await Svc.GetAsync(night.Id, All));
        Assert.True((await Svc.DeleteAsync(_mainMenu.Id, All)).Succeeded);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Delete_is_refused_while_an_acd_overflows_to_the_flow_and_names_the_acd()
    {
        await OverflowToAsync(Demo, "8000", _mainMenu.Id);

        var refused = await Svc.DeleteAsync(_mainMenu.Id, All);

        Assert.Equal($"IVR flow {_mainMenu.Id} (Main menu) cannot be deleted: ACD 10001_8000 overflows to it. Change that overflow first.", refused.Refusal);
        Assert.NotNull(await Svc.GetAsync(_mainMenu.Id, All));

        await OverflowToAsync(Demo, "8001", _mainMenu.Id);
        Assert.Equal($"IVR flow {_mainMenu.Id} (Main menu) cannot be deleted: ACD 10001_8000, ACD 10001_8001 overflow to it. Change that overflow first.",
            (await Svc.DeleteAsync(_mainMenu.Id, All)).Refusal);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Delete_is_allowed_once_the_overflow_changed_and_ignores_other_tenants_acds()
    {
        await OverflowToAsync(Demo, "8000", _mainMenu.Id);
        await OverflowToAsync(OtherTenant, "8000", _mainMenu.Id); // the same text in another tenant names another flow
        await using (var ctx = _db.NewContext())
        {
            var acd = await ctx.Acds.SingleAsync(a => a.TenantId == Demo && a.Code == "8000");
            acd.OverflowAction = OverflowAction.Hangup;
            acd.OverflowTarget = null;
            await ctx.SaveChangesAsync();
        }

        Assert.True((await Svc.DeleteAsync(_mainMenu.Id, All)).Succeeded);
        Assert.Null(await Svc.GetAsync(_mainMenu.Id, All));
    }

    [Fact]
    public async Task Delete_of_a_missing_flow_is_refused()
    {
        Assert.Equal("IVR flow 999 no longer exists.", (await Svc.DeleteAsync(999, All)).Refusal);
    }

    // ------------------------------------------------------------------ tenant scope

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_neither_lists_nor_gets_the_demo_flow()
    {
        var mine = await AddAsync(OtherTenant, "Mine");
        var scope = TenantScope.Of(OtherTenant);

        var list = await Svc.ListAsync(new IvrFlowListQuery(), scope);
        Assert.Equal(new[] { mine.Id }, list.Items.Select(r => r.Id));
        Assert.Equal(1, list.TotalCount);
        Assert.Equal(new[] { mine.Id }, (await Svc.ListAsync(new IvrFlowListQuery { TenantId = Demo }, scope)).Items.Select(r => r.Id));
        Assert.Empty((await Svc.ListAsync(new IvrFlowListQuery { Search = _mainMenu.Id.ToString() }, scope)).Items);
        Assert.Equal(new[] { mine.Id }, (await Svc.ExportAsync(new IvrFlowListQuery(), scope)).Select(r => r.Id));
        Assert.Null(await Svc.GetAsync(_mainMenu.Id, scope));
        Assert.NotNull(await Svc.GetAsync(mine.Id, scope));
    }

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_cannot_create_update_or_delete_demo_flows()
    {
        var scope = TenantScope.Of(OtherTenant);

        Assert.Equal(TenantScope.OutOfScope, (await Svc.CreateAsync(new IvrFlow { TenantId = Demo, Name = "Intruder" }, scope)).Refusal);
        Assert.Equal(1, await CountAsync());

        var flow = (await Svc.GetAsync(_mainMenu.Id, All))!;
        flow.Name = "Hijacked";
        Assert.Equal(TenantScope.OutOfScope, (await Svc.UpdateAsync(flow, scope)).Refusal);
        flow.TenantId = OtherTenant; // claiming the caller's tenant finds nothing to change
        Assert.Equal($"IVR flow {_mainMenu.Id} no longer exists.", (await Svc.UpdateAsync(flow, scope)).Refusal);
        Assert.Equal("Main menu", (await Svc.GetAsync(_mainMenu.Id, All))!.Name);

        Assert.Equal(TenantScope.OutOfScope, (await Svc.DeleteAsync(_mainMenu.Id, scope)).Refusal);
        Assert.NotNull(await Svc.GetAsync(_mainMenu.Id, All));
    }

    [Fact]
    public async Task A_tenant_scoped_caller_manages_its_own_flows_and_all_reaches_every_tenant()
    {
        var scope = TenantScope.Of(OtherTenant);
        Assert.True((await Svc.CreateAsync(new IvrFlow { TenantId = OtherTenant, Name = "Mine" }, scope)).Succeeded);
        var mine = await _db.QueryAsync(c => c.IvrFlows.AsNoTracking().SingleAsync(f => f.TenantId == OtherTenant));
        mine.Description = "Own text";
        Assert.True((await Svc.UpdateAsync(mine, scope)).Succeeded);
        Assert.Equal("Own text", (await Svc.GetAsync(mine.Id, scope))!.Description);

        Assert.Equal(2, (await Svc.ListAsync(new IvrFlowListQuery(), All)).TotalCount);
        var demo = (await Svc.GetAsync(_mainMenu.Id, All))!;
        demo.Description = "By admin";
        Assert.True((await Svc.UpdateAsync(demo, All)).Succeeded);
        Assert.Equal("By admin", (await Svc.GetAsync(demo.Id, All))!.Description);

        Assert.True((await Svc.DeleteAsync(mine.Id, scope)).Succeeded);
        Assert.Null(await Svc.GetAsync(mine.Id, All));
    }
}
