using Bunit;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Tenants;
using CallCenter.Web.Components.Tenants;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Tests.Components;

public class TenantsPageTests : ComponentTestBase
{
    [Fact]
    public void Lists_the_demo_tenant()
    {
        var cut = RenderWithProviders<TenantsPage>();

        cut.WaitForAssertion(() => Assert.Equal(new[] { "10001" }, Column(cut, "Number")), Wait);
        Assert.Equal(new[] { "Demo Call Center" }, Column(cut, "Name"));
        Assert.Equal(new[] { "10" }, Column(cut, "Agents"));
        Assert.Equal(new[] { "1" }, Column(cut, "ACDs"));
        Assert.Contains("Tenants", cut.Find("h1").TextContent);
        // An all-tenants Admin may create tenants and export.
        Assert.NotNull(cut.Find("[data-testid='create']"));
        Assert.Equal("/export/tenants.xlsx", cut.Find("[data-testid='export']").GetAttribute("href"));
    }

    [Fact]
    public async Task Search_box_filters_and_shows_the_empty_state()
    {
        var created = await Db.Get<TenantService>().CreateAsync(new Tenant { Id = 20002, Name = "Second Center" }, TenantScope.All);
        Assert.True(created.Succeeded);
        var cut = RenderWithProviders<TenantsPage>();
        cut.WaitForAssertion(() => Assert.Equal(new[] { "10001", "20002" }, Column(cut, "Number")), Wait);

        cut.Find("input[data-testid='search']").Input("Second");
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(new[] { "20002" }, Column(cut, "Number"));
            // The export link carries the search, so the download matches what is listed.
            Assert.Equal("/export/tenants.xlsx?search=Second", cut.Find("[data-testid='export']").GetAttribute("href"));
        }, Wait);

        cut.Find("input[data-testid='search']").Input("zzz-no-such-tenant");
        cut.WaitForAssertion(() =>
        {
            Assert.Empty(Column(cut, "Number"));
            Assert.Contains("Nothing matches \"zzz-no-such-tenant\".", cut.Find("[data-testid='empty']").TextContent);
        }, Wait);
    }

    [Fact]
    public async Task New_tenant_through_the_dialog_is_saved_and_listed()
    {
        var cut = RenderWithProviders<TenantsPage>();
        cut.WaitForAssertion(() => Assert.Equal(new[] { "10001" }, Column(cut, "Number")), Wait);

        cut.Find("[data-testid='create']").Click();
        cut.WaitForElement("input[data-testid='tenant-name']", Wait);
        cut.Find("input[data-testid='tenant-number']").Change("30003");
        cut.Find("input[data-testid='tenant-name']").Change("Third Center");
        cut.Find("button[data-testid='save']").Click();

        cut.WaitForAssertion(() => Assert.Equal(new[] { "10001", "30003" }, Column(cut, "Number")), Wait);
        Assert.Empty(cut.FindAll("input[data-testid='tenant-name']")); // the dialog closed

        await using var ctx = Db.NewContext();
        var saved = await ctx.Tenants.SingleAsync(t => t.Id == 30003);
        Assert.Equal("Third Center", saved.Name);
    }
}
