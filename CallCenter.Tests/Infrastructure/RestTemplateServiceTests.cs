using CallCenter.Domain.Departments;
using CallCenter.Domain.RestTemplates;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.RestTemplates;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Tests.Support.TestData;

namespace CallCenter.Tests.Infrastructure;

/// <summary>RestTemplateService against a real, migrated SQLite file with the demo tenant and tenant 20001 (fresh per test).</summary>
public class RestTemplateServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = default!;
    private RestTemplateService Svc => _db.Get<RestTemplateService>();
    private static readonly TenantScope All = TenantScope.All;
    private const int Demo = DemoData.TenantId;
    private const string LunchOverlap = "Overlaps the period of 'Lunch' (11:30–13:30).";
    private RestTemplate _lunch = default!;
    private RestTemplate _shortBreak = default!;
    private int _customerService;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
        await _db.AddTenantAsync(OtherTenant, "Other Center");
        _lunch = await FindAsync(Demo, "Lunch");
        _shortBreak = await FindAsync(Demo, "Short break");
        _customerService = await _db.QueryAsync(c => c.Departments.Where(d => d.Name == "Customer Service").Select(d => d.Id).SingleAsync());
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<int> CountAsync() => _db.CountAsync<RestTemplate>();

    private Task<RestTemplate> FindAsync(int tenantId, string name) =>
        _db.QueryAsync(c => c.RestTemplates.AsNoTracking().SingleAsync(x => x.TenantId == tenantId && x.Name == name));

    private static TimeOnly T(string hhmm) => TimeOnly.Parse(hhmm);

    private static RestTemplate NewTemplate(string name = "Tea", string? start = null, string? end = null, int tenantId = Demo) => new()
    {
        TenantId = tenantId, Name = name, Duration = 600,
        StartStamp = start is null ? null : T(start), EndStamp = end is null ? null : T(end),
    };

    private async Task<RestTemplate> AddAsync(RestTemplate template)
    {
        var r = await Svc.CreateAsync(template, All);
        Assert.True(r.Succeeded, r.Describe());
        return await FindAsync(template.TenantId, template.Name.Trim());
    }

    // ------------------------------------------------------------------ create

    [Fact]
    public async Task Create_writes_a_trimmed_template_with_its_period_stamped_with_the_clock()
    {
        _db.Clock.Now = FixedClock.Default.AddHours(6);

        var result = await Svc.CreateAsync(new RestTemplate
        {
            TenantId = Demo, Name = "  Tea ", Duration = 1200, TypeCode = " 2 ", DepartmentId = _customerService,
            StartStamp = T("15:00"), EndStamp = T("15:30"), RestNum = 3,
        }, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = await FindAsync(Demo, "Tea");
        Assert.Equal(1200, saved.Duration);
        Assert.Equal("2", saved.TypeCode);
        Assert.Equal(_customerService, saved.DepartmentId);
        Assert.Equal(T("15:00"), saved.StartStamp);
        Assert.Equal(T("15:30"), saved.EndStamp);
        Assert.Equal(3, saved.RestNum);
        Assert.Equal(FixedClock.Default.AddHours(6).UtcDateTime, saved.CreatedTime);
        Assert.Equal(3, await CountAsync());
    }

    [Fact]
    public async Task Create_without_a_period_type_or_department_is_allowed()
    {
        var template = NewTemplate();
        template.TypeCode = "  ";

        var saved = await AddAsync(template);

        Assert.Null(saved.StartStamp);
        Assert.Null(saved.EndStamp);
        Assert.Null(saved.TypeCode);
        Assert.Null(saved.DepartmentId);
    }

    private static readonly Dictionary<string, (Action<RestTemplate> Break, string Field, string Message)> Rules = new()
    {
        ["empty name"] = (t => t.Name = " ", "Name", "Name is required."),
        ["name of 65"] = (t => t.Name = new string('n', 65), "Name", "Name must be at most 64 characters."),
        ["length 59 s"] = (t => t.Duration = 59, "Duration", "Rest length (s) must be between 60 and 86400."),
        ["length 86401 s"] = (t => t.Duration = 86_401, "Duration", "Rest length (s) must be between 60 and 86400."),
        ["type code of 33"] = (t => t.TypeCode = new string('t', 33), "TypeCode", "Business type code must be at most 32 characters."),
        ["rest limit -1"] = (t => t.RestNum = -1, "RestNum", "Rest limit must be between 0 and 10000."),
        ["rest limit 10001"] = (t => t.RestNum = 10_001, "RestNum", "Rest limit must be between 0 and 10000."),
        ["start without end"] = (t => t.StartStamp = T("15:00"), "EndStamp", "Give both the period start and end, or neither."),
        ["end without start"] = (t => t.EndStamp = T("15:00"), "StartStamp", "Give both the period start and end, or neither."),
        ["end equal to start"] = (t => { t.StartStamp = T("15:00"); t.EndStamp = T("15:00"); }, "EndStamp", "Period end must be later than its start."),
        ["end before start (crossing midnight)"] = (t => { t.StartStamp = T("23:00"); t.EndStamp = T("01:00"); }, "EndStamp", "Period end must be later than its start."),
    };

    public static TheoryData<string> RuleNames => new(Rules.Keys);

    [Theory]
    [MemberData(nameof(RuleNames))]
    public async Task Invalid_input_is_refused_on_its_field_and_nothing_is_written(string rule)
    {
        var (breakIt, field, message) = Rules[rule];
        var template = NewTemplate();
        breakIt(template);

        var result = await Svc.CreateAsync(template, All);

        Assert.False(result.Succeeded);
        Assert.Equal(message, result.ErrorFor(field));
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Create_without_a_tenant_or_for_a_missing_tenant_is_refused_on_field_TenantId()
    {
        Assert.Equal("Choose a tenant.", (await Svc.CreateAsync(NewTemplate(tenantId: 0), All)).ErrorFor("TenantId"));
        Assert.Equal("Tenant 30003 does not exist.", (await Svc.CreateAsync(NewTemplate(tenantId: 30003), All)).ErrorFor("TenantId"));
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Create_with_a_name_in_use_in_the_tenant_is_refused_on_field_Name()
    {
        var result = await Svc.CreateAsync(NewTemplate(" Lunch "), All);

        Assert.Equal("A rest template named 'Lunch' already exists in tenant 10001.", result.ErrorFor("Name"));
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task The_same_name_and_period_may_exist_in_another_tenant()
    {
        var theirs = await AddAsync(NewTemplate("Lunch", "11:30", "13:30", OtherTenant));
        Assert.Equal(OtherTenant, theirs.TenantId);
        Assert.Equal(3, await CountAsync());
    }

    // ------------------------------------------------------------------ periods must not overlap (§7.4)

    [Theory]
    [InlineData("13:00", "14:00")] // partial overlap at the end
    [InlineData("10:00", "11:45")] // partial overlap at the start
    [InlineData("12:00", "12:30")] // inside
    [InlineData("11:00", "14:00")] // around
    [InlineData("11:30", "13:30")] // identical
    [InlineData("13:30", "14:00")] // shares the boundary second
    public async Task Create_with_a_period_overlapping_lunch_is_refused_with_its_name_and_period(string start, string end)
    {
        var result = await Svc.CreateAsync(NewTemplate("Tea", start, end), All);

        Assert.False(result.Succeeded);
        Assert.Equal(LunchOverlap, result.ErrorFor("StartStamp"));
        Assert.Equal(2, await CountAsync());
    }

    [Theory]
    [InlineData("09:00", "11:29")]
    [InlineData("13:31", "14:00")]
    public async Task Create_with_a_period_beside_lunch_is_allowed(string start, string end)
    {
        var saved = await AddAsync(NewTemplate("Tea", start, end));
        Assert.Equal(T(start), saved.StartStamp);
    }

    [Fact]
    public async Task An_overlap_with_several_periods_names_the_earliest()
    {
        await AddAsync(NewTemplate("Tea", "15:00", "15:30"));
        await AddAsync(NewTemplate("Breakfast", "08:00", "08:30"));

        var result = await Svc.CreateAsync(NewTemplate("All day", "08:15", "16:00"), All);

        Assert.Equal("Overlaps the period of 'Breakfast' (08:00–08:30).", result.ErrorFor("StartStamp"));
        Assert.Equal(4, await CountAsync());
    }

    [Fact]
    public async Task Editing_lunch_does_not_overlap_itself()
    {
        var lunch = (await Svc.GetAsync(_lunch.Id, All))!;
        lunch.Duration = 2700;

        Assert.True((await Svc.UpdateAsync(lunch, All)).Succeeded); // same period

        lunch.StartStamp = T("11:00");
        lunch.EndStamp = T("13:00");
        Assert.True((await Svc.UpdateAsync(lunch, All)).Succeeded); // moved over its own old period

        var saved = (await Svc.GetAsync(_lunch.Id, All))!;
        Assert.Equal(T("11:00"), saved.StartStamp);
        Assert.Equal(T("13:00"), saved.EndStamp);
        Assert.Equal(2700, saved.Duration);
    }

    [Fact]
    public async Task Editing_another_template_into_lunch_is_refused_and_nothing_changes()
    {
        var brk = (await Svc.GetAsync(_shortBreak.Id, All))!;
        brk.StartStamp = T("12:00");
        brk.EndStamp = T("12:15");
        brk.Duration = 1800;

        var result = await Svc.UpdateAsync(brk, All);

        Assert.Equal(LunchOverlap, result.ErrorFor("StartStamp"));
        var saved = (await Svc.GetAsync(_shortBreak.Id, All))!;
        Assert.Null(saved.StartStamp);
        Assert.Null(saved.EndStamp);
        Assert.Equal(900, saved.Duration);
    }

    [Fact]
    public async Task Templates_without_a_period_never_overlap()
    {
        await AddAsync(NewTemplate("Coffee"));
        await AddAsync(NewTemplate("Water"));
        var brk = (await Svc.GetAsync(_shortBreak.Id, All))!;
        brk.Duration = 300;

        Assert.True((await Svc.UpdateAsync(brk, All)).Succeeded);
        Assert.Equal(300, (await Svc.GetAsync(_shortBreak.Id, All))!.Duration);
        Assert.Equal(4, await CountAsync());
    }

    // ------------------------------------------------------------------ department of the template's tenant

    [Fact]
    public async Task A_department_of_another_tenant_is_refused_on_create_and_update()
    {
        var theirs = await _db.AddAsync(new Department { TenantId = OtherTenant, Name = "Theirs" });
        var template = NewTemplate();
        template.DepartmentId = theirs.Id;

        Assert.Equal($"Department {theirs.Id} does not belong to tenant 10001.", (await Svc.CreateAsync(template, All)).ErrorFor("DepartmentId"));
        Assert.Equal(2, await CountAsync());

        var lunch = (await Svc.GetAsync(_lunch.Id, All))!;
        lunch.DepartmentId = theirs.Id;
        Assert.Equal($"Department {theirs.Id} does not belong to tenant 10001.", (await Svc.UpdateAsync(lunch, All)).ErrorFor("DepartmentId"));
        Assert.Equal(_customerService, (await Svc.GetAsync(_lunch.Id, All))!.DepartmentId);

        template.DepartmentId = 999;
        Assert.Equal("Department 999 does not belong to tenant 10001.", (await Svc.CreateAsync(template, All)).ErrorFor("DepartmentId"));
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task A_department_of_the_same_tenant_is_accepted()
    {
        var template = NewTemplate();
        template.DepartmentId = _customerService;
        Assert.Equal(_customerService, (await AddAsync(template)).DepartmentId);

        var theirDepartment = await _db.AddAsync(new Department { TenantId = OtherTenant, Name = "Theirs" });
        var theirs = NewTemplate(tenantId: OtherTenant);
        theirs.DepartmentId = theirDepartment.Id;
        Assert.Equal(theirDepartment.Id, (await AddAsync(theirs)).DepartmentId);
    }

    [Fact]
    public async Task Department_options_list_the_tenants_departments_by_name()
    {
        var billing = await _db.AddAsync(new Department { TenantId = Demo, Name = "Billing" });
        await _db.AddAsync(new Department { TenantId = OtherTenant, Name = "Theirs" });

        Assert.Equal(new[] { (billing.Id, "Billing"), (_customerService, "Customer Service") }, await Svc.DepartmentOptionsAsync(Demo, All));
        Assert.Empty(await Svc.DepartmentOptionsAsync(Demo, TenantScope.Of(OtherTenant)));
        Assert.Equal(new[] { "Theirs" }, (await Svc.DepartmentOptionsAsync(OtherTenant, TenantScope.Of(OtherTenant))).Select(o => o.Name));
    }

    // ------------------------------------------------------------------ update

    [Fact]
    public async Task Update_changes_everything_but_tenant_and_creation_time()
    {
        var brk = (await Svc.GetAsync(_shortBreak.Id, All))!;
        brk.TenantId = OtherTenant;
        brk.Name = " Long break ";
        brk.Duration = 1800;
        brk.TypeCode = "3";
        brk.DepartmentId = _customerService;
        brk.StartStamp = T("16:00");
        brk.EndStamp = T("16:30");
        brk.RestNum = 5;
        _db.Clock.Now = FixedClock.Default.AddDays(1);

        var result = await Svc.UpdateAsync(brk, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = (await Svc.GetAsync(_shortBreak.Id, All))!;
        Assert.Equal(Demo, saved.TenantId);
        Assert.Equal("Long break", saved.Name);
        Assert.Equal(1800, saved.Duration);
        Assert.Equal("3", saved.TypeCode);
        Assert.Equal(_customerService, saved.DepartmentId);
        Assert.Equal(T("16:00"), saved.StartStamp);
        Assert.Equal(T("16:30"), saved.EndStamp);
        Assert.Equal(5, saved.RestNum);
        Assert.Equal(FixedClock.Default.UtcDateTime, saved.CreatedTime);
    }

    [Fact]
    public async Task Update_to_the_name_of_another_template_is_refused_and_keeping_its_own_is_allowed()
    {
        var brk = (await Svc.GetAsync(_shortBreak.Id, All))!;
        brk.Name = "Lunch";

        Assert.Equal("A rest template named 'Lunch' already exists in tenant 10001.", (await Svc.UpdateAsync(brk, All)).ErrorFor("Name"));
        Assert.Equal("Short break", (await Svc.GetAsync(_shortBreak.Id, All))!.Name);

        var lunch = (await Svc.GetAsync(_lunch.Id, All))!;
        lunch.RestNum = 4;
        Assert.True((await Svc.UpdateAsync(lunch, All)).Succeeded);
        Assert.Equal(4, (await Svc.GetAsync(_lunch.Id, All))!.RestNum);
    }

    [Fact]
    public async Task Invalid_update_is_refused_and_nothing_changes()
    {
        var lunch = (await Svc.GetAsync(_lunch.Id, All))!;
        lunch.Duration = 10;
        lunch.EndStamp = null;

        var result = await Svc.UpdateAsync(lunch, All);

        Assert.Equal("Rest length (s) must be between 60 and 86400.", result.ErrorFor("Duration"));
        Assert.Equal("Give both the period start and end, or neither.", result.ErrorFor("EndStamp"));
        var saved = (await Svc.GetAsync(_lunch.Id, All))!;
        Assert.Equal(3600, saved.Duration);
        Assert.Equal(T("13:30"), saved.EndStamp);
    }

    [Fact]
    public async Task Update_of_a_missing_template_is_refused()
    {
        var result = await Svc.UpdateAsync(new RestTemplate { Id = 999, TenantId = Demo, Name = "Ghost", Duration = 600 }, All);
        Assert.Equal("This rest template no longer exists.", result.Refusal);
        Assert.Equal(2, await CountAsync());
    }

    // ------------------------------------------------------------------ list, search, sort, paging

    [Fact]
    public async Task List_rows_carry_tenant_department_and_period()
    {
        var page = await Svc.ListAsync(new RestTemplateListQuery(), All);

        Assert.Equal(2, page.TotalCount);
        Assert.Equal(new[] { "Lunch", "Short break" }, page.Items.Select(r => r.Name));
        var lunch = page.Items[0];
        Assert.Equal("Demo Call Center", lunch.TenantName);
        Assert.Equal("Customer Service", lunch.DepartmentName);
        Assert.Equal("11:30–13:30", lunch.Period);
        Assert.Equal(3600, lunch.Duration);
        Assert.Equal(2, lunch.RestNum);
        Assert.Equal("1", lunch.TypeCode);
        var brk = page.Items[1];
        Assert.Null(brk.DepartmentName);
        Assert.Equal("any time", brk.Period);
    }

    [Theory]
    [InlineData("LUNCH", new[] { "Lunch" })]              // name, case-insensitive
    [InlineData("break", new[] { "Short break" })]
    [InlineData("vip", new[] { "Tea" })]                  // business type code
    [InlineData("v_p", new[] { "Tea" })]                  // '_' is literal: not Coffee's "vxp"
    [InlineData("nothing-like-this", new string[0])]
    public async Task Search_matches_name_or_type_code_literally(string search, string[] expected)
    {
        var tea = NewTemplate("Tea");
        tea.TypeCode = "vip v_p";
        await AddAsync(tea);
        var coffee = NewTemplate("Coffee");
        coffee.TypeCode = "vxp";
        await AddAsync(coffee);

        var page = await Svc.ListAsync(new RestTemplateListQuery { Search = search }, All);

        Assert.Equal(expected, page.Items.Select(r => r.Name).ToArray());
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task List_sorts_by_tenant_and_name_length_period_and_limit()
    {
        await AddAsync(new RestTemplate { TenantId = Demo, Name = "Breakfast", Duration = 1200, StartStamp = T("08:00"), EndStamp = T("08:30"), RestNum = 1 });
        await AddAsync(new RestTemplate { TenantId = OtherTenant, Name = "Alpha", Duration = 60, RestNum = 9 });

        async Task<string[]> Names(string? sort, bool desc = false) =>
            (await Svc.ListAsync(new RestTemplateListQuery { SortBy = sort, Descending = desc }, All)).Items.Select(r => r.Name).ToArray();

        Assert.Equal(new[] { "Breakfast", "Lunch", "Short break", "Alpha" }, await Names(null));
        Assert.Equal(new[] { "Alpha", "Breakfast", "Lunch", "Short break" }, await Names("TenantId", true));
        Assert.Equal(new[] { "Alpha", "Breakfast", "Lunch", "Short break" }, await Names("Name"));
        Assert.Equal(new[] { "Short break", "Lunch", "Breakfast", "Alpha" }, await Names("Name", true));
        Assert.Equal(new[] { "Alpha", "Short break", "Breakfast", "Lunch" }, await Names("Duration"));
        Assert.Equal(new[] { "Lunch", "Breakfast", "Short break", "Alpha" }, await Names("Duration", true));
        Assert.Equal(new[] { "Breakfast", "Lunch" }, (await Names("StartStamp")).TakeLast(2));     // without a period first
        Assert.Equal(new[] { "Lunch", "Breakfast" }, (await Names("StartStamp", true)).Take(2));
        Assert.Equal(new[] { "Alpha", "Lunch", "Breakfast", "Short break" }, await Names("RestNum", true));
    }

    [Fact]
    public async Task List_pages_and_export_returns_every_row()
    {
        for (var i = 1; i <= 9; i++) await AddAsync(NewTemplate($"Break {i}", tenantId: OtherTenant));

        var page = await Svc.ListAsync(new RestTemplateListQuery { TenantId = OtherTenant, Page = 2, PageSize = 4 }, All);

        Assert.Equal(9, page.TotalCount);
        Assert.Equal(new[] { "Break 5", "Break 6", "Break 7", "Break 8" }, page.Items.Select(r => r.Name));
        Assert.Equal(11, (await Svc.ExportAsync(new RestTemplateListQuery { PageSize = 4 }, All)).Count);
    }

    // ------------------------------------------------------------------ delete

    [Fact]
    public async Task Delete_removes_a_template_and_frees_its_period()
    {
        Assert.True((await Svc.DeleteAsync(_lunch.Id, All)).Succeeded);

        Assert.Null(await Svc.GetAsync(_lunch.Id, All));
        Assert.Equal(1, await CountAsync());
        await AddAsync(NewTemplate("Late lunch", "12:00", "14:00")); // no longer overlaps anything
    }

    [Fact]
    public async Task Delete_of_a_missing_template_is_refused()
    {
        Assert.Equal("This rest template no longer exists.", (await Svc.DeleteAsync(999, All)).Refusal);
    }

    // ------------------------------------------------------------------ tenant scope

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_neither_lists_nor_gets_demo_templates()
    {
        var mine = await AddAsync(NewTemplate("Mine", tenantId: OtherTenant));
        var scope = TenantScope.Of(OtherTenant);

        var list = await Svc.ListAsync(new RestTemplateListQuery(), scope);
        Assert.Equal(new[] { mine.Id }, list.Items.Select(r => r.Id));
        Assert.Equal(1, list.TotalCount);
        Assert.Equal(new[] { mine.Id }, (await Svc.ListAsync(new RestTemplateListQuery { TenantId = Demo }, scope)).Items.Select(r => r.Id));
        Assert.Equal(new[] { mine.Id }, (await Svc.ExportAsync(new RestTemplateListQuery(), scope)).Select(r => r.Id));
        Assert.Null(await Svc.GetAsync(_lunch.Id, scope));
        Assert.NotNull(await Svc.GetAsync(mine.Id, scope));
    }

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_cannot_create_update_or_delete_demo_templates()
    {
        var scope = TenantScope.Of(OtherTenant);

        Assert.Equal(TenantScope.OutOfScope, (await Svc.CreateAsync(NewTemplate("Intruder"), scope)).Refusal);
        Assert.Equal(2, await CountAsync());

        var lunch = (await Svc.GetAsync(_lunch.Id, All))!;
        lunch.Duration = 60;
        lunch.TenantId = OtherTenant;
        Assert.Equal(TenantScope.OutOfScope, (await Svc.UpdateAsync(lunch, scope)).Refusal);
        Assert.Equal(3600, (await Svc.GetAsync(_lunch.Id, All))!.Duration);

        Assert.Equal(TenantScope.OutOfScope, (await Svc.DeleteAsync(_lunch.Id, scope)).Refusal);
        Assert.NotNull(await Svc.GetAsync(_lunch.Id, All));
    }

    [Fact]
    public async Task A_tenant_scoped_caller_manages_its_own_templates_and_all_reaches_every_tenant()
    {
        var scope = TenantScope.Of(OtherTenant);
        Assert.True((await Svc.CreateAsync(NewTemplate("Mine", "11:30", "13:30", OtherTenant), scope)).Succeeded);
        var mine = await FindAsync(OtherTenant, "Mine");
        mine.Duration = 1200;
        Assert.True((await Svc.UpdateAsync(mine, scope)).Succeeded);
        Assert.Equal(1200, (await Svc.GetAsync(mine.Id, scope))!.Duration);

        Assert.Equal(3, (await Svc.ListAsync(new RestTemplateListQuery(), All)).TotalCount);
        var lunch = (await Svc.GetAsync(_lunch.Id, All))!;
        lunch.Duration = 1800;
        Assert.True((await Svc.UpdateAsync(lunch, All)).Succeeded);
        Assert.Equal(1800, (await Svc.GetAsync(_lunch.Id, All))!.Duration);

        Assert.True((await Svc.DeleteAsync(mine.Id, scope)).Succeeded);
        Assert.Null(await Svc.GetAsync(mine.Id, All));
    }
}
