using System.Net;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Demo;
using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Tenants;
using CallCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Web;

/// <summary>The tenants page and its Excel export over HTTP, per role and tenant scope.</summary>
public class TenantsWebTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    private static async Task<List<IDictionary<string, object?>>> ReadXlsxAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExcelExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        var buffer = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return ExcelExport.Read(buffer);
    }

    private static int Number(IDictionary<string, object?> row) => Convert.ToInt32(row["Number"]);

    [Fact]
    public async Task Admin_gets_the_tenants_page()
    {
        using var client = await app.SignedInClientAsync();
        var response = await client.GetAsync("/tenants");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Tenants", html);
        Assert.Contains("<title>Tenants · CallCenter</title>", html);
    }

    [Fact]
    public async Task Admin_export_contains_the_demo_tenant()
    {
        using var client = await app.SignedInClientAsync();
        var response = await client.GetAsync("/export/tenants.xlsx");

        var rows = await ReadXlsxAsync(response);
        var demo = Assert.Single(rows, r => Number(r) == DemoData.TenantId);
        Assert.Equal("Demo Call Center", demo["Name"]);
        Assert.Equal("Enabled", demo["Status"]);
        Assert.Equal(10, Convert.ToInt32(demo["Agents"]));
        Assert.Equal(1, Convert.ToInt32(demo["ACDs"]));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("tenants-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task Export_search_filters_rows()
    {
        using var client = await app.SignedInClientAsync();
        var rows = await ReadXlsxAsync(await client.GetAsync("/export/tenants.xlsx?search=no-such-tenant-xyz"));
        Assert.Empty(rows);
    }

    [Fact]
    public async Task Supervisor_is_denied_the_export()
    {
        await app.CreateUserAsync("supervisor1", "Super#Test2026", Roles.Supervisor);
        using var client = await app.SignedInClientAsync("supervisor1", "Super#Test2026");

        var response = await client.GetAsync("/export/tenants.xlsx");

        if (response.StatusCode == HttpStatusCode.Redirect)
            Assert.Equal("/account/denied", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
        else
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(ExcelExport.ContentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Supervisor_is_not_shown_the_tenants_list()
    {
        await app.CreateUserAsync("supervisor2", "Super#Test2026", Roles.Supervisor);
        using var client = await app.SignedInClientAsync("supervisor2", "Super#Test2026");

        var response = await client.GetAsync("/tenants");

        if (response.StatusCode == HttpStatusCode.Redirect)
            Assert.Equal("/account/denied", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
        else
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Tenant_scoped_admin_exports_only_its_own_tenant()
    {
        const int other = 20002;
        var created = await app.WithScopeAsync(sp => sp.GetRequiredService<TenantService>()
            .CreateAsync(new Tenant { Id = other, Name = "Second Center" }, TenantScope.All));
        Assert.True(created.Succeeded, created.Describe());
        await app.CreateUserAsync("admin20002", "Scoped#Test2026", Roles.Admin, tenantId: other);

        using var client = await app.SignedInClientAsync("admin20002", "Scoped#Test2026");
        var rows = await ReadXlsxAsync(await client.GetAsync("/export/tenants.xlsx"));

        var row = Assert.Single(rows);
        Assert.Equal(other, Number(row));
        Assert.Equal("Second Center", row["Name"]);

        // The all-tenants admin sees both.
        using var admin = await app.SignedInClientAsync();
        var all = (await ReadXlsxAsync(await admin.GetAsync("/export/tenants.xlsx"))).Select(Number).ToList();
        Assert.Contains(DemoData.TenantId, all);
        Assert.Contains(other, all);
    }
}
