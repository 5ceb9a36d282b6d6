using System.Net;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Identity;
using CallCenter.Tests.Support;

namespace CallCenter.Tests.Web;

/// <summary>/call-records and its export: open to admins and supervisors, each within their tenant scope; not to agents.</summary>
public class CallRecordsWebTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    private const string Password = "Records#Test2026";

    private Task SeedAsync() => app.WithDbAsync(async db =>
    {
        var t = DateTime.UtcNow.AddHours(-1);
        foreach (var (tenant, caller) in new[] { (10001, "13700000001"), (20001, "13700000002") })
            db.CallRecords.Add(new CallRecord
            {
                TenantId = tenant, CtiCallId = $"web-{tenant}", Agent = $"{tenant}_1000", CtiCallType = 2, CallerIdNumber = caller,
                DestinationNumber = $"{tenant}_8000", StartStamp = t, AnswerStamp = t.AddSeconds(5), EndStamp = t.AddSeconds(65),
                Billsec = 60, Duration = 65, HangupCause = "NORMAL_CLEARING",
            });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_tenant_supervisor_opens_the_page_and_exports_only_their_tenants_records()
    {
        await SeedAsync();
        await app.CreateUserAsync("cdr-supervisor", Password, Roles.Supervisor, tenantId: 10001);
        var client = await app.SignedInClientAsync("cdr-supervisor", Password);

        var page = await client.GetAsync("/call-records");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var response = await client.GetAsync("/export/call-records.xlsx?search=137000000&tenantId=20001");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = ExcelExport.Read(await response.Content.ReadAsStreamAsync());
        var row = Assert.Single(rows);
        Assert.Equal("13700000001", row["Caller"]?.ToString());
        Assert.Equal("10001", row["Tenant"]?.ToString());
    }

    [Fact]
    public async Task An_agent_is_refused_the_page_and_the_export()
    {
        await app.CreateUserAsync("cdr-agent", Password, Roles.Agent, tenantId: 10001);
        var client = await app.SignedInClientAsync("cdr-agent", Password);
        foreach (var path in new[] { "/call-records", "/export/call-records.xlsx" })
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Redirect)
                Assert.Equal("/account/denied", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
            else
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }
}
