using CallCenter.Domain.Acds;
using CallCenter.Domain.Agents;
using CallCenter.Domain.Ivr;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Acds;
using CallCenter.Infrastructure.Demo;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Tests.Support.TestData;

namespace CallCenter.Tests.Infrastructure;

/// <summary>AcdService against a real, migrated SQLite file with the demo tenant and tenant 20001 (fresh per test).</summary>
public class AcdServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = default!;
    private AcdService Svc => _db.Get<AcdService>();
    private static readonly TenantScope All = TenantScope.All;
    private const int Demo = DemoData.TenantId;

    /// <summary>Ids of the demo agents 10001_1000…10001_1009, in that order.</summary>
    private int[] _agents = default!;
    private Acd _demoAcd = default!;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
        await _db.AddTenantAsync(OtherTenant);
        _agents = await _db.QueryAsync(c => c.Agents.Where(a => a.TenantId == Demo).OrderBy(a => a.Code).Select(a => a.Id).ToArrayAsync());
        _demoAcd = await _db.QueryAsync(c => c.Acds.AsNoTracking().Include(a => a.Members).SingleAsync(a => a.Code == "8000"));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<int> CountAsync() => _db.CountAsync<Acd>();
    private Task<int> MemberCountAsync() => _db.CountAsync<AcdMember>();

    private Task<Acd> FindAsync(int tenantId, string code) =>
        _db.QueryAsync(c => c.Acds.AsNoTracking().Include(a => a.Members).SingleAsync(a => a.TenantId == tenantId && a.Code == code));

    private static Acd NewAcd(string code = "8001", int tenantId = Demo) => new() { TenantId = tenantId, Code = code, Name = $"Queue {code}" };

    private async Task<Acd> AddAsync(Acd acd)
    {
        var r = await Svc.CreateAsync(acd, All);
        Assert.True(r.Succeeded, r.Describe());
        return await FindAsync(acd.TenantId, acd.Code.Trim());
    }

    private async Task<int> AddIvrAsync(int tenantId, string name) =>
        (await _db.AddAsync(new IvrFlow { TenantId = tenantId, Name = name })).Id;

    private Task<int> DemoIvrIdAsync() => _db.QueryAsync(c => c.IvrFlows.Where(f => f.Name == "Main menu").Select(f => f.Id).SingleAsync());

    private static Dictionary<int, int> Members(Acd acd) => acd.Members.ToDictionary(m => m.AgentId, m => m.Priority);

    // ------------------------------------------------------------------ create

    [Fact]
    public async Task Create_writes_an_acd_with_a_trimmed_name_and_its_members_and_priorities_stamped_with_the_clock()
    {
        _db.Clock.Now = FixedClock.Default.AddHours(2);

        var result = await Svc.CreateAsync(new Acd
        {
            TenantId = Demo, Code = "8001", Name = "  Sales ", Description = "  ", Strategy = RoutingStrategy.RoundRobin,
            OutboundNumber = "+8610", RingTimeout = 15, MaxWaitTimeWithNoAgent = 120, Bound = true,
            Members = { new AcdMember { AgentId = _agents[0], Priority = 1 }, new AcdMember { AgentId = _agents[1], Priority = 5 } },
        }, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = await FindAsync(Demo, "8001");
        Assert.Equal("10001_8001", saved.QueueName);
        Assert.Equal("Sales", saved.Name);
        Assert.Null(saved.Description);
        Assert.Equal(RoutingStrategy.RoundRobin, saved.Strategy);
        Assert.Equal("+8610", saved.OutboundNumber);
        Assert.Equal(15, saved.RingTimeout);
        Assert.Equal(120, saved.MaxWaitTimeWithNoAgent);
        Assert.Equal(OverflowAction.Hangup, saved.OverflowAction);
        Assert.Null(saved.OverflowTarget);
        Assert.True(saved.Bound);
        Assert.Equal(FixedClock.Default.AddHours(2).UtcDateTime, saved.CreatedTime);
        Assert.Equal(new Dictionary<int, int> { [_agents[0]] = 1, [_agents[1]] = 5 }, Members(saved));
        Assert.Equal(2, await CountAsync());
        Assert.Equal(12, await MemberCountAsync());
    }

    [Fact]
    public async Task Create_with_hang_up_drops_any_overflow_target()
    {
        var acd = NewAcd();
        acd.OverflowAction = OverflowAction.Hangup;
        acd.OverflowTarget = "leftover";

        var saved = await AddAsync(acd);

        Assert.Null(saved.OverflowTarget);
    }

    private static readonly Dictionary<string, (Action<Acd, int[]> Break, string Field, string Message)> Rules = new()
    {
        ["empty code"] = ((a, _) => a.Code = "", "Code", "ACD code is required."),
        ["2-digit code"] = ((a, _) => a.Code = "80", "Code", "ACD code must be 3 to 8 digits."),
        ["code with a letter"] = ((a, _) => a.Code = "80a1", "Code", "ACD code must be 3 to 8 digits."),
        ["blank name"] = ((a, _) => a.Name = "  ", "Name", "Name is required."),
        ["name of 101"] = ((a, _) => a.Name = new string('n', 101), "Name", "Name must be at most 100 characters."),
        ["description of 501"] = ((a, _) => a.Description = new string('d', 501), "Description", "Description must be at most 500 characters."),
        ["outbound number with a dash"] = ((a, _) => a.OutboundNumber = "400-800", "OutboundNumber", "Outbound number must be up to 20 digits (an optional leading +)."),
        ["outbound number of 21"] = ((a, _) => a.OutboundNumber = new string('4', 21), "OutboundNumber", "Outbound number must be up to 20 digits (an optional leading +)."),
        ["ring timeout 4"] = ((a, _) => a.RingTimeout = 4, "RingTimeout", "Ring timeout (s) must be between 5 and 300."),
        ["ring timeout 301"] = ((a, _) => a.RingTimeout = 301, "RingTimeout", "Ring timeout (s) must be between 5 and 300."),
        ["queue timeout -1"] = ((a, _) => a.MaxWaitTimeWithNoAgent = -1, "MaxWaitTimeWithNoAgent", "Queue timeout (s) must be between 0 and 86400."),
        ["overflow to ACD without target"] = ((a, _) => a.OverflowAction = OverflowAction.TransferToAcd, "OverflowTarget", "An overflow target is required for this overflow action."),
        ["overflow to IVR without target"] = ((a, _) => { a.OverflowAction = OverflowAction.TransferToIvr; a.OverflowTarget = " "; }, "OverflowTarget", "An overflow target is required for this overflow action."),
        ["overflow to number without target"] = ((a, _) => a.OverflowAction = OverflowAction.TransferToNumber, "OverflowTarget", "An overflow target is required for this overflow action."),
        ["overflow to an ACD of another tenant"] = ((a, _) => { a.OverflowAction = OverflowAction.TransferToAcd; a.OverflowTarget = "20001_8000"; }, "OverflowTarget", "Overflow ACD must be an ACD number of the same tenant, e.g. 10001_8001."),
        ["overflow to a bare ACD code"] = ((a, _) => { a.OverflowAction = OverflowAction.TransferToAcd; a.OverflowTarget = "8000"; }, "OverflowTarget", "Overflow ACD must be an ACD number of the same tenant, e.g. 10001_8001."),
        ["overflow to itself"] = ((a, _) => { a.OverflowAction = OverflowAction.TransferToAcd; a.OverflowTarget = "10001_8001"; }, "OverflowTarget", "An ACD cannot overflow to itself."),
        ["overflow number with letters"] = ((a, _) => { a.OverflowAction = OverflowAction.TransferToNumber; a.OverflowTarget = "call-me"; }, "OverflowTarget", "Overflow number must be up to 20 digits (an optional leading +)."),
        ["overflow number of 21"] = ((a, _) => { a.OverflowAction = OverflowAction.TransferToNumber; a.OverflowTarget = new string('1', 21); }, "OverflowTarget", "Overflow number must be up to 20 digits (an optional leading +)."),
        ["overflow IVR not an id"] = ((a, _) => { a.OverflowAction = OverflowAction.TransferToIvr; a.OverflowTarget = "menu"; }, "OverflowTarget", "Overflow IVR must be an IVR flow id."),
        ["same member twice"] = ((a, ids) => a.Members = new() { new() { AgentId = ids[0] }, new() { AgentId = ids[0], Priority = 2 } }, "Members", "An agent can be a member of an ACD only once."),
        ["member priority 0"] = ((a, ids) => a.Members = new() { new() { AgentId = ids[0], Priority = 0 } }, "Members", "Member priority must be between 1 (highest) and 100."),
        ["member priority 101"] = ((a, ids) => a.Members = new() { new() { AgentId = ids[0], Priority = 101 } }, "Members", "Member priority must be between 1 (highest) and 100."),
    };

    public static TheoryData<string> RuleNames => new(Rules.Keys);

    [Theory]
    [MemberData(nameof(RuleNames))]
    public async Task Invalid_input_is_refused_on_its_field_and_nothing_is_written(string rule)
    {
        var (breakIt, field, message) = Rules[rule];
        var acd = NewAcd();
        acd.Members.Add(new AcdMember { AgentId = _agents[5], Priority = 3 });
        breakIt(acd, _agents);

        var result = await Svc.CreateAsync(acd, All);

        Assert.False(result.Succeeded);
        Assert.Equal(message, result.ErrorFor(field));
        Assert.Equal(1, await CountAsync());
        Assert.Equal(10, await MemberCountAsync());
    }

    [Fact]
    public async Task Create_without_a_tenant_or_for_a_missing_tenant_is_refused_on_field_TenantId()
    {
        Assert.Equal("Choose a tenant.", (await Svc.CreateAsync(NewAcd(tenantId: 0), All)).ErrorFor("TenantId"));
        Assert.Equal("Tenant 30003 does not exist.", (await Svc.CreateAsync(NewAcd(tenantId: 30003), All)).ErrorFor("TenantId"));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Create_with_a_code_in_use_in_the_tenant_is_refused_on_field_Code()
    {
        var result = await Svc.CreateAsync(NewAcd("8000"), All);

        Assert.Equal("ACD 10001_8000 already exists.", result.ErrorFor("Code"));
        Assert.Equal(1, await CountAsync());
        Assert.Equal("Default group", (await FindAsync(Demo, "8000")).Name);
    }

    [Fact]
    public async Task The_same_code_may_exist_in_another_tenant()
    {
        var saved = await AddAsync(NewAcd("8000", OtherTenant));
        Assert.Equal("20001_8000", saved.QueueName);
        Assert.Equal(2, await CountAsync());
    }

    // ------------------------------------------------------------------ overflow targets and members must exist in the tenant

    [Fact]
    public async Task Overflow_to_a_missing_acd_is_refused_on_field_OverflowTarget()
    {
        var acd = NewAcd();
        acd.OverflowAction = OverflowAction.TransferToAcd;
        acd.OverflowTarget = "10001_8999";

        var result = await Svc.CreateAsync(acd, All);

        Assert.Equal("ACD 10001_8999 does not exist in tenant 10001.", result.ErrorFor("OverflowTarget"));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Overflow_to_a_missing_ivr_flow_or_one_of_another_tenant_is_refused_on_field_OverflowTarget()
    {
        var theirs = await AddIvrAsync(OtherTenant, "Their menu");
        var acd = NewAcd();
        acd.OverflowAction = OverflowAction.TransferToIvr;

        acd.OverflowTarget = "999";
        Assert.Equal("IVR flow 999 does not exist in tenant 10001.", (await Svc.CreateAsync(acd, All)).ErrorFor("OverflowTarget"));
        acd.OverflowTarget = theirs.ToString();
        Assert.Equal($"IVR flow {theirs} does not exist in tenant 10001.", (await Svc.CreateAsync(acd, All)).ErrorFor("OverflowTarget"));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Overflow_targets_that_exist_are_stored_and_listed_with_their_names()
    {
        var ivr = await DemoIvrIdAsync();
        var toAcd = NewAcd("8001");
        toAcd.OverflowAction = OverflowAction.TransferToAcd;
        toAcd.OverflowTarget = "10001_8000 ";
        var toIvr = NewAcd("8002");
        toIvr.OverflowAction = OverflowAction.TransferToIvr;
        toIvr.OverflowTarget = $" {ivr}";
        var toNumber = NewAcd("8003");
        toNumber.OverflowAction = OverflowAction.TransferToNumber;
        toNumber.OverflowTarget = "+8613800000000";

        Assert.Equal("10001_8000", (await AddAsync(toAcd)).OverflowTarget);
        Assert.Equal(ivr.ToString(), (await AddAsync(toIvr)).OverflowTarget);
        Assert.Equal("+8613800000000", (await AddAsync(toNumber)).OverflowTarget);

        var rows = (await Svc.ListAsync(new AcdListQuery(), All)).Items.ToDictionary(r => r.Code);
        Assert.Equal("Hang up", rows["8000"].OverflowText);
        Assert.Equal("Default group", rows["8001"].OverflowTargetName);
        Assert.Equal("ACD 10001_8000 (Default group)", rows["8001"].OverflowText);
        Assert.Equal($"IVR {ivr} (Main menu)", rows["8002"].OverflowText);
        Assert.Equal("Number +8613800000000", rows["8003"].OverflowText);
        Assert.Null(rows["8003"].OverflowTargetName);
    }

    [Fact]
    public async Task Members_of_another_tenant_or_missing_agents_are_refused_on_field_Members()
    {
        var theirs = await _db.AddAsync(new Agent { TenantId = OtherTenant, Code = "1000", NameCn = "Theirs", PasswordHash = "x" });

        var one = NewAcd();
        one.Members = new() { new() { AgentId = _agents[0] }, new() { AgentId = theirs.Id } };
        Assert.Equal("1 selected agent does not belong to tenant 10001 (or no longer exists).", (await Svc.CreateAsync(one, All)).ErrorFor("Members"));

        var two = NewAcd();
        two.Members = new() { new() { AgentId = theirs.Id }, new() { AgentId = 9999 } };
        Assert.Equal("2 selected agents do not belong to tenant 10001 (or no longer exist).", (await Svc.CreateAsync(two, All)).ErrorFor("Members"));

        Assert.Equal(1, await CountAsync());
        Assert.Equal(10, await MemberCountAsync());
    }

    // ------------------------------------------------------------------ update

    [Fact]
    public async Task Update_replaces_the_member_set_with_its_priorities()
    {
        var acd = await FindAsync(Demo, "8000");
        acd.Members = new()
        {
            new() { AgentId = _agents[0], Priority = 3 },  // kept, priority changed
            new() { AgentId = _agents[1], Priority = 1 },  // kept
        };

        Assert.True((await Svc.UpdateAsync(acd, All)).Succeeded);

        Assert.Equal(new Dictionary<int, int> { [_agents[0]] = 3, [_agents[1]] = 1 }, Members(await FindAsync(Demo, "8000")));
        Assert.Equal(2, await MemberCountAsync());
        Assert.Equal(10, await _db.CountAsync<Agent>()); // dropping a membership keeps the agent

        var newcomer = await _db.AddAsync(new Agent { TenantId = Demo, Code = "1010", NameCn = "New", PasswordHash = "x" });
        acd = await FindAsync(Demo, "8000");
        acd.Members = new()
        {
            new() { AgentId = _agents[1], Priority = 2 },     // kept, priority changed
            new() { AgentId = newcomer.Id, Priority = 100 },  // added
            new() { AgentId = _agents[9], Priority = 1 },     // added back
        };                                                    // _agents[0] dropped

        Assert.True((await Svc.UpdateAsync(acd, All)).Succeeded);

        Assert.Equal(new Dictionary<int, int> { [_agents[1]] = 2, [newcomer.Id] = 100, [_agents[9]] = 1 }, Members(await FindAsync(Demo, "8000")));
    }

    [Fact]
    public async Task Update_with_no_members_empties_the_acd()
    {
        var acd = await FindAsync(Demo, "8000");
        acd.Members.Clear();

        Assert.True((await Svc.UpdateAsync(acd, All)).Succeeded);

        Assert.Empty((await FindAsync(Demo, "8000")).Members);
        Assert.Equal(0, await MemberCountAsync());
    }

    [Fact]
    public async Task Update_changes_the_editable_fields_but_not_the_creation_time()
    {
        await AddAsync(NewAcd("8001"));
        var acd = await FindAsync(Demo, "8000");
        acd.Name = " Renamed ";
        acd.Description = "New text";
        acd.Strategy = RoutingStrategy.RingAll;
        acd.OutboundNumber = "";
        acd.RingTimeout = 30;
        acd.MaxWaitTimeWithNoAgent = 0;
        acd.OverflowAction = OverflowAction.TransferToAcd;
        acd.OverflowTarget = "10001_8001";
        _db.Clock.Now = FixedClock.Default.AddDays(3);

        var result = await Svc.UpdateAsync(acd, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = await FindAsync(Demo, "8000");
        Assert.Equal("Renamed", saved.Name);
        Assert.Equal("New text", saved.Description);
        Assert.Equal(RoutingStrategy.RingAll, saved.Strategy);
        Assert.Null(saved.OutboundNumber);
        Assert.Equal(30, saved.RingTimeout);
        Assert.Equal(0, saved.MaxWaitTimeWithNoAgent);
        Assert.Equal(OverflowAction.TransferToAcd, saved.OverflowAction);
        Assert.Equal("10001_8001", saved.OverflowTarget);
        Assert.Equal(FixedClock.Default.UtcDateTime, saved.CreatedTime);
        Assert.Equal(10, saved.Members.Count);
    }

    [Fact]
    public async Task Invalid_update_is_refused_and_neither_fields_nor_members_change()
    {
        var acd = await FindAsync(Demo, "8000");
        acd.Name = "";
        acd.Members = new() { new() { AgentId = _agents[0], Priority = 0 } };

        var result = await Svc.UpdateAsync(acd, All);

        Assert.Equal("Name is required.", result.ErrorFor("Name"));
        Assert.Equal("Member priority must be between 1 (highest) and 100.", result.ErrorFor("Members"));
        var saved = await FindAsync(Demo, "8000");
        Assert.Equal("Default group", saved.Name);
        Assert.Equal(_agents.ToDictionary(id => id, _ => 1), Members(saved));
    }

    [Fact]
    public async Task Update_with_a_member_of_another_tenant_or_a_missing_overflow_acd_is_refused_and_nothing_changes()
    {
        var theirs = await _db.AddAsync(new Agent { TenantId = OtherTenant, Code = "1000", NameCn = "Theirs", PasswordHash = "x" });
        var acd = await FindAsync(Demo, "8000");
        acd.Members = new() { new() { AgentId = theirs.Id } };
        acd.Name = "Should not stick";

        Assert.Equal("1 selected agent does not belong to tenant 10001 (or no longer exists).", (await Svc.UpdateAsync(acd, All)).ErrorFor("Members"));

        acd.Members = new();
        acd.OverflowAction = OverflowAction.TransferToAcd;
        acd.OverflowTarget = "10001_8999";
        Assert.Equal("ACD 10001_8999 does not exist in tenant 10001.", (await Svc.UpdateAsync(acd, All)).ErrorFor("OverflowTarget"));

        var saved = await FindAsync(Demo, "8000");
        Assert.Equal("Default group", saved.Name);
        Assert.Equal(OverflowAction.Hangup, saved.OverflowAction);
        Assert.Equal(10, saved.Members.Count);
    }

    [Fact]
    public async Task Update_cannot_change_the_code_or_the_tenant()
    {
        var acd = await FindAsync(Demo, "8000");
        acd.Code = "8001";
        acd.Name = "Should not stick";

        Assert.Equal("The tenant and code of ACD 10001_8000 cannot be changed; create a new ACD instead.", (await Svc.UpdateAsync(acd, All)).Refusal);

        acd.Code = "8000";
        acd.TenantId = OtherTenant;
        acd.Members = new();
        Assert.Equal("The tenant and code of ACD 10001_8000 cannot be changed; create a new ACD instead.", (await Svc.UpdateAsync(acd, All)).Refusal);

        var saved = await FindAsync(Demo, "8000");
        Assert.Equal("Default group", saved.Name);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Update_of_a_missing_acd_is_refused()
    {
        var result = await Svc.UpdateAsync(new Acd { Id = 999, TenantId = Demo, Code = "8123", Name = "Ghost" }, All);
        Assert.Equal("ACD 10001_8123 no longer exists.", result.Refusal);
        Assert.Equal(1, await CountAsync());
    }

    // ------------------------------------------------------------------ choices for the dialog

    [Fact]
    public async Task Agent_choices_list_the_tenants_agents_with_number_and_name()
    {
        await _db.AddAsync(new Agent { TenantId = OtherTenant, Code = "1000", NameCn = "Theirs", PasswordHash = "x" });

        var choices = await Svc.AgentChoicesAsync(Demo, All);

        Assert.Equal(Enumerable.Range(1000, 10).Select(n => $"10001_{n}"), choices.Select(c => c.Dn));
        Assert.Equal(_agents, choices.Select(c => c.Id));
        Assert.Equal("Agent 1004", choices[4].NameCn);
        Assert.Equal(new[] { "20001_1000" }, (await Svc.AgentChoicesAsync(OtherTenant, All)).Select(c => c.Dn));
    }

    [Fact]
    public async Task Agent_choices_put_shorter_codes_first_like_every_agent_number_list()
    {
        await _db.AddAsync(new Agent { TenantId = Demo, Code = "999", NameCn = "Short", PasswordHash = "x" });
        await _db.AddAsync(new Agent { TenantId = Demo, Code = "10000", NameCn = "Long", PasswordHash = "x" });

        var dns = (await Svc.AgentChoicesAsync(Demo, All)).Select(c => c.Dn).ToArray();

        Assert.Equal("10001_999", dns[0]);
        Assert.Equal("10001_1000", dns[1]);
        Assert.Equal("10001_10000", dns[^1]);
    }

    [Fact]
    public async Task Agent_choices_are_empty_for_a_tenant_out_of_scope()
    {
        Assert.Empty(await Svc.AgentChoicesAsync(Demo, TenantScope.Of(OtherTenant)));
        Assert.Equal(10, (await Svc.AgentChoicesAsync(Demo, TenantScope.Of(Demo))).Count);
    }

    [Fact]
    public async Task Acd_and_ivr_choices_list_the_tenants_own_except_the_acd_itself()
    {
        var second = await AddAsync(NewAcd("8001"));
        await AddAsync(NewAcd("8000", OtherTenant));
        var aMenu = await AddIvrAsync(Demo, "A menu");
        await AddIvrAsync(OtherTenant, "Their menu");

        Assert.Equal(new[] { ("10001_8000", "Default group"), ("10001_8001", "Queue 8001") }, await Svc.AcdChoicesAsync(Demo, null, All));
        Assert.Equal(new[] { ("10001_8000", "Default group") }, await Svc.AcdChoicesAsync(Demo, second.Id, All));
        Assert.Equal(new[] { (aMenu, "A menu"), (await DemoIvrIdAsync(), "Main menu") }, await Svc.IvrChoicesAsync(Demo, All));

        // Codes are digit strings: shorter first, as in every ACD number list.
        await AddAsync(NewAcd("900"));
        Assert.Equal(new[] { "10001_900", "10001_8000" }, (await Svc.AcdChoicesAsync(Demo, second.Id, All)).Select(c => c.QueueName));

        Assert.Empty(await Svc.AcdChoicesAsync(Demo, null, TenantScope.Of(OtherTenant)));
        Assert.Empty(await Svc.IvrChoicesAsync(Demo, TenantScope.Of(OtherTenant)));
    }

    // ------------------------------------------------------------------ list, search, filters, sort, paging, export

    [Fact]
    public async Task List_shows_the_demo_acd_with_its_member_count()
    {
        var page = await Svc.ListAsync(new AcdListQuery(), All);

        var row = Assert.Single(page.Items);
        Assert.Equal("10001_8000", row.QueueName);
        Assert.Equal("Default group", row.Name);
        Assert.Equal("Demo inbound queue", row.Description);
        Assert.Equal(RoutingStrategy.LongestIdleAgent, row.Strategy);
        Assert.Equal("4008000000", row.OutboundNumber);
        Assert.Equal(10, row.MemberCount);
        Assert.Equal(1, page.TotalCount);
    }

    [Theory]
    [InlineData("10001_80", new[] { "10001_8000", "10001_8001" })] // tenant exactly, code as a prefix
    [InlineData("10001_8001", new[] { "10001_8001" })]
    [InlineData("20001_8", new[] { "20001_8000" })]
    [InlineData("1_80", new string[0])]                            // not a tenant number
    [InlineData("800", new[] { "10001_8000", "10001_8001", "20001_8000" })] // code
    [InlineData("sales", new[] { "10001_8001" })]                  // name, case-insensitive
    [InlineData("default", new[] { "10001_8000" })]
    [InlineData("nothing-like-this", new string[0])]
    public async Task Search_matches_acd_number_code_or_name(string search, string[] expected)
    {
        await AddAsync(new Acd { TenantId = Demo, Code = "8001", Name = "Sales" });
        await AddAsync(new Acd { TenantId = OtherTenant, Code = "8000", Name = "Theirs" });

        var page = await Svc.ListAsync(new AcdListQuery { Search = search }, All);

        Assert.Equal(expected, page.Items.Select(r => r.QueueName).ToArray());
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task List_filters_by_strategy_and_sorts_by_member_count_name_and_timeouts()
    {
        await AddAsync(new Acd { TenantId = Demo, Code = "8001", Name = "Alpha", Strategy = RoutingStrategy.RingAll, RingTimeout = 5, MaxWaitTimeWithNoAgent = 600,
            Members = { new AcdMember { AgentId = _agents[0] } } });
        await AddAsync(new Acd { TenantId = Demo, Code = "8002", Name = "Zulu", Strategy = RoutingStrategy.RingAll, RingTimeout = 60, MaxWaitTimeWithNoAgent = 0 });

        Assert.Equal(new[] { "8001", "8002" }, (await Svc.ListAsync(new AcdListQuery { Strategy = RoutingStrategy.RingAll }, All)).Items.Select(r => r.Code));
        Assert.Equal(new[] { "8000" }, (await Svc.ListAsync(new AcdListQuery { Strategy = RoutingStrategy.LongestIdleAgent }, All)).Items.Select(r => r.Code));
        Assert.Empty((await Svc.ListAsync(new AcdListQuery { Strategy = RoutingStrategy.Random }, All)).Items);

        async Task<string[]> Codes(string? sort, bool desc) =>
            (await Svc.ListAsync(new AcdListQuery { SortBy = sort, Descending = desc }, All)).Items.Select(r => r.Code).ToArray();

        Assert.Equal(new[] { "8000", "8001", "8002" }, await Codes(null, false));
        Assert.Equal(new[] { "8002", "8001", "8000" }, await Codes(null, true));
        Assert.Equal(new[] { "8002", "8001", "8000" }, await Codes("MemberCount", false)); // 0, 1, 10
        Assert.Equal(new[] { "8000", "8001", "8002" }, await Codes("MemberCount", true));
        Assert.Equal(new[] { "8001", "8000", "8002" }, await Codes("Name", false));         // Alpha, Default group, Zulu
        Assert.Equal(new[] { "8002", "8000", "8001" }, await Codes("Name", true));
        Assert.Equal(new[] { "8001", "8000", "8002" }, await Codes("RingTimeout", false));  // 5, 20, 60
        Assert.Equal(new[] { "8001", "8000", "8002" }, await Codes("MaxWaitTimeWithNoAgent", true)); // 600, 60, 0
    }

    [Fact]
    public async Task List_pages_in_a_stable_order()
    {
        for (var code = 8001; code <= 8012; code++) await AddAsync(NewAcd(code.ToString()));

        var page2 = await Svc.ListAsync(new AcdListQuery { Page = 2, PageSize = 5 }, All);
        Assert.Equal(13, page2.TotalCount);
        Assert.Equal(new[] { "8005", "8006", "8007", "8008", "8009" }, page2.Items.Select(r => r.Code));
        var page3 = await Svc.ListAsync(new AcdListQuery { Page = 3, PageSize = 5 }, All);
        Assert.Equal(new[] { "8010", "8011", "8012" }, page3.Items.Select(r => r.Code));
        // Ties on the sort key fall back to creation order, so no row shows on two pages.
        var byMembers = new List<string>();
        for (var p = 1; p <= 3; p++)
            byMembers.AddRange((await Svc.ListAsync(new AcdListQuery { SortBy = "MemberCount", Page = p, PageSize = 5 }, All)).Items.Select(r => r.Code));
        Assert.Equal(13, byMembers.Distinct().Count());
    }

    [Fact]
    public async Task Export_lists_members_by_priority_then_agent_number()
    {
        await AddAsync(new Acd
        {
            TenantId = Demo, Code = "8001", Name = "Priorities",
            Members = { new() { AgentId = _agents[3], Priority = 2 }, new() { AgentId = _agents[2], Priority = 2 }, new() { AgentId = _agents[9], Priority = 1 } },
        });

        var rows = await Svc.ExportAsync(new AcdListQuery { PageSize = 1 }, All);

        Assert.Equal(new[] { "10001_8000", "10001_8001" }, rows.Select(r => r.Acd.QueueName));
        Assert.Equal(10, rows[0].Members.Count);
        Assert.Equal("10001_1009 (1), 10001_1002 (2), 10001_1003 (2)", rows[1].MembersText);
        Assert.Equal("Agent 1009", rows[1].Members[0].AgentName);
        Assert.Equal(_agents[9], rows[1].Members[0].AgentId);
    }

    // ------------------------------------------------------------------ delete

    [Fact]
    public async Task Delete_removes_the_acd_and_its_memberships_but_keeps_the_agents()
    {
        var result = await Svc.DeleteAsync(_demoAcd.Id, All);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Null(await Svc.GetAsync(_demoAcd.Id, All));
        Assert.Equal(0, await CountAsync());
        Assert.Equal(0, await MemberCountAsync());
        Assert.Equal(10, await _db.CountAsync<Agent>());
    }

    [Fact]
    public async Task Delete_is_refused_while_another_acd_overflows_to_it_and_names_that_acd()
    {
        var overflow = NewAcd("8001");
        overflow.OverflowAction = OverflowAction.TransferToAcd;
        overflow.OverflowTarget = "10001_8000";
        await AddAsync(overflow);

        var refused = await Svc.DeleteAsync(_demoAcd.Id, All);

        Assert.Equal("ACD 10001_8000 cannot be deleted: ACD 10001_8001 overflows to it. Change that overflow first.", refused.Refusal);
        Assert.NotNull(await Svc.GetAsync(_demoAcd.Id, All));
        Assert.Equal(10, await MemberCountAsync());

        var second = NewAcd("8002");
        second.OverflowAction = OverflowAction.TransferToAcd;
        second.OverflowTarget = "10001_8000";
        await AddAsync(second);
        Assert.Equal("ACD 10001_8000 cannot be deleted: ACD 10001_8001, ACD 10001_8002 overflow to it. Change that overflow first.",
            (await Svc.DeleteAsync(_demoAcd.Id, All)).Refusal);

        // Once nobody overflows to it, it can go.
        foreach (var code in new[] { "8001", "8002" })
        {
            var acd = await FindAsync(Demo, code);
            acd.OverflowAction = OverflowAction.Hangup;
            Assert.True((await Svc.UpdateAsync(acd, All)).Succeeded);
        }
        Assert.True((await Svc.DeleteAsync(_demoAcd.Id, All)).Succeeded);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task An_acd_that_overflows_to_another_may_itself_be_deleted()
    {
        var overflow = NewAcd("8001");
        overflow.OverflowAction = OverflowAction.TransferToAcd;
        overflow.OverflowTarget = "10001_8000";
        var saved = await AddAsync(overflow);

        Assert.True((await Svc.DeleteAsync(saved.Id, All)).Succeeded);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Delete_of_a_missing_acd_is_refused()
    {
        Assert.Equal("ACD 999 no longer exists.", (await Svc.DeleteAsync(999, All)).Refusal);
    }

    // ------------------------------------------------------------------ tenant scope

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_neither_lists_nor_gets_the_demo_acd()
    {
        var mine = await AddAsync(NewAcd("8000", OtherTenant));
        var scope = TenantScope.Of(OtherTenant);

        var list = await Svc.ListAsync(new AcdListQuery(), scope);
        Assert.Equal(new[] { mine.Id }, list.Items.Select(r => r.Id));
        Assert.Equal(1, list.TotalCount);
        // Asking for the demo tenant explicitly does not widen the scope.
        Assert.Equal(new[] { mine.Id }, (await Svc.ListAsync(new AcdListQuery { TenantId = Demo }, scope)).Items.Select(r => r.Id));
        Assert.Empty((await Svc.ListAsync(new AcdListQuery { TenantId = Demo, Search = "10001_8000" }, scope)).Items);
        Assert.Equal(new[] { mine.Id }, (await Svc.ExportAsync(new AcdListQuery(), scope)).Select(r => r.Acd.Id));
        Assert.Null(await Svc.GetAsync(_demoAcd.Id, scope));
        Assert.NotNull(await Svc.GetAsync(mine.Id, scope));
    }

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_cannot_create_update_or_delete_demo_acds()
    {
        var scope = TenantScope.Of(OtherTenant);

        Assert.Equal(TenantScope.OutOfScope, (await Svc.CreateAsync(NewAcd("8001"), scope)).Refusal);
        Assert.Equal(1, await CountAsync());

        var demo = await FindAsync(Demo, "8000");
        demo.Name = "Hijacked";
        demo.Members.Clear();
        Assert.Equal(TenantScope.OutOfScope, (await Svc.UpdateAsync(demo, scope)).Refusal);
        // Claiming the caller's tenant on the input finds nothing to change.
        demo.TenantId = OtherTenant;
        Assert.Equal("ACD 20001_8000 no longer exists.", (await Svc.UpdateAsync(demo, scope)).Refusal);
        var saved = await FindAsync(Demo, "8000");
        Assert.Equal("Default group", saved.Name);
        Assert.Equal(10, saved.Members.Count);

        Assert.Equal(TenantScope.OutOfScope, (await Svc.DeleteAsync(_demoAcd.Id, scope)).Refusal);
        Assert.NotNull(await Svc.GetAsync(_demoAcd.Id, All));
    }

    [Fact]
    public async Task A_tenant_scoped_caller_manages_its_own_acds_and_all_reaches_every_tenant()
    {
        var scope = TenantScope.Of(OtherTenant);
        Assert.True((await Svc.CreateAsync(NewAcd("8000", OtherTenant), scope)).Succeeded);
        var mine = await FindAsync(OtherTenant, "8000");
        mine.Name = "Mine";
        Assert.True((await Svc.UpdateAsync(mine, scope)).Succeeded);
        Assert.Equal("Mine", (await Svc.GetAsync(mine.Id, scope))!.Name);

        Assert.Equal(2, (await Svc.ListAsync(new AcdListQuery(), All)).TotalCount);
        var demo = await FindAsync(Demo, "8000");
        demo.Name = "By admin";
        Assert.True((await Svc.UpdateAsync(demo, All)).Succeeded);
        Assert.Equal("By admin", (await Svc.GetAsync(demo.Id, All))!.Name);

        Assert.True((await Svc.DeleteAsync(mine.Id, scope)).Succeeded);
        Assert.Null(await Svc.GetAsync(mine.Id, All));
    }
}
