using CallCenter.Domain.AgentStates;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.AgentStates;
using CallCenter.Infrastructure.Demo;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Tests.Support.TestData;

namespace CallCenter.Tests.Infrastructure;

/// <summary>CustomAgentStateService against a real, migrated SQLite file with the demo tenant and tenant 20001 (fresh per test).</summary>
public class CustomAgentStateServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = default!;
    private CustomAgentStateService Svc => _db.Get<CustomAgentStateService>();
    private static readonly TenantScope All = TenantScope.All;
    private const int Demo = DemoData.TenantId;
    private CustomAgentState _dnd = default!;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
        await _db.AddTenantAsync(OtherTenant, "Other Center");
        _dnd = await FindAsync(Demo, 9);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<int> CountAsync() => _db.CountAsync<CustomAgentState>();

    private Task<CustomAgentState> FindAsync(int tenantId, int code) =>
        _db.QueryAsync(c => c.CustomAgentStates.AsNoTracking().SingleAsync(x => x.TenantId == tenantId && x.ReasonCode == code));

    private static CustomAgentState NewState(int code = 10, int tenantId = Demo, string? text = null, string color = "#00ff00") =>
        new() { TenantId = tenantId, ReasonCode = code, ReasonText = text ?? $"Reason {code}", Color = color };

    private async Task<CustomAgentState> AddAsync(CustomAgentState state)
    {
        var r = await Svc.CreateAsync(state, All);
        Assert.True(r.Succeeded, r.Describe());
        return await FindAsync(state.TenantId, state.ReasonCode);
    }

    // ------------------------------------------------------------------ next free code

    [Fact]
    public async Task Next_free_code_is_the_lowest_unused_code_from_9_up()
    {
        Assert.Equal(10, await Svc.NextFreeCodeAsync(Demo, All));          // 9 is the demo's
        Assert.Equal(9, await Svc.NextFreeCodeAsync(OtherTenant, All));    // codes are per tenant

        await AddAsync(NewState(10));
        await AddAsync(NewState(12));
        Assert.Equal(11, await Svc.NextFreeCodeAsync(Demo, All));          // the gap is filled first

        await AddAsync(NewState(11));
        Assert.Equal(13, await Svc.NextFreeCodeAsync(Demo, All));

        Assert.True((await Svc.DeleteAsync(_dnd.Id, All)).Succeeded);
        Assert.Equal(9, await Svc.NextFreeCodeAsync(Demo, All));
    }

    [Fact]
    public async Task Next_free_code_ignores_the_codes_of_other_tenants_and_reveals_nothing_out_of_scope()
    {
        await AddAsync(NewState(9, OtherTenant));
        await AddAsync(NewState(10, OtherTenant));

        Assert.Equal(11, await Svc.NextFreeCodeAsync(OtherTenant, TenantScope.Of(OtherTenant)));
        Assert.Equal(10, await Svc.NextFreeCodeAsync(Demo, TenantScope.Of(Demo)));
        Assert.Equal(9, await Svc.NextFreeCodeAsync(OtherTenant, TenantScope.Of(Demo))); // out of scope: the first custom code
    }

    // ------------------------------------------------------------------ create

    [Theory]
    [InlineData("#ABC", "#aabbcc")]
    [InlineData("#abc", "#aabbcc")]
    [InlineData("#FFCC00", "#ffcc00")]
    [InlineData("#1a2B3c", "#1a2b3c")]
    public async Task Create_normalises_the_colour_to_lower_case_six_digits(string color, string stored)
    {
        var saved = await AddAsync(NewState(color: color));
        Assert.Equal(stored, saved.Color);
    }

    [Fact]
    public async Task Create_writes_a_trimmed_busy_reason_stamped_with_the_clock()
    {
        _db.Clock.Now = FixedClock.Default.AddHours(1);

        var result = await Svc.CreateAsync(new CustomAgentState
        {
            TenantId = Demo, ReasonCode = 42, ReasonText = "  Training ", Color = "#0F0", Enabled = false,
        }, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = await FindAsync(Demo, 42);
        Assert.Equal(AgentState.Busy, saved.State);
        Assert.Equal("Training", saved.ReasonText);
        Assert.Equal("#00ff00", saved.Color);
        Assert.False(saved.Enabled);
        Assert.Equal(FixedClock.Default.AddHours(1).UtcDateTime, saved.CreatedTime);
        Assert.Equal(2, await CountAsync());
    }

    [Theory]
    [InlineData(9)]
    [InlineData(999)]
    public async Task The_first_and_last_custom_codes_are_accepted(int code)
    {
        var saved = await AddAsync(NewState(code, OtherTenant));
        Assert.Equal(code, saved.ReasonCode);
    }

    private static readonly Dictionary<string, (Action<CustomAgentState> Break, string Field, string Message)> Rules = new()
    {
        ["built-in code 8"] = (s => s.ReasonCode = 8, "ReasonCode", "Reason code must be from 9 to 999; 0–8 are built in."),
        ["built-in code 0"] = (s => s.ReasonCode = 0, "ReasonCode", "Reason code must be from 9 to 999; 0–8 are built in."),
        ["code 1000"] = (s => s.ReasonCode = 1000, "ReasonCode", "Reason code must be from 9 to 999; 0–8 are built in."),
        ["empty text"] = (s => s.ReasonText = " ", "ReasonText", "Text is required."),
        ["text of 33"] = (s => s.ReasonText = new string('t', 33), "ReasonText", "Text must be at most 32 characters."),
        ["colour name"] = (s => s.Color = "red", "Color", "Colour must be a hex colour such as #ffcc00."),
        ["colour without #"] = (s => s.Color = "ffcc00", "Color", "Colour must be a hex colour such as #ffcc00."),
        ["colour of 5 digits"] = (s => s.Color = "#ffcc0", "Color", "Colour must be a hex colour such as #ffcc00."),
        ["colour not hex"] = (s => s.Color = "#ggg", "Color", "Colour must be a hex colour such as #ffcc00."),
        ["empty colour"] = (s => s.Color = "", "Color", "Colour must be a hex colour such as #ffcc00."),
        ["ready state"] = (s => s.State = AgentState.Ready, "State", "Custom reasons qualify the busy state (2) only."),
    };

    public static TheoryData<string> RuleNames => new(Rules.Keys);

    [Theory]
    [MemberData(nameof(RuleNames))]
    public async Task Invalid_input_is_refused_on_its_field_and_nothing_is_written(string rule)
    {
        var (breakIt, field, message) = Rules[rule];
        var state = NewState();
        breakIt(state);

        var result = await Svc.CreateAsync(state, All);

        Assert.False(result.Succeeded);
        Assert.Equal(message, result.ErrorFor(field));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Create_without_a_tenant_or_for_a_missing_tenant_is_refused_on_field_TenantId()
    {
        Assert.Equal("Choose a tenant.", (await Svc.CreateAsync(NewState(tenantId: 0), All)).ErrorFor("TenantId"));
        Assert.Equal("Tenant 30003 does not exist.", (await Svc.CreateAsync(NewState(tenantId: 30003), All)).ErrorFor("TenantId"));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Create_with_a_code_in_use_in_the_tenant_is_refused_on_field_ReasonCode()
    {
        var result = await Svc.CreateAsync(NewState(9, text: "Another nine"), All);

        Assert.Equal("Reason code 9 is already defined for tenant 10001.", result.ErrorFor("ReasonCode"));
        Assert.Equal(1, await CountAsync());
        Assert.Equal("免打扰 Do not disturb", (await FindAsync(Demo, 9)).ReasonText);
    }

    [Fact]
    public async Task The_same_code_may_exist_in_another_tenant()
    {
        var theirs = await AddAsync(NewState(9, OtherTenant, "Their nine"));
        Assert.Equal(OtherTenant, theirs.TenantId);
        Assert.Equal(2, await CountAsync());
    }

    // ------------------------------------------------------------------ update

    [Fact]
    public async Task Update_changes_text_colour_and_enabled_but_not_tenant_code_or_creation_time()
    {
        var s = (await Svc.GetAsync(_dnd.Id, All))!;
        s.ReasonText = " Quiet ";
        s.Color = "#F00";
        s.Enabled = false;
        s.ReasonCode = 50;
        s.TenantId = OtherTenant;
        _db.Clock.Now = FixedClock.Default.AddDays(1);

        var result = await Svc.UpdateAsync(s, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = (await Svc.GetAsync(_dnd.Id, All))!;
        Assert.Equal("Quiet", saved.ReasonText);
        Assert.Equal("#ff0000", saved.Color);
        Assert.False(saved.Enabled);
        Assert.Equal(9, saved.ReasonCode);
        Assert.Equal(Demo, saved.TenantId);
        Assert.Equal(FixedClock.Default.UtcDateTime, saved.CreatedTime);
        Assert.Equal(10, await Svc.NextFreeCodeAsync(Demo, All));
    }

    [Fact]
    public async Task Invalid_update_is_refused_and_nothing_changes()
    {
        var s = (await Svc.GetAsync(_dnd.Id, All))!;
        s.ReasonText = "";
        s.Color = "grey";
        s.Enabled = false;

        var result = await Svc.UpdateAsync(s, All);

        Assert.Equal("Text is required.", result.ErrorFor("ReasonText"));
        Assert.Equal("Colour must be a hex colour such as #ffcc00.", result.ErrorFor("Color"));
        var saved = (await Svc.GetAsync(_dnd.Id, All))!;
        Assert.Equal("免打扰 Do not disturb", saved.ReasonText);
        Assert.Equal("#9e9e9e", saved.Color);
        Assert.True(saved.Enabled);
    }

    [Fact]
    public async Task Update_of_a_missing_state_is_refused()
    {
        var result = await Svc.UpdateAsync(new CustomAgentState { Id = 999, TenantId = Demo, ReasonCode = 10, ReasonText = "Ghost" }, All);
        Assert.Equal("This agent state no longer exists.", result.Refusal);
        Assert.Equal(1, await CountAsync());
    }

    // ------------------------------------------------------------------ list, search, sort, paging

    [Fact]
    public async Task List_shows_the_demo_state_with_its_tenant_name()
    {
        var page = await Svc.ListAsync(new CustomAgentStateListQuery(), All);

        var row = Assert.Single(page.Items);
        Assert.Equal(_dnd.Id, row.Id);
        Assert.Equal("Demo Call Center", row.TenantName);
        Assert.Equal(9, row.ReasonCode);
        Assert.Equal("免打扰 Do not disturb", row.ReasonText);
        Assert.Equal("#9e9e9e", row.Color);
        Assert.True(row.Enabled);
        Assert.Equal(1, page.TotalCount);
    }

    [Theory]
    [InlineData("10", new[] { 10 })]            // code
    [InlineData("9", new[] { 9, 12, 13 })]      // code 9 (and its colour), and the texts with a 9
    [InlineData("training", new[] { 10 })]      // text, case-insensitive
    [InlineData("免打扰", new[] { 9 })]
    [InlineData("#00FF", new[] { 10 })]          // colour
    [InlineData("t_9", new[] { 12 })]           // '_' is literal: not "Meetx9am"
    [InlineData("nothing-like-this", new int[0])]
    public async Task Search_matches_code_text_or_colour(string search, int[] codes)
    {
        await AddAsync(NewState(10, text: "Training", color: "#00ff00"));
        await AddAsync(NewState(12, text: "Meet_9am", color: "#123456"));
        await AddAsync(NewState(13, text: "Meetx9am", color: "#654321"));

        var page = await Svc.ListAsync(new CustomAgentStateListQuery { Search = search }, All);

        Assert.Equal(codes, page.Items.Select(r => r.ReasonCode).ToArray());
        Assert.Equal(codes.Length, page.TotalCount);
    }

    [Fact]
    public async Task List_sorts_by_tenant_and_code_text_and_enabled()
    {
        await AddAsync(new CustomAgentState { TenantId = Demo, ReasonCode = 11, ReasonText = "Alpha", Color = "#111", Enabled = false });
        await AddAsync(new CustomAgentState { TenantId = Demo, ReasonCode = 100, ReasonText = "Zulu", Color = "#222" });
        await AddAsync(new CustomAgentState { TenantId = OtherTenant, ReasonCode = 9, ReasonText = "Beta", Color = "#333" });

        async Task<string[]> Keys(string? sort, bool desc = false) =>
            (await Svc.ListAsync(new CustomAgentStateListQuery { SortBy = sort, Descending = desc }, All)).Items
                .Select(r => $"{r.TenantId}:{r.ReasonCode}").ToArray();

        Assert.Equal(new[] { "10001:9", "10001:11", "10001:100", "20001:9" }, await Keys(null)); // codes numerically
        Assert.Equal(new[] { "10001:100", "10001:11", "10001:9", "20001:9" }, await Keys(null, true)); // codes descending within each tenant
        Assert.Equal(new[] { "10001:11", "20001:9", "10001:100", "10001:9" }, await Keys("ReasonText")); // Alpha, Beta, Zulu, 免打扰…
        Assert.Equal("10001:11", (await Keys("Enabled"))[0]);
        Assert.Equal("10001:11", (await Keys("Enabled", true))[^1]);
        Assert.Equal(new[] { "10001:9", "10001:11", "10001:100", "20001:9" }, await Keys("CreatedTime")); // ties by id
    }

    [Fact]
    public async Task List_pages_and_export_returns_every_row()
    {
        for (var code = 10; code <= 20; code++) await AddAsync(NewState(code));

        var page = await Svc.ListAsync(new CustomAgentStateListQuery { Page = 3, PageSize = 5 }, All);

        Assert.Equal(12, page.TotalCount);
        Assert.Equal(new[] { 19, 20 }, page.Items.Select(r => r.ReasonCode));
        Assert.Equal(12, (await Svc.ExportAsync(new CustomAgentStateListQuery { PageSize = 5 }, All)).Count);
    }

    // ------------------------------------------------------------------ delete

    [Fact]
    public async Task Delete_removes_the_state_and_frees_its_code()
    {
        Assert.True((await Svc.DeleteAsync(_dnd.Id, All)).Succeeded);

        Assert.Null(await Svc.GetAsync(_dnd.Id, All));
        Assert.Equal(0, await CountAsync());
        Assert.Equal(9, (await AddAsync(NewState(9))).ReasonCode);
    }

    [Fact]
    public async Task Delete_of_a_missing_state_is_refused()
    {
        Assert.Equal("This agent state no longer exists.", (await Svc.DeleteAsync(999, All)).Refusal);
    }

    // ------------------------------------------------------------------ tenant scope

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_neither_lists_nor_gets_demo_states()
    {
        var mine = await AddAsync(NewState(9, OtherTenant));
        var scope = TenantScope.Of(OtherTenant);

        var list = await Svc.ListAsync(new CustomAgentStateListQuery(), scope);
        Assert.Equal(new[] { mine.Id }, list.Items.Select(r => r.Id));
        Assert.Equal(1, list.TotalCount);
        Assert.Equal(new[] { mine.Id }, (await Svc.ListAsync(new CustomAgentStateListQuery { TenantId = Demo }, scope)).Items.Select(r => r.Id));
        Assert.Empty((await Svc.ListAsync(new CustomAgentStateListQuery { Search = "disturb" }, scope)).Items);
        Assert.Equal(new[] { mine.Id }, (await Svc.ExportAsync(new CustomAgentStateListQuery(), scope)).Select(r => r.Id));
        Assert.Null(await Svc.GetAsync(_dnd.Id, scope));
        Assert.NotNull(await Svc.GetAsync(mine.Id, scope));
    }

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_cannot_create_update_or_delete_demo_states()
    {
        var scope = TenantScope.Of(OtherTenant);

        Assert.Equal(TenantScope.OutOfScope, (await Svc.CreateAsync(NewState(10), scope)).Refusal);
        Assert.Equal(1, await CountAsync());

        var s = (await Svc.GetAsync(_dnd.Id, All))!;
        s.ReasonText = "Hijacked";
        s.TenantId = OtherTenant;
        Assert.Equal(TenantScope.OutOfScope, (await Svc.UpdateAsync(s, scope)).Refusal);
        Assert.Equal("免打扰 Do not disturb", (await Svc.GetAsync(_dnd.Id, All))!.ReasonText);

        Assert.Equal(TenantScope.OutOfScope, (await Svc.DeleteAsync(_dnd.Id, scope)).Refusal);
        Assert.NotNull(await Svc.GetAsync(_dnd.Id, All));
    }

    [Fact]
    public async Task A_tenant_scoped_caller_manages_its_own_states_and_all_reaches_every_tenant()
    {
        var scope = TenantScope.Of(OtherTenant);
        Assert.True((await Svc.CreateAsync(NewState(9, OtherTenant), scope)).Succeeded);
        var mine = await FindAsync(OtherTenant, 9);
        mine.ReasonText = "Mine";
        Assert.True((await Svc.UpdateAsync(mine, scope)).Succeeded);
        Assert.Equal("Mine", (await Svc.GetAsync(mine.Id, scope))!.ReasonText);

        Assert.Equal(2, (await Svc.ListAsync(new CustomAgentStateListQuery(), All)).TotalCount);
        var demo = (await Svc.GetAsync(_dnd.Id, All))!;
        demo.Enabled = false;
        Assert.True((await Svc.UpdateAsync(demo, All)).Succeeded);
        Assert.False((await Svc.GetAsync(_dnd.Id, All))!.Enabled);

        Assert.True((await Svc.DeleteAsync(mine.Id, scope)).Succeeded);
        Assert.Null(await Svc.GetAsync(mine.Id, All));
    }
}
