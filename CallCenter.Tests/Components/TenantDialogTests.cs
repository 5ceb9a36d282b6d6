using Bunit;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Tenants;
using CallCenter.Web.Components.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CallCenter.Tests.Components;

public class TenantDialogTests : ComponentTestBase
{
    private (IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> Cut, Task<IDialogReference> Shown) Open(Tenant model, bool isNew)
    {
        // Only the providers: the dialog is opened through IDialogService as the pages do.
        var cut = RenderWithProviders<Microsoft.AspNetCore.Components.Web.PageTitle>();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<TenantDialog> { { d => d.Model, model }, { d => d.IsNew, isNew } };
        var shown = cut.InvokeAsync(() => dialogs.ShowAsync<TenantDialog>("Tenant", parameters));
        cut.WaitForElement("button[data-testid='save']", Wait);
        return (cut, shown);
    }

    private async Task<int> TenantCountAsync()
    {
        await using var ctx = Db.NewContext();
        return await ctx.Tenants.CountAsync();
    }

    [Fact]
    public async Task Save_with_an_empty_name_shows_the_field_error_and_writes_nothing()
    {
        var (cut, shown) = Open(new Tenant { Id = 20002 }, isNew: true);

        cut.Find("button[data-testid='save']").Click();

        cut.WaitForAssertion(() => Assert.Contains("Name is required.", cut.Markup), Wait);
        Assert.Contains("Nothing was saved.", cut.Find("[data-testid='dialog-error']").TextContent);
        Assert.NotNull(cut.Find("button[data-testid='save']")); // still open
        Assert.False((await shown).Result.IsCompleted, "the dialog must not close after a failed save");
        Assert.Equal(1, await TenantCountAsync());
    }

    [Fact]
    public async Task Save_with_number_in_use_shows_the_services_error_on_the_number()
    {
        var (cut, _) = Open(new Tenant { Id = 10001, Name = "Clash" }, isNew: true);

        cut.Find("button[data-testid='save']").Click();

        cut.WaitForAssertion(() => Assert.Contains("Tenant number 10001 is already in use.", cut.Markup), Wait);
        await using var ctx = Db.NewContext();
        Assert.Equal("Demo Call Center", (await ctx.Tenants.SingleAsync()).Name);
    }

    [Fact]
    public async Task Save_of_a_valid_new_tenant_writes_it_and_closes()
    {
        var (cut, shown) = Open(new Tenant(), isNew: true);

        cut.Find("input[data-testid='tenant-number']").Change("20002");
        cut.Find("input[data-testid='tenant-name']").Change("Second Center");
        cut.Find("button[data-testid='save']").Click();

        var result = await (await shown).Result.WaitAsync(Wait);
        Assert.False(result!.Canceled);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("button[data-testid='save']")), Wait);

        await using var ctx = Db.NewContext();
        var saved = await ctx.Tenants.SingleAsync(t => t.Id == 20002);
        Assert.Equal("Second Center", saved.Name);
        Assert.Equal(2, await ctx.Tenants.CountAsync());
    }

    [Fact]
    public async Task Editing_keeps_the_number_read_only_and_saves_the_change()
    {
        var existing = await Db.Get<TenantService>().GetAsync(10001, TenantScope.All);
        var (cut, shown) = Open(existing!, isNew: false);

        Assert.True(cut.Find("input[data-testid='tenant-number']").HasAttribute("disabled"));
        cut.Find("input[data-testid='tenant-name']").Change("Demo, renamed");
        cut.Find("button[data-testid='save']").Click();

        var result = await (await shown).Result.WaitAsync(Wait);
        Assert.False(result!.Canceled);
        await using var check = Db.NewContext();
        Assert.Equal("Demo, renamed", (await check.Tenants.SingleAsync()).Name);
    }
}
