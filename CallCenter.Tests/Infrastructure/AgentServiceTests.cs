using CallCenter.Domain.Acds;
using CallCenter.Domain.Agents;
using CallCenter.Domain.Common;
using CallCenter.Domain.Departments;
using CallCenter.Domain.Extensions;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Agents;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Identity;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Tests.Support.TestData;

namespace CallCenter.Tests.Infrastructure;

/// <summary>AgentService against a real, migrated SQLite file with the demo tenant and tenant 20001 (fresh per test).</summary>
public class AgentServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = default!;
    private AgentService Svc => _db.Get<AgentService>();
    private static readonly TenantScope All = TenantScope.All;
    private const int Demo = DemoData.TenantId;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
        await _db.AddTenantAsync(OtherTenant);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<int> CountAsync() => _db.CountAsync<Agent>();

    private Task<Agent> FindAsync(int tenantId, string code) =>
        _db.QueryAsync(c => c.Agents.AsNoTracking().SingleAsync(a => a.TenantId == tenantId && a.Code == code));

    private async Task<int> DemoDepartmentIdAsync() =>
        await _db.QueryAsync(c => c.Departments.Where(d => d.Name == "Customer Service").Select(d => d.Id).SingleAsync());

    private async Task<int> AddExtensionAsync(int tenantId, string number) =>
        (await _db.AddAsync(new Extension { TenantId = tenantId, Number = number, Password = "secret99" })).Id;

    private async Task<int?> ExtensionIdAsync(int tenantId, string number) =>
        await _db.QueryAsync(c => c.Extensions.Where(x => x.TenantId == tenantId && x.Number == number).Select(x => (int?)x.Id).SingleAsync());

    private async Task<Agent> AddAsync(Agent agent, string password = "pass1234")
    {
        var r = await Svc.CreateAsync(agent, password, All);
        Assert.True(r.Succeeded, r.Describe());
        return await FindAsync(agent.TenantId, agent.Code.Trim());
    }

    private static Agent NewAgent(string code = "1010", int tenantId = Demo) => new() { TenantId = tenantId, Code = code, NameCn = $"New {code}" };

    // ------------------------------------------------------------------ create

    [Fact]
    public async Task Create_writes_a_trimmed_agent_with_a_hashed_password_stamped_with_the_clock()
    {
        var extension = await AddExtensionAsync(Demo, "1010");
        var department = await DemoDepartmentIdAsync();
        _db.Clock.Now = FixedClock.Default.AddHours(1);

        var result = await Svc.CreateAsync(new Agent
        {
            TenantId = Demo, Code = " 1010 ", NameCn = "  Li Lei ", JobNum = " E1010 ", TypeCode = "  ", TypeText = " Sales ",
            DepartmentId = department, ExtensionId = extension, Status = AccountStatus.Deregistered,
        }, "s3cret-pw", All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = await FindAsync(Demo, "1010");
        Assert.Equal("10001_1010", saved.Dn);
        Assert.Equal("Li Lei", saved.NameCn);
        Assert.Equal("E1010", saved.JobNum);
        Assert.Null(saved.TypeCode);
        Assert.Equal("Sales", saved.TypeText);
        Assert.Equal(department, saved.DepartmentId);
        Assert.Equal(extension, saved.ExtensionId);
        Assert.Equal(AccountStatus.Deregistered, saved.Status);
        Assert.Equal(FixedClock.Default.AddHours(1).UtcDateTime, saved.CreatedTime);
        Assert.NotEqual("s3cret-pw", saved.PasswordHash);
        Assert.StartsWith("v1.", saved.PasswordHash);
        Assert.True(saved.VerifyPassword("s3cret-pw"));
        Assert.False(saved.VerifyPassword("agent123"));
        Assert.Equal(11, await CountAsync());
    }

    [Fact]
    public async Task Create_without_department_or_extension_is_allowed()
    {
        var saved = await AddAsync(NewAgent("555"));
        Assert.Null(saved.DepartmentId);
        Assert.Null(saved.ExtensionId);
        Assert.Null(saved.JobNum);
    }

    private static readonly Dictionary<string, (Action<Agent> Break, string? Password, string Field, string Message)> Rules = new()
    {
        ["empty code"] = (a => a.Code = "", "pass1234", "Code", "Agent code is required."),
        ["2-digit code"] = (a => a.Code = "12", "pass1234", "Code", "Agent code must be 3 to 8 digits."),
        ["9-digit code"] = (a => a.Code = "123456789", "pass1234", "Code", "Agent code must be 3 to 8 digits."),
        ["code with a letter"] = (a => a.Code = "10a1", "pass1234", "Code", "Agent code must be 3 to 8 digits."),
        ["blank name"] = (a => a.NameCn = " ", "pass1234", "NameCn", "Name is required."),
        ["name of 101"] = (a => a.NameCn = new string('n', 101), "pass1234", "NameCn", "Name must be at most 100 characters."),
        ["job number of 33"] = (a => a.JobNum = new string('j', 33), "pass1234", "JobNum", "Job number must be at most 32 characters."),
        ["type code of 33"] = (a => a.TypeCode = new string('t', 33), "pass1234", "TypeCode", "Business type code must be at most 32 characters."),
        ["type of 65"] = (a => a.TypeText = new string('t', 65), "pass1234", "TypeText", "Business type must be at most 64 characters."),
        ["unknown status"] = (a => a.Status = (AccountStatus)3, "pass1234", "Status", "Status must be one of Enabled, Deregistered."),
        ["no password"] = (_ => { }, null, "Password", "Password is required."),
        ["empty password"] = (_ => { }, "", "Password", "Password is required."),
        ["password of 5"] = (_ => { }, "12345", "Password", "Password must be 6 to 64 characters."),
        ["password of 65"] = (_ => { }, new string('p', 65), "Password", "Password must be 6 to 64 characters."),
    };

    public static TheoryData<string> RuleNames => new(Rules.Keys);

    [Theory]
    [MemberData(nameof(RuleNames))]
    public async Task Invalid_input_is_refused_on_its_field_and_nothing_is_written(string rule)
    {
        var (breakIt, password, field, message) = Rules[rule];
        var agent = NewAgent();
        breakIt(agent);

        var result = await Svc.CreateAsync(agent, password, All);

        Assert.False(result.Succeeded);
        Assert.Equal(message, result.ErrorFor(field));
        Assert.Equal(10, await CountAsync());
    }

    [Fact]
    public async Task Create_without_a_tenant_or_for_a_missing_tenant_is_refused_on_field_TenantId()
    {
        Assert.Equal("Choose a tenant.", (await Svc.CreateAsync(NewAgent(tenantId: 0), "pass1234", All)).ErrorFor("TenantId"));
        Assert.Equal("Tenant 30003 does not exist.", (await Svc.CreateAsync(NewAgent(tenantId: 30003), "pass1234", All)).ErrorFor("TenantId"));
        Assert.Equal(10, await CountAsync());
    }

    [Fact]
    public async Task Create_with_a_code_in_use_in_the_tenant_is_refused_on_field_Code()
    {
        var result = await Svc.CreateAsync(NewAgent(" 1000 "), "pass1234", All);

        Assert.Equal("Agent 10001_1000 already exists.", result.ErrorFor("Code"));
        Assert.Equal(10, await CountAsync());
        Assert.Equal("Agent 1000", (await FindAsync(Demo, "1000")).NameCn);
    }

    [Fact]
    public async Task The_same_code_may_exist_in_another_tenant()
    {
        var saved = await AddAsync(NewAgent("1000", OtherTenant));
        Assert.Equal("20001_1000", saved.Dn);
        Assert.Equal(11, await CountAsync());
    }

    // ------------------------------------------------------------------ extension and department binding

    [Fact]
    public async Task Create_on_an_extension_bound_to_another_agent_is_refused_on_field_ExtensionId()
    {
        var agent = NewAgent();
        agent.ExtensionId = await ExtensionIdAsync(Demo, "1003");

        var result = await Svc.CreateAsync(agent, "pass1234", All);

        Assert.Equal("Extension 1003 is already bound to agent 10001_1003.", result.ErrorFor("ExtensionId"));
        Assert.Equal(10, await CountAsync());
    }

    [Fact]
    public async Task Create_on_an_extension_of_another_tenant_is_refused_on_field_ExtensionId()
    {
        var agent = NewAgent();
        agent.ExtensionId = await AddExtensionAsync(OtherTenant, "1010");

        var result = await Svc.CreateAsync(agent, "pass1234", All);

        Assert.Equal("Extension 1010 belongs to tenant 20001; choose one of tenant 10001.", result.ErrorFor("ExtensionId"));
        Assert.Equal(10, await CountAsync());
    }

    [Fact]
    public async Task Create_on_a_missing_extension_or_department_is_refused_on_each_field()
    {
        var agent = NewAgent();
        agent.ExtensionId = 999;
        agent.DepartmentId = 999;

        var result = await Svc.CreateAsync(agent, "pass1234", All);

        Assert.Equal("The chosen extension no longer exists.", result.ErrorFor("ExtensionId"));
        Assert.Equal("The chosen department no longer exists.", result.ErrorFor("DepartmentId"));
        Assert.Equal(10, await CountAsync());
    }

    [Fact]
    public async Task Create_in_a_department_of_another_tenant_is_refused_on_field_DepartmentId()
    {
        var other = await _db.AddAsync(new Department { TenantId = OtherTenant, Name = "Theirs" });
        var agent = NewAgent();
        agent.DepartmentId = other.Id;

        var result = await Svc.CreateAsync(agent, "pass1234", All);

        Assert.Equal("The department belongs to another tenant; choose one of tenant 10001.", result.ErrorFor("DepartmentId"));
        Assert.Equal(10, await CountAsync());
    }

    [Fact]
    public async Task Update_may_keep_its_own_extension()
    {
        var a = await FindAsync(Demo, "1002");
        var ext = a.ExtensionId;
        a.NameCn = "Renamed";

        var result = await Svc.UpdateAsync(a, null, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = (await Svc.GetAsync(a.Id, All))!;
        Assert.Equal(ext, saved.ExtensionId);
        Assert.Equal("Renamed", saved.NameCn);
    }

    [Fact]
    public async Task Update_may_move_to_a_free_extension_which_frees_the_old_one_or_to_none()
    {
        var free = await AddExtensionAsync(Demo, "1010");
        var a = await FindAsync(Demo, "1002");
        var old = a.ExtensionId!.Value;
        a.ExtensionId = free;

        Assert.True((await Svc.UpdateAsync(a, null, All)).Succeeded);
        Assert.Equal(free, (await Svc.GetAsync(a.Id, All))!.ExtensionId);

        // The old extension is now free for another agent.
        var b = await FindAsync(Demo, "1005");
        b.ExtensionId = old;
        Assert.True((await Svc.UpdateAsync(b, null, All)).Succeeded);
        Assert.Equal(old, (await Svc.GetAsync(b.Id, All))!.ExtensionId);

        a.ExtensionId = null;
        Assert.True((await Svc.UpdateAsync(a, null, All)).Succeeded);
        Assert.Null((await Svc.GetAsync(a.Id, All))!.ExtensionId);
    }

    [Fact]
    public async Task Update_onto_an_extension_bound_to_another_agent_is_refused_and_nothing_changes()
    {
        var a = await FindAsync(Demo, "1002");
        var own = a.ExtensionId;
        a.ExtensionId = await ExtensionIdAsync(Demo, "1007");
        a.NameCn = "Should not stick";

        var result = await Svc.UpdateAsync(a, null, All);

        Assert.Equal("Extension 1007 is already bound to agent 10001_1007.", result.ErrorFor("ExtensionId"));
        var saved = (await Svc.GetAsync(a.Id, All))!;
        Assert.Equal(own, saved.ExtensionId);
        Assert.Equal("Agent 1002", saved.NameCn);
    }

    [Fact]
    public async Task Update_onto_an_extension_or_department_of_another_tenant_is_refused()
    {
        var a = await FindAsync(Demo, "1002");
        var own = a.ExtensionId;
        a.ExtensionId = await AddExtensionAsync(OtherTenant, "1002");
        a.DepartmentId = (await _db.AddAsync(new Department { TenantId = OtherTenant, Name = "Theirs" })).Id;

        var result = await Svc.UpdateAsync(a, null, All);

        Assert.Equal("Extension 1002 belongs to tenant 20001; choose one of tenant 10001.", result.ErrorFor("ExtensionId"));
        Assert.Equal("The department belongs to another tenant; choose one of tenant 10001.", result.ErrorFor("DepartmentId"));
        var saved = (await Svc.GetAsync(a.Id, All))!;
        Assert.Equal(own, saved.ExtensionId);
        Assert.Equal(await DemoDepartmentIdAsync(), saved.DepartmentId);
    }

    // ------------------------------------------------------------------ update and passwords

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Update_without_a_new_password_keeps_the_old_one(string? newPassword)
    {
        var a = await FindAsync(Demo, "1001");
        var hash = a.PasswordHash;
        a.JobNum = "E9999";

        var result = await Svc.UpdateAsync(a, newPassword, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = (await Svc.GetAsync(a.Id, All))!;
        Assert.Equal("E9999", saved.JobNum);
        Assert.Equal(hash, saved.PasswordHash);
        Assert.True(saved.VerifyPassword(DemoData.AgentPassword));
    }

    [Fact]
    public async Task Update_with_a_new_password_replaces_the_old_one()
    {
        var a = await FindAsync(Demo, "1001");

        var result = await Svc.UpdateAsync(a, "brand-new-pw", All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = (await Svc.GetAsync(a.Id, All))!;
        Assert.True(saved.VerifyPassword("brand-new-pw"));
        Assert.False(saved.VerifyPassword(DemoData.AgentPassword));
    }

    [Fact]
    public async Task Update_with_a_too_short_password_is_refused_and_keeps_the_old_one()
    {
        var a = await FindAsync(Demo, "1001");
        var hash = a.PasswordHash;
        a.NameCn = "Should not stick";

        var result = await Svc.UpdateAsync(a, "12345", All);

        Assert.Equal("Password must be 6 to 64 characters.", result.ErrorFor("Password"));
        var saved = (await Svc.GetAsync(a.Id, All))!;
        Assert.Equal(hash, saved.PasswordHash);
        Assert.Equal("Agent 1001", saved.NameCn);
    }

    [Fact]
    public async Task Update_changes_the_editable_fields_but_never_tenant_code_or_creation_time()
    {
        var a = await FindAsync(Demo, "1001");
        a.Code = "7777";
        a.TenantId = OtherTenant;
        a.NameCn = " Han Meimei ";
        a.JobNum = " ";
        a.TypeCode = "2";
        a.TypeText = "Sales";
        a.DepartmentId = null;
        a.Status = AccountStatus.Deregistered;
        _db.Clock.Now = FixedClock.Default.AddDays(2);

        var result = await Svc.UpdateAsync(a, null, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = (await Svc.GetAsync(a.Id, All))!;
        Assert.Equal("10001_1001", saved.Dn);
        Assert.Equal("Han Meimei", saved.NameCn);
        Assert.Null(saved.JobNum);
        Assert.Equal("2", saved.TypeCode);
        Assert.Equal("Sales", saved.TypeText);
        Assert.Null(saved.DepartmentId);
        Assert.Equal(AccountStatus.Deregistered, saved.Status);
        Assert.Equal(FixedClock.Default.UtcDateTime, saved.CreatedTime);
        Assert.Equal(10, await CountAsync());
    }

    [Fact]
    public async Task Invalid_update_is_refused_on_its_fields_and_nothing_changes()
    {
        var a = await FindAsync(Demo, "1001");
        a.NameCn = "";
        a.JobNum = new string('j', 33);

        var result = await Svc.UpdateAsync(a, null, All);

        Assert.Equal("Name is required.", result.ErrorFor("NameCn"));
        Assert.Equal("Job number must be at most 32 characters.", result.ErrorFor("JobNum"));
        var saved = (await Svc.GetAsync(a.Id, All))!;
        Assert.Equal("Agent 1001", saved.NameCn);
        Assert.Equal("E1001", saved.JobNum);
    }

    [Fact]
    public async Task Update_of_a_missing_agent_is_refused()
    {
        var result = await Svc.UpdateAsync(new Agent { Id = 999, TenantId = Demo, Code = "1234", NameCn = "Ghost" }, "pass1234", All);
        Assert.Equal("This agent no longer exists.", result.Refusal);
        Assert.Equal(10, await CountAsync());
    }

    // ------------------------------------------------------------------ options

    [Fact]
    public async Task Options_list_the_tenants_agents_by_number_shorter_codes_first()
    {
        await AddAsync(NewAgent("999"));
        await AddAsync(NewAgent("10000"));
        await AddAsync(NewAgent("1000", OtherTenant));

        var options = await Svc.OptionsAsync(Demo, All);

        Assert.Equal(new[] { "10001_999" }.Concat(Enumerable.Range(1000, 10).Select(n => $"10001_{n}")).Append("10001_10000"),
            options.Select(o => o.Dn));
        var first = options.Single(o => o.Dn == "10001_1000");
        Assert.Equal("Agent 1000", first.NameCn);
        Assert.Equal((await FindAsync(Demo, "1000")).Id, first.Id);
    }

    [Fact]
    public async Task Options_are_empty_for_a_tenant_out_of_scope()
    {
        await AddAsync(NewAgent("1000", OtherTenant));

        Assert.Empty(await Svc.OptionsAsync(Demo, TenantScope.Of(OtherTenant)));
        Assert.Equal(new[] { "20001_1000" }, (await Svc.OptionsAsync(OtherTenant, TenantScope.Of(OtherTenant))).Select(o => o.Dn));
        Assert.Equal(10, (await Svc.OptionsAsync(Demo, TenantScope.Of(Demo))).Count);
    }

    // ------------------------------------------------------------------ list, search, filters, sort, paging

    [Fact]
    public async Task List_rows_carry_department_extension_and_acds()
    {
        var acd2 = await _db.AddAsync(new Acd { TenantId = Demo, Code = "8001", Name = "Second" });
        await _db.AddAsync(new Acd { TenantId = Demo, Code = "900", Name = "Third" });
        await using (var ctx = _db.NewContext())
        {
            var a1000 = await ctx.Agents.SingleAsync(a => a.Code == "1000");
            var third = await ctx.Acds.SingleAsync(a => a.Code == "900");
            ctx.AcdMembers.AddRange(new AcdMember { AcdId = acd2.Id, AgentId = a1000.Id }, new AcdMember { AcdId = third.Id, AgentId = a1000.Id });
            await ctx.SaveChangesAsync();
        }
        await AddAsync(NewAgent("1010"));

        var page = await Svc.ListAsync(new AgentListQuery { PageSize = 20 }, All);

        Assert.Equal(11, page.TotalCount);
        var row = page.Items[0];
        Assert.Equal("10001_1000", row.Dn);
        Assert.Equal("Agent 1000", row.NameCn);
        Assert.Equal("E1000", row.JobNum);
        Assert.Equal("Customer Service", row.DepartmentName);
        Assert.Equal("1000", row.ExtensionNumber);
        Assert.Equal("1", row.TypeCode);
        Assert.Equal("Service", row.TypeText);
        Assert.Equal(new[] { "10001_900", "10001_8000", "10001_8001" }, row.Acds); // shorter codes first
        Assert.Equal(new[] { "10001_8000" }, page.Items[1].Acds);
        var fresh = page.Items[^1];
        Assert.Equal("10001_1010", fresh.Dn);
        Assert.Null(fresh.DepartmentName);
        Assert.Null(fresh.ExtensionNumber);
        Assert.Empty(fresh.Acds);
        Assert.Equal(11, (await Svc.ExportAsync(new AgentListQuery { PageSize = 2 }, All)).Count);
        Assert.Equal(new[] { "10001_900", "10001_8000", "10001_8001" }, (await Svc.ExportAsync(new AgentListQuery(), All))[0].Acds);
    }

    [Theory]
    [InlineData("10001_1003", new[] { "1003" })]          // agent number
    [InlineData("1_100", new[] { "1000", "1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008", "1009" })]
    [InlineData("agent 1007", new[] { "1007" })]          // name, case-insensitive
    [InlineData("e1009", new[] { "1009" })]               // job number
    [InlineData("E1_0", new string[0])]                   // '_' is literal: not E1000…
    [InlineData("nothing-like-this", new string[0])]
    public async Task Search_matches_agent_number_name_or_job_number_literally(string search, string[] codes)
    {
        var page = await Svc.ListAsync(new AgentListQuery { Search = search, PageSize = 50 }, All);

        Assert.Equal(codes, page.Items.Select(r => r.Code).ToArray());
        Assert.Equal(codes.Length, page.TotalCount);
    }

    [Fact]
    public async Task List_filters_by_department_and_status()
    {
        var sales = await _db.AddAsync(new Department { TenantId = Demo, Name = "Sales" });
        var a = await AddAsync(new Agent { TenantId = Demo, Code = "1010", NameCn = "Seller", DepartmentId = sales.Id, Status = AccountStatus.Deregistered });

        var inSales = await Svc.ListAsync(new AgentListQuery { DepartmentId = sales.Id }, All);
        Assert.Equal(new[] { a.Id }, inSales.Items.Select(r => r.Id));
        Assert.Equal("Sales", inSales.Items[0].DepartmentName);
        Assert.Equal(10, (await Svc.ListAsync(new AgentListQuery { DepartmentId = await DemoDepartmentIdAsync() }, All)).TotalCount);

        Assert.Equal(new[] { a.Id }, (await Svc.ListAsync(new AgentListQuery { Status = AccountStatus.Deregistered }, All)).Items.Select(r => r.Id));
        Assert.Equal(10, (await Svc.ListAsync(new AgentListQuery { Status = AccountStatus.Enabled }, All)).TotalCount);
    }

    [Fact]
    public async Task List_sorts_by_number_name_extension_department_and_status()
    {
        await AddAsync(new Agent { TenantId = Demo, Code = "999", NameCn = "Zed", JobNum = "A1", ExtensionId = await AddExtensionAsync(Demo, "10000") });
        await AddAsync(new Agent { TenantId = Demo, Code = "1010", NameCn = "Abe", ExtensionId = await AddExtensionAsync(Demo, "900"), Status = AccountStatus.Deregistered });
        await AddAsync(new Agent { TenantId = OtherTenant, Code = "100", NameCn = "Other" });

        async Task<string[]> Codes(string? sort, bool desc) =>
            (await Svc.ListAsync(new AgentListQuery { SortBy = sort, Descending = desc, PageSize = 50 }, All)).Items
                .Select(r => r.Dn).ToArray();

        var byNumber = await Codes(null, false);
        Assert.Equal(new[] { "10001_999", "10001_1000" }, byNumber.Take(2));
        Assert.Equal(new[] { "10001_1009", "10001_1010", "20001_100" }, byNumber.TakeLast(3));
        Assert.Equal(byNumber.Reverse(), await Codes(null, true));

        Assert.Equal("10001_1010", (await Codes("NameCn", false))[0]); // Abe
        Assert.Equal("10001_999", (await Codes("NameCn", true))[0]);   // Zed

        var byExtension = await Codes("Extension", false);
        Assert.Equal("20001_100", byExtension[0]);                      // no extension
        Assert.Equal("10001_1010", byExtension[1]);                     // 900: shorter before 1000…
        Assert.Equal("10001_999", byExtension[^1]);                     // 10000
        Assert.Equal("10001_999", (await Codes("Extension", true))[0]);

        Assert.Equal("10001_999", (await Codes("JobNum", false))[2]);  // two without a job number, then A1, E1000…

        var byDepartment = await Codes("Department", true); // Customer Service before none
        Assert.Equal(Enumerable.Range(1000, 10).Select(n => $"10001_{n}"), byDepartment.Take(10).Order(StringComparer.Ordinal));

        Assert.Equal("10001_1010", (await Codes("Status", false))[0]);
        Assert.Equal("10001_1010", (await Codes("Status", true))[^1]);
    }

    [Fact]
    public async Task List_pages()
    {
        var page = await Svc.ListAsync(new AgentListQuery { Page = 3, PageSize = 4 }, All);

        Assert.Equal(10, page.TotalCount);
        Assert.Equal(3, page.CurrentPage);
        Assert.Equal(new[] { "1008", "1009" }, page.Items.Select(r => r.Code));
        Assert.Equal(new[] { "10001_8000" }, page.Items[0].Acds);
    }

    // ------------------------------------------------------------------ delete

    [Fact]
    public async Task Delete_removes_an_agent_no_acd_or_user_refers_to_and_keeps_its_extension()
    {
        var ext = await AddExtensionAsync(Demo, "1010");
        var a = await AddAsync(new Agent { TenantId = Demo, Code = "1010", NameCn = "Temp", ExtensionId = ext });

        var result = await Svc.DeleteAsync(a.Id, All);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Null(await Svc.GetAsync(a.Id, All));
        Assert.Equal(10, await CountAsync());
        Assert.True(await _db.QueryAsync(c => c.Extensions.AnyAsync(x => x.Id == ext)));
    }

    [Fact]
    public async Task Delete_of_an_acd_member_is_refused_and_names_the_acd()
    {
        var a = await FindAsync(Demo, "1000");

        var result = await Svc.DeleteAsync(a.Id, All);

        Assert.Equal("Agent 10001_1000 is a member of ACD 10001_8000; remove it there first.", result.Refusal);
        Assert.NotNull(await Svc.GetAsync(a.Id, All));
    }

    [Fact]
    public async Task Delete_of_a_member_of_two_acds_names_both_and_is_allowed_once_removed()
    {
        var a = await FindAsync(Demo, "1000");
        var second = await _db.AddAsync(new Acd { TenantId = Demo, Code = "8001", Name = "Second", Members = { new AcdMember { AgentId = a.Id } } });

        Assert.Equal("Agent 10001_1000 is a member of ACDs 10001_8000, 10001_8001; remove it there first.",
            (await Svc.DeleteAsync(a.Id, All)).Refusal);

        await using (var ctx = _db.NewContext())
        {
            ctx.AcdMembers.RemoveRange(ctx.AcdMembers.Where(m => m.AgentId == a.Id));
            await ctx.SaveChangesAsync();
        }
        Assert.True((await Svc.DeleteAsync(a.Id, All)).Succeeded);
        Assert.Equal(9, await CountAsync());
        Assert.True(await _db.QueryAsync(c => c.Acds.AnyAsync(x => x.Id == second.Id)));
    }

    [Fact]
    public async Task Delete_of_an_agent_a_console_user_works_as_is_refused_and_names_the_user()
    {
        var a = await AddAsync(NewAgent("1010"));
        await _db.AddAsync(new ApplicationUser { UserName = "jane", TenantId = Demo, AgentId = a.Id });

        var result = await Svc.DeleteAsync(a.Id, All);

        Assert.Equal("Agent 10001_1010 is linked to console user jane; unlink or delete that user first.", result.Refusal);
        Assert.NotNull(await Svc.GetAsync(a.Id, All));
    }

    [Fact]
    public async Task Delete_of_an_agent_two_console_users_work_as_names_both()
    {
        var a = await AddAsync(NewAgent("1010"));
        await _db.AddAsync(new ApplicationUser { UserName = "jane", TenantId = Demo, AgentId = a.Id });
        await _db.AddAsync(new ApplicationUser { UserName = "joe", TenantId = Demo, AgentId = a.Id });

        var refusal = (await Svc.DeleteAsync(a.Id, All)).Refusal;

        Assert.NotNull(refusal);
        Assert.StartsWith("Agent 10001_1010 is linked to console users ", refusal);
        Assert.Contains("jane", refusal);
        Assert.Contains("joe", refusal);
        Assert.EndsWith("; unlink or delete those users first.", refusal);
        Assert.Equal(11, await CountAsync());
    }

    [Fact]
    public async Task Delete_of_a_missing_agent_is_refused()
    {
        Assert.Equal("This agent no longer exists.", (await Svc.DeleteAsync(999, All)).Refusal);
    }

    // ------------------------------------------------------------------ tenant scope

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_neither_lists_nor_gets_demo_agents()
    {
        var mine = await AddAsync(NewAgent("1000", OtherTenant));
        var scope = TenantScope.Of(OtherTenant);
        var demo = await FindAsync(Demo, "1000");

        var list = await Svc.ListAsync(new AgentListQuery(), scope);
        Assert.Equal(new[] { mine.Id }, list.Items.Select(r => r.Id));
        Assert.Equal(1, list.TotalCount);
        Assert.Equal(new[] { mine.Id }, (await Svc.ListAsync(new AgentListQuery { TenantId = Demo }, scope)).Items.Select(r => r.Id));
        Assert.Equal(new[] { mine.Id }, (await Svc.ExportAsync(new AgentListQuery { Search = "1000" }, scope)).Select(r => r.Id));
        Assert.Null(await Svc.GetAsync(demo.Id, scope));
        Assert.NotNull(await Svc.GetAsync(mine.Id, scope));
    }

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_cannot_create_update_or_delete_demo_agents()
    {
        var scope = TenantScope.Of(OtherTenant);

        Assert.Equal(TenantScope.OutOfScope, (await Svc.CreateAsync(NewAgent("1010"), "pass1234", scope)).Refusal);
        Assert.Equal(10, await CountAsync());

        var demo = await FindAsync(Demo, "1000");
        var hash = demo.PasswordHash;
        demo.NameCn = "Hijacked";
        demo.TenantId = OtherTenant;
        Assert.Equal(TenantScope.OutOfScope, (await Svc.UpdateAsync(demo, "hijacked-pw", scope)).Refusal);
        var saved = (await Svc.GetAsync(demo.Id, All))!;
        Assert.Equal("Agent 1000", saved.NameCn);
        Assert.Equal(hash, saved.PasswordHash);

        var unused = await AddAsync(NewAgent("1010"));
        Assert.Equal(TenantScope.OutOfScope, (await Svc.DeleteAsync(unused.Id, scope)).Refusal);
        Assert.NotNull(await Svc.GetAsync(unused.Id, All));
    }

    [Fact]
    public async Task A_tenant_scoped_caller_manages_its_own_agents_and_all_reaches_every_tenant()
    {
        var scope = TenantScope.Of(OtherTenant);
        Assert.True((await Svc.CreateAsync(NewAgent("300", OtherTenant), "pass1234", scope)).Succeeded);
        var mine = await FindAsync(OtherTenant, "300");
        mine.NameCn = "Mine";
        Assert.True((await Svc.UpdateAsync(mine, null, scope)).Succeeded);
        Assert.Equal("Mine", (await Svc.GetAsync(mine.Id, scope))!.NameCn);

        Assert.Equal(11, (await Svc.ListAsync(new AgentListQuery(), All)).TotalCount);
        var demo = await FindAsync(Demo, "1000");
        demo.NameCn = "By admin";
        Assert.True((await Svc.UpdateAsync(demo, null, All)).Succeeded);
        Assert.Equal("By admin", (await Svc.GetAsync(demo.Id, All))!.NameCn);

        Assert.True((await Svc.DeleteAsync(mine.Id, scope)).Succeeded);
        Assert.Null(await Svc.GetAsync(mine.Id, All));
    }
}
