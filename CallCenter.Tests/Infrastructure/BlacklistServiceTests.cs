using CallCenter.Domain.Blacklists;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Blacklists;
using CallCenter.Infrastructure.Demo;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CallCenter.Tests.Support.TestData;

namespace CallCenter.Tests.Infrastructure;

/// <summary>BlacklistService against a real, migrated SQLite file with the demo tenant and tenant 20001 (fresh per test).</summary>
public class BlacklistServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = default!;
    private BlacklistService Svc => _db.Get<BlacklistService>();
    private static readonly TenantScope All = TenantScope.All;
    private const int Demo = DemoData.TenantId;
    private const string DemoNumber = "13800000000";
    private static readonly DateTime Now = FixedClock.Default.UtcDateTime;
    private BlacklistEntry _demoEntry = default!;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
        await _db.AddTenantAsync(OtherTenant, "Other Center");
        _demoEntry = await FindAsync(Demo, DemoNumber);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<int> CountAsync() => _db.CountAsync<BlacklistEntry>();

    private Task<BlacklistEntry> FindAsync(int tenantId, string mobile) =>
        _db.QueryAsync(c => c.Blacklist.AsNoTracking().SingleAsync(x => x.TenantId == tenantId && x.Mobile == mobile));

    private static BlacklistEntry NewEntry(string mobile = "13900000001", int tenantId = Demo) =>
        new() { TenantId = tenantId, Name = $"Caller {mobile}", Mobile = mobile };

    private async Task<BlacklistEntry> AddAsync(BlacklistEntry entry, string? createdBy = "tester")
    {
        var r = await Svc.CreateAsync(entry, All, createdBy);
        Assert.True(r.Succeeded, r.Describe());
        return await FindAsync(entry.TenantId, entry.Mobile.Trim());
    }

    // ------------------------------------------------------------------ create

    [Fact]
    public async Task Create_writes_a_trimmed_entry_with_its_creator_stamped_with_the_clock()
    {
        _db.Clock.Now = FixedClock.Default.AddMinutes(30);

        var result = await Svc.CreateAsync(new BlacklistEntry
        {
            TenantId = Demo, Name = "  Spammer ", Mobile = "+8613900000001", CallType = BlacklistDirection.Inbound, Status = 0,
            Description = "  Robocalls ", ValidFrom = Now, ValidUntil = Now.AddDays(7), CreatedByAgentId = 3,
            CreatedBy = "ignored", CreatedTime = new DateTime(2000, 1, 1),
        }, All, "  supervisor1 ");

        Assert.True(result.Succeeded, result.Describe());
        var saved = await FindAsync(Demo, "+8613900000001");
        Assert.Equal("Spammer", saved.Name);
        Assert.Equal(BlacklistDirection.Inbound, saved.CallType);
        Assert.Equal(0, saved.Status);
        Assert.Equal("Robocalls", saved.Description);
        Assert.Equal(Now, saved.ValidFrom);
        Assert.Equal(Now.AddDays(7), saved.ValidUntil);
        Assert.Equal(3, saved.CreatedByAgentId);
        Assert.Equal("supervisor1", saved.CreatedBy);
        Assert.Equal(FixedClock.Default.AddMinutes(30).UtcDateTime, saved.CreatedTime);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Create_without_a_creator_or_reason_stores_nulls()
    {
        var entry = NewEntry();
        entry.Description = "   ";
        var saved = await AddAsync(entry, createdBy: " ");

        Assert.Null(saved.CreatedBy);
        Assert.Null(saved.Description);
        Assert.Equal(BlacklistDirection.Both, saved.CallType);
        Assert.Equal(1, saved.Status);
    }

    private static readonly Dictionary<string, (Action<BlacklistEntry> Break, string Field, string Message)> Rules = new()
    {
        ["empty name"] = (b => b.Name = "", "Name", "Name is required."),
        ["name of 65"] = (b => b.Name = new string('n', 65), "Name", "Name must be at most 64 characters."),
        ["empty number"] = (b => b.Mobile = "", "Mobile", "Number must be 3 to 20 digits (an optional leading +)."),
        ["number of 2 digits"] = (b => b.Mobile = "12", "Mobile", "Number must be 3 to 20 digits (an optional leading +)."),
        ["plus and 2 digits"] = (b => b.Mobile = "+12", "Mobile", "Number must be 3 to 20 digits (an optional leading +)."),
        ["number of 21 digits"] = (b => b.Mobile = new string('1', 21), "Mobile", "Number must be 3 to 20 digits (an optional leading +)."),
        ["number with dashes"] = (b => b.Mobile = "138-0000-0000", "Mobile", "Number must be 3 to 20 digits (an optional leading +)."),
        ["unknown direction"] = (b => b.CallType = (BlacklistDirection)0, "CallType", "Direction must be one of Both, Inbound, Outbound."),
        ["status 2"] = (b => b.Status = 2, "Status", "Status must be one of 0, 1."),
        ["reason of 501"] = (b => b.Description = new string('r', 501), "Description", "Reason must be at most 500 characters."),
        ["window ending before it starts"] = (b => { b.ValidFrom = Now; b.ValidUntil = Now.AddSeconds(-1); }, "ValidUntil", "Valid until must not be before valid from."),
    };

    public static TheoryData<string> RuleNames => new(Rules.Keys);

    [Theory]
    [MemberData(nameof(RuleNames))]
    public async Task Invalid_input_is_refused_on_its_field_and_nothing_is_written(string rule)
    {
        var (breakIt, field, message) = Rules[rule];
        var entry = NewEntry();
        breakIt(entry);

        var result = await Svc.CreateAsync(entry, All, "tester");

        Assert.False(result.Succeeded);
        Assert.Equal(message, result.ErrorFor(field));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Create_without_a_tenant_or_for_a_missing_tenant_is_refused_on_field_TenantId()
    {
        Assert.Equal("Choose a tenant.", (await Svc.CreateAsync(NewEntry(tenantId: 0), All, null)).ErrorFor("TenantId"));
        Assert.Equal("Tenant 30003 does not exist.", (await Svc.CreateAsync(NewEntry(tenantId: 30003), All, null)).ErrorFor("TenantId"));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Create_with_a_number_already_blacklisted_in_the_tenant_is_refused_on_field_Mobile()
    {
        var entry = NewEntry(DemoNumber);
        entry.CallType = BlacklistDirection.Outbound; // a second direction is not a second entry (D7)

        var result = await Svc.CreateAsync(entry, All, "tester");

        Assert.Equal("13800000000 is already blacklisted in tenant 10001.", result.ErrorFor("Mobile"));
        Assert.Equal(1, await CountAsync());
        Assert.Equal(BlacklistDirection.Both, (await FindAsync(Demo, DemoNumber)).CallType);
    }

    [Fact]
    public async Task The_same_number_may_be_blacklisted_in_another_tenant()
    {
        var theirs = await AddAsync(NewEntry(DemoNumber, OtherTenant));
        Assert.Equal(OtherTenant, theirs.TenantId);
        Assert.Equal(2, await CountAsync());
    }

    // ------------------------------------------------------------------ update

    [Fact]
    public async Task Update_changes_the_editable_fields_but_not_tenant_creator_or_creation_time()
    {
        var e = (await Svc.GetAsync(_demoEntry.Id, All))!;
        e.Mobile = "13900000009";
        e.Name = " Renamed ";
        e.CallType = BlacklistDirection.Outbound;
        e.Status = 0;
        e.ValidFrom = Now.AddDays(1);
        e.ValidUntil = Now.AddDays(2);
        e.Description = " ";
        e.TenantId = OtherTenant;
        e.CreatedBy = "someone else";
        e.CreatedByAgentId = 5;
        _db.Clock.Now = FixedClock.Default.AddDays(1);

        var result = await Svc.UpdateAsync(e, All);

        Assert.True(result.Succeeded, result.Describe());
        var saved = (await Svc.GetAsync(_demoEntry.Id, All))!;
        Assert.Equal(Demo, saved.TenantId);
        Assert.Equal("13900000009", saved.Mobile);
        Assert.Equal("Renamed", saved.Name);
        Assert.Equal(BlacklistDirection.Outbound, saved.CallType);
        Assert.Equal(0, saved.Status);
        Assert.Equal(Now.AddDays(1), saved.ValidFrom);
        Assert.Equal(Now.AddDays(2), saved.ValidUntil);
        Assert.Null(saved.Description);
        Assert.Equal("admin", saved.CreatedBy);
        Assert.Null(saved.CreatedByAgentId);
        Assert.Equal(FixedClock.Default.UtcDateTime, saved.CreatedTime);
    }

    [Fact]
    public async Task Update_to_a_number_of_another_entry_is_refused_and_keeping_its_own_is_allowed()
    {
        var other = await AddAsync(NewEntry("13900000001"));
        other.Mobile = DemoNumber;
        other.Name = "Should not stick";

        Assert.Equal("13800000000 is already blacklisted in tenant 10001.", (await Svc.UpdateAsync(other, All)).ErrorFor("Mobile"));
        var saved = (await Svc.GetAsync(other.Id, All))!;
        Assert.Equal("13900000001", saved.Mobile);
        Assert.Equal("Caller 13900000001", saved.Name);

        var demo = (await Svc.GetAsync(_demoEntry.Id, All))!;
        demo.Name = "Same number, new name";
        Assert.True((await Svc.UpdateAsync(demo, All)).Succeeded);
        Assert.Equal("Same number, new name", (await Svc.GetAsync(_demoEntry.Id, All))!.Name);
    }

    [Fact]
    public async Task Invalid_update_is_refused_and_nothing_changes()
    {
        var e = (await Svc.GetAsync(_demoEntry.Id, All))!;
        e.Mobile = "12";
        e.ValidFrom = Now;
        e.ValidUntil = Now.AddHours(-1);

        var result = await Svc.UpdateAsync(e, All);

        Assert.Equal("Number must be 3 to 20 digits (an optional leading +).", result.ErrorFor("Mobile"));
        Assert.Equal("Valid until must not be before valid from.", result.ErrorFor("ValidUntil"));
        var saved = (await Svc.GetAsync(_demoEntry.Id, All))!;
        Assert.Equal(DemoNumber, saved.Mobile);
        Assert.Null(saved.ValidFrom);
        Assert.Null(saved.ValidUntil);
    }

    [Fact]
    public async Task Update_of_a_missing_entry_is_refused()
    {
        var result = await Svc.UpdateAsync(new BlacklistEntry { Id = 999, TenantId = Demo, Name = "Ghost", Mobile = "13900000001" }, All);
        Assert.Equal("This blacklist entry no longer exists.", result.Refusal);
        Assert.Equal(1, await CountAsync());
    }

    // ------------------------------------------------------------------ delete

    [Fact]
    public async Task Delete_removes_the_entry_and_unblocks_the_number()
    {
        Assert.True(await Svc.IsBlockedAsync(Demo, DemoNumber, CallDirection.Inbound, Now));

        var result = await Svc.DeleteAsync(_demoEntry.Id, All);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Null(await Svc.GetAsync(_demoEntry.Id, All));
        Assert.Equal(0, await CountAsync());
        Assert.False(await Svc.IsBlockedAsync(Demo, DemoNumber, CallDirection.Inbound, Now));
    }

    [Fact]
    public async Task Delete_of_a_missing_entry_is_refused()
    {
        Assert.Equal("This blacklist entry no longer exists.", (await Svc.DeleteAsync(999, All)).Refusal);
    }

    // ------------------------------------------------------------------ IsBlockedAsync (the CTI check)

    [Theory]
    [InlineData(BlacklistDirection.Both, CallDirection.Inbound, true)]
    [InlineData(BlacklistDirection.Both, CallDirection.Outbound, true)]
    [InlineData(BlacklistDirection.Inbound, CallDirection.Inbound, true)]
    [InlineData(BlacklistDirection.Inbound, CallDirection.Outbound, false)]
    [InlineData(BlacklistDirection.Outbound, CallDirection.Outbound, true)]
    [InlineData(BlacklistDirection.Outbound, CallDirection.Inbound, false)]
    public async Task IsBlocked_follows_the_blocked_direction(BlacklistDirection blocked, CallDirection call, bool expected)
    {
        var entry = NewEntry("13900000001");
        entry.CallType = blocked;
        await AddAsync(entry);

        Assert.Equal(expected, await Svc.IsBlockedAsync(Demo, "13900000001", call, Now));
    }

    [Fact]
    public async Task IsBlocked_for_the_demo_number_in_both_directions_and_not_for_other_numbers()
    {
        Assert.True(await Svc.IsBlockedAsync(Demo, DemoNumber, CallDirection.Inbound, Now));
        Assert.True(await Svc.IsBlockedAsync(Demo, DemoNumber, CallDirection.Outbound, Now));
        Assert.True(await Svc.IsBlockedAsync(Demo, $"  {DemoNumber} ", CallDirection.Inbound, Now)); // surrounding spaces ignored
        Assert.False(await Svc.IsBlockedAsync(Demo, "13800000001", CallDirection.Inbound, Now));
        Assert.False(await Svc.IsBlockedAsync(Demo, "1380000000", CallDirection.Inbound, Now));        // no prefix match
        Assert.False(await Svc.IsBlockedAsync(Demo, "", CallDirection.Inbound, Now));
        Assert.False(await Svc.IsBlockedAsync(Demo, "   ", CallDirection.Inbound, Now));
    }

    [Fact]
    public async Task IsBlocked_only_in_the_tenant_of_the_entry()
    {
        Assert.False(await Svc.IsBlockedAsync(OtherTenant, DemoNumber, CallDirection.Inbound, Now));
        Assert.False(await Svc.IsBlockedAsync(30003, DemoNumber, CallDirection.Inbound, Now));

        await AddAsync(NewEntry("13900000002", OtherTenant));
        Assert.True(await Svc.IsBlockedAsync(OtherTenant, "13900000002", CallDirection.Outbound, Now));
        Assert.False(await Svc.IsBlockedAsync(Demo, "13900000002", CallDirection.Outbound, Now));
    }

    [Fact]
    public async Task IsBlocked_is_false_while_the_entry_is_disabled()
    {
        var e = (await Svc.GetAsync(_demoEntry.Id, All))!;
        e.Status = 0;
        Assert.True((await Svc.UpdateAsync(e, All)).Succeeded);

        Assert.False(await Svc.IsBlockedAsync(Demo, DemoNumber, CallDirection.Inbound, Now));
        Assert.False(await Svc.IsBlockedAsync(Demo, DemoNumber, CallDirection.Outbound, Now));
    }

    [Theory]
    [InlineData(-1, false)]          // a second before the window opens
    [InlineData(0, true)]            // the first second is inside
    [InlineData(4 * 3600, true)]
    [InlineData(8 * 3600, true)]     // the last second is inside
    [InlineData(8 * 3600 + 1, false)]
    public async Task IsBlocked_only_inside_the_validity_window(int secondsAfterStart, bool expected)
    {
        var from = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        var entry = NewEntry("13900000001");
        entry.ValidFrom = from;
        entry.ValidUntil = from.AddHours(8);
        await AddAsync(entry);

        Assert.Equal(expected, await Svc.IsBlockedAsync(Demo, "13900000001", CallDirection.Inbound, from.AddSeconds(secondsAfterStart)));
    }

    [Fact]
    public async Task IsBlocked_with_one_open_bound()
    {
        var from = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        var fromOnly = NewEntry("13900000001");
        fromOnly.ValidFrom = from;
        var untilOnly = NewEntry("13900000002");
        untilOnly.ValidUntil = from;
        await AddAsync(fromOnly);
        await AddAsync(untilOnly);

        Assert.False(await Svc.IsBlockedAsync(Demo, "13900000001", CallDirection.Inbound, from.AddTicks(-1)));
        Assert.True(await Svc.IsBlockedAsync(Demo, "13900000001", CallDirection.Inbound, from.AddYears(10)));
        Assert.True(await Svc.IsBlockedAsync(Demo, "13900000002", CallDirection.Inbound, from.AddYears(-10)));
        Assert.False(await Svc.IsBlockedAsync(Demo, "13900000002", CallDirection.Inbound, from.AddSeconds(1)));
    }

    // ------------------------------------------------------------------ list, filters, search, sort, paging

    [Fact]
    public async Task List_shows_the_demo_entry_with_its_tenant_name()
    {
        var page = await Svc.ListAsync(new BlacklistListQuery(), All);

        var row = Assert.Single(page.Items);
        Assert.Equal(_demoEntry.Id, row.Id);
        Assert.Equal(Demo, row.TenantId);
        Assert.Equal("Demo Call Center", row.TenantName);
        Assert.Equal(DemoNumber, row.Mobile);
        Assert.Equal("Nuisance caller", row.Name);
        Assert.Equal(BlacklistDirection.Both, row.CallType);
        Assert.Equal(1, row.Status);
        Assert.Equal("Repeated abusive calls", row.Description);
        Assert.Equal("admin", row.CreatedBy);
        Assert.Equal(1, page.TotalCount);
    }

    private async Task AddSomeAsync()
    {
        await AddAsync(new BlacklistEntry { TenantId = Demo, Name = "Inbound pest", Mobile = "13900000001", CallType = BlacklistDirection.Inbound }, "zed");
        await AddAsync(new BlacklistEntry { TenantId = Demo, Name = "Outbound no-go", Mobile = "13900000002", CallType = BlacklistDirection.Outbound, Status = 0, Description = "Asked 100% not to be called" }, "amy");
        await AddAsync(new BlacklistEntry { TenantId = OtherTenant, Name = "Their pest", Mobile = "+8613900000003" }, null);
    }

    [Fact]
    public async Task List_filters_by_direction_status_and_tenant()
    {
        await AddSomeAsync();

        async Task<string[]> Mobiles(BlacklistListQuery q) => (await Svc.ListAsync(q, All)).Items.Select(r => r.Mobile).Order().ToArray();

        Assert.Equal(new[] { "+8613900000003", DemoNumber }, await Mobiles(new() { Direction = BlacklistDirection.Both }));
        Assert.Equal(new[] { "13900000001" }, await Mobiles(new() { Direction = BlacklistDirection.Inbound }));
        Assert.Equal(new[] { "13900000002" }, await Mobiles(new() { Direction = BlacklistDirection.Outbound }));
        Assert.Equal(new[] { "13900000002" }, await Mobiles(new() { Status = 0 }));
        Assert.Equal(3, (await Svc.ListAsync(new() { Status = 1 }, All)).TotalCount);
        Assert.Equal(new[] { "+8613900000003" }, await Mobiles(new() { TenantId = OtherTenant }));
        Assert.Equal("Other Center", (await Svc.ListAsync(new() { TenantId = OtherTenant }, All)).Items[0].TenantName);
        Assert.Equal(new[] { DemoNumber, "13900000001", "13900000002" }, await Mobiles(new() { TenantId = Demo }));
    }

    [Theory]
    [InlineData("1390000000", new[] { "+8613900000003", "13900000001", "13900000002" })] // number
    [InlineData("PEST", new[] { "+8613900000003", "13900000001" })]                      // name, case-insensitive
    [InlineData("abusive", new[] { DemoNumber })]                                         // reason
    [InlineData("100%", new[] { "13900000002" })]
    [InlineData("0%n", new string[0])]                                                    // '%' is literal
    [InlineData("+86", new[] { "+8613900000003" })]
    [InlineData("nothing-like-this", new string[0])]
    public async Task Search_matches_number_name_or_reason_literally(string search, string[] expected)
    {
        await AddSomeAsync();

        var page = await Svc.ListAsync(new BlacklistListQuery { Search = search }, All);

        Assert.Equal(expected, page.Items.Select(r => r.Mobile).Order().ToArray());
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task List_shows_the_newest_first_and_sorts_by_number_name_and_creator()
    {
        await AddSomeAsync();

        async Task<string[]> Mobiles(string? sort, bool desc = false) =>
            (await Svc.ListAsync(new BlacklistListQuery { SortBy = sort, Descending = desc }, All)).Items.Select(r => r.Mobile).ToArray();

        Assert.Equal(new[] { "+8613900000003", "13900000002", "13900000001", DemoNumber }, await Mobiles(null));
        Assert.Equal(new[] { "+8613900000003", DemoNumber, "13900000001", "13900000002" }, await Mobiles("Mobile"));
        Assert.Equal(new[] { "13900000002", "13900000001", DemoNumber, "+8613900000003" }, await Mobiles("Mobile", true));
        Assert.Equal(new[] { "13900000001", DemoNumber, "13900000002", "+8613900000003" }, await Mobiles("Name")); // Inbound…, Nuisance…, Outbound…, Their…
        Assert.Equal(new[] { "+8613900000003", DemoNumber, "13900000002", "13900000001" }, await Mobiles("CreatedBy")); // null, admin, amy, zed
        Assert.Equal(new[] { DemoNumber, "13900000001", "13900000002", "+8613900000003" }, await Mobiles("CreatedTime"));
        Assert.Equal(new[] { DemoNumber, "13900000001", "13900000002", "+8613900000003" }, await Mobiles("TenantId")); // then by number
        Assert.Equal(new[] { "+8613900000003", DemoNumber, "13900000001", "13900000002" }, await Mobiles("TenantId", true));
        Assert.Equal("13900000002", (await Mobiles("Status"))[0]);
        Assert.Equal("13900000002", (await Mobiles("CallType", true))[0]);
    }

    [Fact]
    public async Task List_pages_and_export_returns_every_row()
    {
        for (var i = 1; i <= 11; i++) await AddAsync(NewEntry($"1390000{i:0000}"));

        var page = await Svc.ListAsync(new BlacklistListQuery { SortBy = "Mobile", Page = 3, PageSize = 5 }, All);

        Assert.Equal(12, page.TotalCount);
        Assert.Equal(new[] { "13900000010", "13900000011" }, page.Items.Select(r => r.Mobile));
        Assert.Equal(12, (await Svc.ExportAsync(new BlacklistListQuery { PageSize = 5 }, All)).Count);
    }

    // ------------------------------------------------------------------ tenant scope

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_neither_lists_nor_gets_demo_entries()
    {
        var mine = await AddAsync(NewEntry("13900000001", OtherTenant));
        var scope = TenantScope.Of(OtherTenant);

        var list = await Svc.ListAsync(new BlacklistListQuery(), scope);
        Assert.Equal(new[] { mine.Id }, list.Items.Select(r => r.Id));
        Assert.Equal(1, list.TotalCount);
        Assert.Equal(new[] { mine.Id }, (await Svc.ListAsync(new BlacklistListQuery { TenantId = Demo }, scope)).Items.Select(r => r.Id));
        Assert.Empty((await Svc.ListAsync(new BlacklistListQuery { Search = DemoNumber }, scope)).Items);
        Assert.Equal(new[] { mine.Id }, (await Svc.ExportAsync(new BlacklistListQuery(), scope)).Select(r => r.Id));
        Assert.Null(await Svc.GetAsync(_demoEntry.Id, scope));
        Assert.NotNull(await Svc.GetAsync(mine.Id, scope));
    }

    [Fact]
    public async Task A_caller_scoped_to_another_tenant_cannot_create_update_or_delete_demo_entries()
    {
        var scope = TenantScope.Of(OtherTenant);

        Assert.Equal(TenantScope.OutOfScope, (await Svc.CreateAsync(NewEntry("13900000001"), scope, "intruder")).Refusal);
        Assert.Equal(1, await CountAsync());

        var e = (await Svc.GetAsync(_demoEntry.Id, All))!;
        e.Status = 0;
        e.TenantId = OtherTenant;
        Assert.Equal(TenantScope.OutOfScope, (await Svc.UpdateAsync(e, scope)).Refusal);
        Assert.Equal(1, (await Svc.GetAsync(_demoEntry.Id, All))!.Status);

        Assert.Equal(TenantScope.OutOfScope, (await Svc.DeleteAsync(_demoEntry.Id, scope)).Refusal);
        Assert.True(await Svc.IsBlockedAsync(Demo, DemoNumber, CallDirection.Inbound, Now));
    }

    [Fact]
    public async Task A_tenant_scoped_caller_manages_its_own_entries_and_all_reaches_every_tenant()
    {
        var scope = TenantScope.Of(OtherTenant);
        Assert.True((await Svc.CreateAsync(NewEntry("13900000001", OtherTenant), scope, "their-admin")).Succeeded);
        var mine = await FindAsync(OtherTenant, "13900000001");
        Assert.Equal("their-admin", mine.CreatedBy);
        mine.Name = "Mine";
        Assert.True((await Svc.UpdateAsync(mine, scope)).Succeeded);
        Assert.Equal("Mine", (await Svc.GetAsync(mine.Id, scope))!.Name);

        Assert.Equal(2, (await Svc.ListAsync(new BlacklistListQuery(), All)).TotalCount);
        var demo = (await Svc.GetAsync(_demoEntry.Id, All))!;
        demo.Name = "By admin";
        Assert.True((await Svc.UpdateAsync(demo, All)).Succeeded);
        Assert.Equal("By admin", (await Svc.GetAsync(demo.Id, All))!.Name);

        Assert.True((await Svc.DeleteAsync(mine.Id, scope)).Succeeded);
        Assert.Null(await Svc.GetAsync(mine.Id, All));
    }
}
