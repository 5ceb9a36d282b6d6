using CallCenter.Domain.Common;
using CallCenter.Domain.Extensions;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Extensions;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Tests.Support.TestData;

namespace CallCenter.Tests.Infrastructure;

/// <summary>ExtensionService against a real, migrated SQLite file with the demo tenant and tenant 20001 (fresh per test).</summary>
public class ExtensionServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = default!;
    private ExtensionService Svc => _db.Get<ExtensionService>();
    private static readonly TenantScope All = TenantScope.All;
    private const int Demo = DemoData.TenantId;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
        await _db.AddTenantAsync(OtherTenant);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<int> CountAsync() => _db.CountAsync<Extension>();

    private Task<Extension> FindAsync(int tenantId, string number) =>
        _db.QueryAsync(c => c.Extensions.AsNoTracking().SingleAsync(x => x.TenantId == tenantId && x.Number == number));

    private async Task<int> AddAsync(int tenantId, string number, AccountStatus status = AccountStatus.Enabled)
    {
        var r = await Svc.CreateAsync(new Extension { TenantId = tenantId, Number = number, Password = "secret99", Status = status }, All);
        Assert.True(r.Succeeded, r.Describe());
        return (await FindAsync(tenantId, number)).Id;
    }

    // ------------------------------------------------------------------ create

    [Fact]
    public async Task Create_writes_a_trimmed_number_with_its_password_and_status_stamped_with_the_clock()
    {
        _db.Clock.Now = FixedClock.Default.AddMinutes(5);

        var result = await Svc.CreateAsync(new Extension
        {
            TenantId = Demo, Number = " 1010 ", Password = "s3cret!x", Status = AccountStatus.Deregistered, Registered = true,
        }, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = await FindAsync(Demo, "1010");
        Assert.Equal("s3cret!x", saved.Password); // kept retrievable for the switch (D5)
        Assert.Equal(AccountStatus.Deregistered, saved.Status);
        Assert.False(saved.Registered);            // the switch reports registration, not the console
        Assert.Equal(FixedClock.Default.AddMinutes(5).UtcDateTime, saved.CreatedTime);
        Assert.Equal(11, await CountAsync());
    }

    public static TheoryData<string, string, AccountStatus, string, string> InvalidInputs => new()
    {
        { "", "secret99", AccountStatus.Enabled, "Number", "Extension number is required." },
        { "12", "secret99", AccountStatus.Enabled, "Number", "Extension number must be 3 to 10 digits." },
        { "12345678901", "secret99", AccountStatus.Enabled, "Number", "Extension number must be 3 to 10 digits." },
        { "10a0", "secret99", AccountStatus.Enabled, "Number", "Extension number must be 3 to 10 digits." },
        { "1010", "", AccountStatus.Enabled, "Password", "SIP password must be 6 to 32 characters." },
        { "1010", "short", AccountStatus.Enabled, "Password", "SIP password must be 6 to 32 characters." },
        { "1010", new string('p', 33), AccountStatus.Enabled, "Password", "SIP password must be 6 to 32 characters." },
        { "1010", "has space", AccountStatus.Enabled, "Password", "SIP password cannot contain spaces." },
        { "1010", "secret99", (AccountStatus)5, "Status", "Status must be one of Enabled, Deregistered." },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Invalid_input_is_refused_on_its_field_and_nothing_is_written(
        string number, string password, AccountStatus status, string field, string message)
    {
        var result = await Svc.CreateAsync(new Extension { TenantId = Demo, Number = number, Password = password, Status = status }, All);

        Assert.False(result.Succeeded);
        Assert.Equal(message, result.ErrorFor(field));
        Assert.Equal(10, await CountAsync());
    }

    [Fact]
    public async Task Create_without_a_tenant_or_for_a_missing_tenant_is_refused_on_field_TenantId()
    {
        var none = await Svc.CreateAsync(new Extension { Number = "1010", Password = "secret99" }, All);
        Assert.Equal("Choose a tenant.", none.ErrorFor("TenantId"));

        var missing = await Svc.CreateAsync(new Extension { TenantId = 30003, Number = "1010", Password = "secret99" }, All);
        Assert.Equal("Tenant 30003 does not exist.", missing.ErrorFor("TenantId"));

        Assert.Equal(10, await CountAsync());
    }

    [Fact]
    public async Task Create_with_a_number_in_use_in_the_tenant_is_refused_on_field_Number()
    {
        var result = await Svc.CreateAsync(new Extension { TenantId = Demo, Number = " 1000", Password = "another1" }, All);

        Assert.False(result.Succeeded);
        Assert.Equal("Extension 1000 already exists in tenant 10001.", result.ErrorFor("Number"));
        Assert.Equal(10, await CountAsync());
        Assert.Equal(DemoData.ExtensionPassword("1000"), (await FindAsync(Demo, "1000")).Password);
    }

    [Fact]
    public async Task The_same_number_may_exist_in_another_tenant()
    {
        var id = await AddAsync(OtherTenant, "1000");

        Assert.Equal(OtherTenant, (await Svc.GetAsync(id, All))!.TenantId);
        Assert.Equal(11, await CountAsync());
    }

    // ------------------------------------------------------------------ update

    [Fact]
    public async Task Update_changes_password_and_status_but_never_tenant_or_number()
    {
        var x = await FindAsync(Demo, "1000");
        x.Password = "newpass1";
        x.Status = AccountStatus.Deregistered;
        x.Number = "9999";
        x.TenantId = OtherTenant;

        var result = await Svc.UpdateAsync(x, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = (await Svc.GetAsync(x.Id, All))!;
        Assert.Equal("1000", saved.Number);
        Assert.Equal(Demo, saved.TenantId);
        Assert.Equal("newpass1", saved.Password);
        Assert.Equal(AccountStatus.Deregistered, saved.Status);
        Assert.Equal(FixedClock.Default.UtcDateTime, saved.CreatedTime);
    }

    [Theory]
    [InlineData("abc", AccountStatus.Enabled, "Password", "SIP password must be 6 to 32 characters.")]
    [InlineData("no spaces", AccountStatus.Enabled, "Password", "SIP password cannot contain spaces.")]
    [InlineData("secret99", (AccountStatus)7, "Status", "Status must be one of Enabled, Deregistered.")]
    public async Task Invalid_update_is_refused_on_its_field_and_nothing_changes(string password, AccountStatus status, string field, string message)
    {
        var x = await FindAsync(Demo, "1001");
        x.Password = password;
        x.Status = status;

        var result = await Svc.UpdateAsync(x, All);

        Assert.Equal(message, result.ErrorFor(field));
        var saved = (await Svc.GetAsync(x.Id, All))!;
        Assert.Equal(DemoData.ExtensionPassword("1001"), saved.Password);
        Assert.Equal(AccountStatus.Enabled, saved.Status);
    }

    [Fact]
    public async Task Update_of_a_missing_extension_is_refused()
    {
        var result = await Svc.UpdateAsync(new Extension { Id = 999, TenantId = Demo, Number = "1234", Password = "secret99" }, All);
        Assert.Equal("This extension no longer exists.", result.Refusal);
        Assert.Equal(10, await CountAsync());
    }

    // ------------------------------------------------------------------ list, filters, sort, paging

    [Fact]
    public async Task List_shows_each_extension_with_the_agent_bound_to_it()
    {
        await AddAsync(Demo, "1010");

        var page = await Svc.ListAsync(new ExtensionListQuery { PageSize = 20 }, All);

        Assert.Equal(11, page.TotalCount);
        Assert.Equal(Enumerable.Range(1000, 11).Select(n => n.ToString()), page.Items.Select(r => r.Number));
        var first = page.Items[0];
        Assert.Equal("1000", first.AgentCode);
        Assert.Equal("10001_1000", first.AgentDn);
        Assert.All(page.Items.Take(10), r => Assert.Equal($"10001_{r.Number}", r.AgentDn));
        Assert.Null(page.Items[10].AgentCode);
        Assert.Null(page.Items[10].AgentDn);
    }

    [Fact]
    public async Task Numbers_sort_shorter_first_so_999_comes_before_1000()
    {
        await AddAsync(Demo, "999");
        await AddAsync(Demo, "10000");
        await AddAsync(OtherTenant, "500");

        async Task<string[]> Numbers(string? sort, bool desc) =>
            (await Svc.ListAsync(new ExtensionListQuery { SortBy = sort, Descending = desc, PageSize = 50 }, All)).Items
                .Select(r => $"{r.TenantId}:{r.Number}").ToArray();

        var byDefault = await Numbers(null, false);
        Assert.Equal("10001:999", byDefault[0]);
        Assert.Equal("10001:1000", byDefault[1]);
        Assert.Equal("10001:10000", byDefault[^2]);
        Assert.Equal("20001:500", byDefault[^1]);
        Assert.Equal(byDefault.Reverse(), await Numbers(null, true));

        var byNumber = await Numbers("Number", false);
        Assert.Equal(new[] { "20001:500", "10001:999", "10001:1000" }, byNumber.Take(3));
        Assert.Equal("10001:10000", byNumber[^1]);
        Assert.Equal(byNumber.Reverse(), await Numbers("Number", true));
    }

    [Fact]
    public async Task List_filters_by_status_and_sorts_by_status()
    {
        await AddAsync(Demo, "2000", AccountStatus.Deregistered);
        await AddAsync(Demo, "2001", AccountStatus.Deregistered);

        var off = await Svc.ListAsync(new ExtensionListQuery { Status = AccountStatus.Deregistered }, All);
        Assert.Equal(new[] { "2000", "2001" }, off.Items.Select(r => r.Number));
        Assert.Equal(2, off.TotalCount);
        Assert.Equal(10, (await Svc.ListAsync(new ExtensionListQuery { Status = AccountStatus.Enabled }, All)).TotalCount);

        var sorted = await Svc.ListAsync(new ExtensionListQuery { SortBy = "Status", PageSize = 50 }, All);
        Assert.Equal(new[] { AccountStatus.Deregistered, AccountStatus.Deregistered }, sorted.Items.Take(2).Select(r => r.Status));
        var desc = await Svc.ListAsync(new ExtensionListQuery { SortBy = "Status", Descending = true, PageSize = 50 }, All);
        Assert.Equal(AccountStatus.Deregistered, desc.Items[^1].Status);
    }

    [Fact]
    public async Task List_sorts_by_registration()
    {
        await using (var ctx = _db.NewContext())
        {
            (await ctx.Extensions.SingleAsync(x => x.Number == "1005")).Registered = true;
            await ctx.SaveChangesAsync();
        }

        var registeredFirst = await Svc.ListAsync(new ExtensionListQuery { SortBy = "Registered", Descending = true }, All);
        Assert.Equal("1005", registeredFirst.Items[0].Number);
        Assert.True(registeredFirst.Items[0].Registered);
        var registeredLast = await Svc.ListAsync(new ExtensionListQuery { SortBy = "Registered", PageSize = 50 }, All);
        Assert.Equal("1005", registeredLast.Items[^1].Number);
    }

    [Theory]
    [InlineData("100", 10)]
    [InlineData("1003", 1)]
    [InlineData(" 1009 ", 1)]
    [InlineData("77", 0)]
    [InlineData("1_0", 0)] // '_' is literal
    public async Task Search_matches_the_number(string search, int expected)
    {
        var page = await Svc.ListAsync(new ExtensionListQuery { Search = search }, All);
        Assert.Equal(expected, page.TotalCount);
        Assert.All(page.Items, r => Assert.Contains(search.Trim(), r.Number));
    }

    [Fact]
    public async Task List_pages_and_export_returns_every_row()
    {
        var page2 = await Svc.ListAsync(new ExtensionListQuery { Page = 2, PageSize = 4 }, All);
        Assert.Equal(10, page2.TotalCount);
        Assert.Equal(new[] { "1004", "1005", "1006", "1007" }, page2.Items.Select(r => r.Number));
        var page3 = await Svc.ListAsync(new ExtensionListQuery { Page = 3, PageSize = 4 }, All);
        Assert.Equal(new[] { "1008", "1009" }, page3.Items.Select(r => r.Number));
        Assert.Empty((await Svc.ListAsync(new ExtensionListQuery { Page = 4, PageSize = 4 }, All)).Items);

        Assert.Equal(10, (await Svc.ExportAsync(new ExtensionListQuery { PageSize = 4 }, All)).Count);
    }

    // ------------------------------------------------------------------ available for an agent

    [Fact]
    public async Task Available_for_an_agent_lists_free_extensions_plus_the_agents_own()
    {
        Assert.Empty(await Svc.AvailableForAgentAsync(Demo, null, All)); // every demo extension is bound

        await AddAsync(Demo, "1010");
        await AddAsync(Demo, "999");
        await AddAsync(OtherTenant, "1011");
        Assert.Equal(new[] { "999", "1010" }, (await Svc.AvailableForAgentAsync(Demo, null, All)).Select(o => o.Number));

        var agent = await _db.QueryAsync(c => c.Agents.AsNoTracking().SingleAsync(a => a.Code == "1003"));
        var forAgent = await Svc.AvailableForAgentAsync(Demo, agent.Id, All);
        Assert.Equal(new[] { "999", "1003", "1010" }, forAgent.Select(o => o.Number));
        Assert.Equal(agent.ExtensionId, forAgent.Single(o => o.Number == "1003").Id);

        Assert.Empty(await Svc.AvailableForAgentAsync(Demo, null, TenantScope.Of(OtherTenant)));
        Assert.Equal(new[] { "1011" }, (await Svc.AvailableForAgentAsync(OtherTenant, null, TenantScope.Of(OtherTenant))).Select(o => o.Number));
    }

    // ------------------------------------------------------------------ delete

    [Fact]
    public async Task Delete_removes_an_unbound_extension()
    {
        var id = await AddAsync(Demo, "1010");

        var result = await Svc.DeleteAsync(id, All);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Null(await Svc.GetAsync(id, All));
        Assert.Equal(10, await CountAsync());
    }

    [Fact]
    public async Task Delete_of_a_bound_extension_is_refused_and_names_the_agent_and_is_allowed_once_unbound()
    {
        var x = await FindAsync(Demo, "1004");

        var refused = await Svc.DeleteAsync(x.Id, All);

        Assert.Equal("Extension 1004 is bound to agent 10001_1004; give that agent another extension (or none) first.", refused.Refusal);
        Assert.NotNull(await Svc.GetAsync(x.Id, All));

        await using (var ctx = _db.NewContext())
        {
            (await ctx.Agents.SingleAsync(a => a.Code == "1004")).ExtensionId = null;
            await ctx.SaveChangesAsync();
        }
        Assert.True((await Svc.DeleteAsync(x.Id, All)).Succeeded);
        Assert.Equal(9, await CountAsync());
    }

    [Fact]
    public async Task Delete_of_a_missing_extension_is_refused()
    {
        Assert.Equal("This extension no longer exists.", (await Svc.DeleteAsync(999, All)).Refusal);
    }

    // ------------------------------------------------------------------ tenant scope

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_neither_lists_nor_gets_demo_extensions()
    {
        var mine = await AddAsync(OtherTenant, "1000");
        var scope = TenantScope.Of(OtherTenant);
        var demo = await FindAsync(Demo, "1000");

        var list = await Svc.ListAsync(new ExtensionListQuery(), scope);
        Assert.Equal(new[] { mine }, list.Items.Select(r => r.Id));
        Assert.Equal(1, list.TotalCount);
        Assert.Equal(new[] { mine }, (await Svc.ListAsync(new ExtensionListQuery { TenantId = Demo }, scope)).Items.Select(r => r.Id));
        Assert.Equal(new[] { mine }, (await Svc.ExportAsync(new ExtensionListQuery(), scope)).Select(r => r.Id));
        Assert.Null(await Svc.GetAsync(demo.Id, scope));
        Assert.NotNull(await Svc.GetAsync(mine, scope));
    }

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_cannot_create_update_or_delete_demo_extensions()
    {
        var scope = TenantScope.Of(OtherTenant);

        var created = await Svc.CreateAsync(new Extension { TenantId = Demo, Number = "1010", Password = "secret99" }, scope);
        Assert.Equal(TenantScope.OutOfScope, created.Refusal);
        Assert.Equal(10, await CountAsync());

        var demo = await FindAsync(Demo, "1000");
        demo.Password = "hijacked";
        demo.TenantId = OtherTenant;
        Assert.Equal(TenantScope.OutOfScope, (await Svc.UpdateAsync(demo, scope)).Refusal);
        Assert.Equal(DemoData.ExtensionPassword("1000"), (await Svc.GetAsync(demo.Id, All))!.Password);

        var unbound = await AddAsync(Demo, "1010");
        Assert.Equal(TenantScope.OutOfScope, (await Svc.DeleteAsync(unbound, scope)).Refusal);
        Assert.NotNull(await Svc.GetAsync(unbound, All));
    }

    [Fact]
    public async Task A_tenant_scoped_caller_manages_its_own_extensions_and_all_reaches_every_tenant()
    {
        var scope = TenantScope.Of(OtherTenant);
        Assert.True((await Svc.CreateAsync(new Extension { TenantId = OtherTenant, Number = "300", Password = "secret99" }, scope)).Succeeded);
        var mine = await FindAsync(OtherTenant, "300");
        mine.Status = AccountStatus.Deregistered;
        Assert.True((await Svc.UpdateAsync(mine, scope)).Succeeded);
        Assert.Equal(AccountStatus.Deregistered, (await Svc.GetAsync(mine.Id, scope))!.Status);

        Assert.Equal(11, (await Svc.ListAsync(new ExtensionListQuery(), All)).TotalCount);
        var demo = await FindAsync(Demo, "1000");
        demo.Password = "byadmin1";
        Assert.True((await Svc.UpdateAsync(demo, All)).Succeeded);
        Assert.Equal("byadmin1", (await Svc.GetAsync(demo.Id, All))!.Password);

        Assert.True((await Svc.DeleteAsync(mine.Id, scope)).Succeeded);
        Assert.Null(await Svc.GetAsync(mine.Id, All));
    }
}
