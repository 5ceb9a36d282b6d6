using CallCenter.Domain.Departments;
using CallCenter.Domain.RestTemplates;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Departments;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Tests.Support.TestData;

namespace CallCenter.Tests.Infrastructure;

/// <summary>DepartmentService against a real, migrated SQLite file with the demo tenant and tenant 20001 (fresh per test).</summary>
public class DepartmentServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = default!;
    private DepartmentService Svc => _db.Get<DepartmentService>();
    private static readonly TenantScope All = TenantScope.All;
    private const int Demo = DemoData.TenantId;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
        await _db.AddTenantAsync(OtherTenant);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<int> CountAsync() => _db.CountAsync<Department>();

    private Task<Department> DemoDepartmentAsync() =>
        _db.QueryAsync(c => c.Departments.AsNoTracking().SingleAsync(d => d.Name == "Customer Service"));

    private async Task<int> AddAsync(int tenantId, string name, string? description = null)
    {
        var r = await Svc.CreateAsync(new Department { TenantId = tenantId, Name = name, Description = description }, All);
        Assert.True(r.Succeeded, r.Describe());
        return await _db.QueryAsync(c => c.Departments.Where(d => d.TenantId == tenantId && d.Name == name).Select(d => d.Id).SingleAsync());
    }

    // ------------------------------------------------------------------ create

    [Fact]
    public async Task Create_writes_a_trimmed_department_stamped_with_the_clock()
    {
        _db.Clock.Now = FixedClock.Default.AddHours(3);

        var result = await Svc.CreateAsync(new Department { TenantId = Demo, Name = "  Sales  ", Description = "  Outbound team " }, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = await _db.QueryAsync(c => c.Departments.AsNoTracking().SingleAsync(d => d.Name == "Sales"));
        Assert.Equal(Demo, saved.TenantId);
        Assert.Equal("Outbound team", saved.Description);
        Assert.Equal(FixedClock.Default.AddHours(3).UtcDateTime, saved.CreatedTime);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Create_stores_a_blank_description_as_null()
    {
        var id = await AddAsync(Demo, "Sales", "   ");
        Assert.Null((await Svc.GetAsync(id, All))!.Description);
    }

    public static TheoryData<string, string?, string, string> InvalidInputs => new()
    {
        { "", null, "Name", "Name is required." },
        { "   ", null, "Name", "Name is required." },
        { new string('x', 65), null, "Name", "Name must be at most 64 characters." },
        { "Sales", new string('x', 501), "Description", "Description must be at most 500 characters." },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Invalid_input_is_refused_on_its_field_and_nothing_is_written(string name, string? description, string field, string message)
    {
        var result = await Svc.CreateAsync(new Department { TenantId = Demo, Name = name, Description = description }, All);

        Assert.False(result.Succeeded);
        Assert.Equal(message, result.ErrorFor(field));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Create_without_a_tenant_is_refused_on_field_TenantId()
    {
        var result = await Svc.CreateAsync(new Department { Name = "Sales" }, All);

        Assert.False(result.Succeeded);
        Assert.Equal("Choose a tenant.", result.ErrorFor("TenantId"));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Create_for_a_missing_tenant_is_refused_on_field_TenantId()
    {
        var result = await Svc.CreateAsync(new Department { TenantId = 30003, Name = "Sales" }, All);

        Assert.Equal("Tenant 30003 does not exist.", result.ErrorFor("TenantId"));
        Assert.Equal(1, await CountAsync());
    }

    [Theory]
    [InlineData("Customer Service")]
    [InlineData("  customer SERVICE ")] // case and surrounding spaces do not make a new name
    public async Task Create_with_a_name_in_use_in_the_tenant_is_refused_on_field_Name(string name)
    {
        var result = await Svc.CreateAsync(new Department { TenantId = Demo, Name = name }, All);

        Assert.False(result.Succeeded);
        Assert.Equal($"Department {name.Trim()} already exists in tenant 10001.", result.ErrorFor("Name"));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task The_same_name_may_exist_in_another_tenant()
    {
        var id = await AddAsync(OtherTenant, "Customer Service");

        var saved = (await Svc.GetAsync(id, All))!;
        Assert.Equal(OtherTenant, saved.TenantId);
        Assert.Equal(2, await CountAsync());
    }

    // ------------------------------------------------------------------ update

    [Fact]
    public async Task Update_changes_name_and_description_but_not_tenant_or_creation_time()
    {
        var d = await DemoDepartmentAsync();
        d.Name = " Front line ";
        d.Description = " Everyone ";
        d.TenantId = OtherTenant; // ignored: a department stays in its tenant
        _db.Clock.Now = FixedClock.Default.AddDays(1);

        var result = await Svc.UpdateAsync(d, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = (await Svc.GetAsync(d.Id, All))!;
        Assert.Equal("Front line", saved.Name);
        Assert.Equal("Everyone", saved.Description);
        Assert.Equal(Demo, saved.TenantId);
        Assert.Equal(FixedClock.Default.UtcDateTime, saved.CreatedTime);
    }

    [Fact]
    public async Task Update_may_keep_its_own_name_or_change_only_its_case()
    {
        var d = await DemoDepartmentAsync();
        d.Name = "CUSTOMER SERVICE";

        var result = await Svc.UpdateAsync(d, All);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal("CUSTOMER SERVICE", (await Svc.GetAsync(d.Id, All))!.Name);
    }

    [Fact]
    public async Task Update_to_the_name_of_another_department_is_refused_and_nothing_changes()
    {
        var salesId = await AddAsync(Demo, "Sales", "Sellers");
        var sales = (await Svc.GetAsync(salesId, All))!;
        sales.Name = "customer service";
        sales.Description = "changed";

        var result = await Svc.UpdateAsync(sales, All);

        Assert.False(result.Succeeded);
        Assert.Equal("Department customer service already exists in tenant 10001.", result.ErrorFor("Name"));
        var saved = (await Svc.GetAsync(salesId, All))!;
        Assert.Equal("Sales", saved.Name);
        Assert.Equal("Sellers", saved.Description);
    }

    [Fact]
    public async Task Invalid_update_is_refused_and_nothing_changes()
    {
        var d = await DemoDepartmentAsync();
        d.Name = "";
        d.Description = new string('x', 501);

        var result = await Svc.UpdateAsync(d, All);

        Assert.Equal("Name is required.", result.ErrorFor("Name"));
        Assert.Equal("Description must be at most 500 characters.", result.ErrorFor("Description"));
        var saved = (await Svc.GetAsync(d.Id, All))!;
        Assert.Equal("Customer Service", saved.Name);
        Assert.Equal("Front-line agents", saved.Description);
    }

    [Fact]
    public async Task Update_of_a_missing_department_is_refused()
    {
        var result = await Svc.UpdateAsync(new Department { Id = 999, TenantId = Demo, Name = "Ghost" }, All);

        Assert.Equal("This department no longer exists.", result.Refusal);
        Assert.Equal(1, await CountAsync());
    }

    // ------------------------------------------------------------------ list, search, sort, paging, options

    [Fact]
    public async Task List_shows_the_demo_department_with_its_agent_count()
    {
        var page = await Svc.ListAsync(new DepartmentListQuery(), All);

        var row = Assert.Single(page.Items);
        Assert.Equal(1, page.TotalCount);
        Assert.Equal(Demo, row.TenantId);
        Assert.Equal("Customer Service", row.Name);
        Assert.Equal("Front-line agents", row.Description);
        Assert.Equal(10, row.AgentCount);
        Assert.Equal(FixedClock.Default.UtcDateTime, row.CreatedTime);
    }

    [Fact]
    public async Task List_pages_and_counts()
    {
        for (var i = 1; i <= 12; i++) await AddAsync(OtherTenant, $"Team {i:00}");

        var page2 = await Svc.ListAsync(new DepartmentListQuery { TenantId = OtherTenant, Page = 2, PageSize = 5 }, All);

        Assert.Equal(12, page2.TotalCount);
        Assert.Equal(2, page2.CurrentPage);
        Assert.Equal(new[] { "Team 06", "Team 07", "Team 08", "Team 09", "Team 10" }, page2.Items.Select(r => r.Name));
        var last = await Svc.ListAsync(new DepartmentListQuery { TenantId = OtherTenant, Page = 3, PageSize = 5 }, All);
        Assert.Equal(new[] { "Team 11", "Team 12" }, last.Items.Select(r => r.Name));
        Assert.Equal(13, (await Svc.ListAsync(new DepartmentListQuery(), All)).TotalCount);
    }

    [Fact]
    public async Task List_sorts_by_tenant_and_name_by_name_and_by_agent_count()
    {
        await AddAsync(Demo, "Billing");
        await AddAsync(OtherTenant, "Alpha");
        await AddAsync(OtherTenant, "Zulu");

        async Task<string[]> Names(string? sort, bool desc) =>
            (await Svc.ListAsync(new DepartmentListQuery { SortBy = sort, Descending = desc }, All)).Items
                .Select(r => $"{r.TenantId}:{r.Name}").ToArray();

        Assert.Equal(new[] { "10001:Billing", "10001:Customer Service", "20001:Alpha", "20001:Zulu" }, await Names(null, false));
        Assert.Equal(new[] { "20001:Zulu", "20001:Alpha", "10001:Customer Service", "10001:Billing" }, await Names(null, true));
        Assert.Equal(new[] { "20001:Alpha", "10001:Billing", "10001:Customer Service", "20001:Zulu" }, await Names("Name", false));
        Assert.Equal(new[] { "20001:Zulu", "10001:Customer Service", "10001:Billing", "20001:Alpha" }, await Names("Name", true));
        // Agent count, ties by name.
        Assert.Equal(new[] { "20001:Alpha", "10001:Billing", "20001:Zulu", "10001:Customer Service" }, await Names("AgentCount", false));
        Assert.Equal("10001:Customer Service", (await Names("AgentCount", true))[0]);
    }

    [Theory]
    [InlineData("service", new[] { "Customer Service" })]   // name, case-insensitive
    [InlineData("FRONT-LINE", new[] { "Customer Service" })] // description
    [InlineData("sales", new[] { "Sales East", "Sales_EU" })]
    [InlineData("s_e", new[] { "Sales_EU" })]                // '_' is literal: not "Sales East"
    [InlineData("50%", new[] { "Promo" })]
    [InlineData("5%f", new string[0])]                       // '%' is literal: not "50% off"
    [InlineData("nothing-like-this", new string[0])]
    public async Task Search_matches_name_or_description_literally(string search, string[] expected)
    {
        await AddAsync(Demo, "Sales_EU");
        await AddAsync(Demo, "Sales East");
        await AddAsync(Demo, "Promo", "50% off");

        var page = await Svc.ListAsync(new DepartmentListQuery { Search = search, SortBy = "Name" }, All);

        Assert.Equal(expected, page.Items.Select(r => r.Name).ToArray());
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task Export_returns_every_matching_row_beyond_one_page()
    {
        for (var i = 1; i <= 15; i++) await AddAsync(OtherTenant, $"Team {i:00}");
        var rows = await Svc.ExportAsync(new DepartmentListQuery { Search = "Team", PageSize = 5 }, All);
        Assert.Equal(15, rows.Count);
    }

    [Fact]
    public async Task Options_list_a_tenant_or_every_tenant_in_scope_by_tenant_and_name()
    {
        await AddAsync(Demo, "Billing");
        await AddAsync(OtherTenant, "Alpha");

        Assert.Equal(new[] { "Billing", "Customer Service" }, (await Svc.OptionsAsync(Demo, All)).Select(o => o.Name));
        Assert.Equal(new[] { (10001, "Billing"), (10001, "Customer Service"), (20001, "Alpha") },
            (await Svc.OptionsAsync(null, All)).Select(o => (o.TenantId, o.Name)));
        Assert.Equal(new[] { "Alpha" }, (await Svc.OptionsAsync(null, TenantScope.Of(OtherTenant))).Select(o => o.Name));
        Assert.Empty(await Svc.OptionsAsync(Demo, TenantScope.Of(OtherTenant)));
    }

    // ------------------------------------------------------------------ delete

    [Fact]
    public async Task Delete_removes_an_unused_department()
    {
        var id = await AddAsync(Demo, "Sales");

        var result = await Svc.DeleteAsync(id, All);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Null(await Svc.GetAsync(id, All));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Delete_of_the_demo_department_is_refused_and_names_its_agents_and_rest_templates()
    {
        var d = await DemoDepartmentAsync();

        var result = await Svc.DeleteAsync(d.Id, All);

        Assert.False(result.Succeeded);
        Assert.Equal("Department Customer Service still has 10 agents and 1 rest template. " +
                     "Move them to another department or delete them first.", result.Refusal);
        Assert.NotNull(await Svc.GetAsync(d.Id, All));
    }

    [Fact]
    public async Task Delete_is_refused_while_one_agent_uses_it_and_allowed_once_it_moved()
    {
        var id = await AddAsync(Demo, "Sales");
        await using (var ctx = _db.NewContext())
        {
            var agent = await ctx.Agents.SingleAsync(a => a.Code == "1000");
            agent.DepartmentId = id;
            await ctx.SaveChangesAsync();
        }

        var refused = await Svc.DeleteAsync(id, All);
        Assert.Equal("Department Sales still has 1 agent. Move them to another department or delete them first.", refused.Refusal);
        Assert.NotNull(await Svc.GetAsync(id, All));

        await using (var ctx = _db.NewContext())
        {
            (await ctx.Agents.SingleAsync(a => a.Code == "1000")).DepartmentId = null;
            await ctx.SaveChangesAsync();
        }
        Assert.True((await Svc.DeleteAsync(id, All)).Succeeded);
        Assert.Null(await Svc.GetAsync(id, All));
    }

    [Fact]
    public async Task Delete_is_refused_while_a_rest_template_uses_it()
    {
        var id = await AddAsync(Demo, "Sales");
        await _db.AddAsync(new RestTemplate { TenantId = Demo, Name = "Sales break", Duration = 600, DepartmentId = id });
        await _db.AddAsync(new RestTemplate { TenantId = Demo, Name = "Sales tea", Duration = 600, DepartmentId = id });

        var refused = await Svc.DeleteAsync(id, All);

        Assert.Equal("Department Sales still has 2 rest templates. Move them to another department or delete them first.", refused.Refusal);
        Assert.NotNull(await Svc.GetAsync(id, All));
    }

    [Fact]
    public async Task Delete_of_a_missing_department_is_refused()
    {
        var result = await Svc.DeleteAsync(999, All);
        Assert.Equal("This department no longer exists.", result.Refusal);
    }

    // ------------------------------------------------------------------ tenant scope

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_neither_lists_nor_gets_the_demo_department()
    {
        var mine = await AddAsync(OtherTenant, "Mine");
        var scope = TenantScope.Of(OtherTenant);
        var demo = await DemoDepartmentAsync();

        var list = await Svc.ListAsync(new DepartmentListQuery(), scope);
        Assert.Equal(new[] { mine }, list.Items.Select(r => r.Id));
        Assert.Equal(1, list.TotalCount);
        // Asking for the demo tenant explicitly does not widen the scope.
        var asked = await Svc.ListAsync(new DepartmentListQuery { TenantId = Demo }, scope);
        Assert.Equal(new[] { mine }, asked.Items.Select(r => r.Id));
        Assert.Equal(new[] { mine }, (await Svc.ExportAsync(new DepartmentListQuery(), scope)).Select(r => r.Id));

        Assert.Null(await Svc.GetAsync(demo.Id, scope));
        Assert.NotNull(await Svc.GetAsync(mine, scope));
    }

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_cannot_create_update_or_delete_demo_departments()
    {
        var scope = TenantScope.Of(OtherTenant);
        var demo = await DemoDepartmentAsync();

        var created = await Svc.CreateAsync(new Department { TenantId = Demo, Name = "Intruders" }, scope);
        Assert.Equal(TenantScope.OutOfScope, created.Refusal);
        Assert.Equal(1, await CountAsync());

        demo.Name = "Hijacked";
        Assert.Equal(TenantScope.OutOfScope, (await Svc.UpdateAsync(demo, scope)).Refusal);
        // Claiming the caller's own tenant on the input does not help: the stored row's tenant decides.
        demo.TenantId = OtherTenant;
        Assert.Equal(TenantScope.OutOfScope, (await Svc.UpdateAsync(demo, scope)).Refusal);
        Assert.Equal("Customer Service", (await Svc.GetAsync(demo.Id, All))!.Name);

        var unused = await AddAsync(Demo, "Unused");
        Assert.Equal(TenantScope.OutOfScope, (await Svc.DeleteAsync(unused, scope)).Refusal);
        Assert.NotNull(await Svc.GetAsync(unused, All));
    }

    [Fact]
    public async Task A_tenant_scoped_caller_manages_its_own_departments()
    {
        var scope = TenantScope.Of(OtherTenant);

        Assert.True((await Svc.CreateAsync(new Department { TenantId = OtherTenant, Name = "Mine" }, scope)).Succeeded);
        var mine = await _db.QueryAsync(c => c.Departments.AsNoTracking().SingleAsync(d => d.TenantId == OtherTenant));
        mine.Name = "Mine, renamed";
        Assert.True((await Svc.UpdateAsync(mine, scope)).Succeeded);
        Assert.Equal("Mine, renamed", (await Svc.GetAsync(mine.Id, scope))!.Name);
        Assert.True((await Svc.DeleteAsync(mine.Id, scope)).Succeeded);
        Assert.Null(await Svc.GetAsync(mine.Id, All));
    }

    [Fact]
    public async Task The_all_tenants_scope_reaches_every_tenant()
    {
        var other = await AddAsync(OtherTenant, "Other");
        var demo = await DemoDepartmentAsync();

        Assert.Equal(2, (await Svc.ListAsync(new DepartmentListQuery(), All)).TotalCount);
        Assert.Equal(new[] { other }, (await Svc.ListAsync(new DepartmentListQuery { TenantId = OtherTenant }, All)).Items.Select(r => r.Id));
        Assert.NotNull(await Svc.GetAsync(demo.Id, All));
        demo.Description = "Updated by an admin";
        Assert.True((await Svc.UpdateAsync(demo, All)).Succeeded);
        Assert.Equal("Updated by an admin", (await Svc.GetAsync(demo.Id, All))!.Description);
        Assert.True((await Svc.DeleteAsync(other, All)).Succeeded);
    }
}
