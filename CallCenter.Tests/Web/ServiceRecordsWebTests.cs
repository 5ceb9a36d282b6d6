using System.Net;
using CallCenter.Domain.Records;
using CallCenter.Domain.Sms;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Identity;
using CallCenter.Tests.Support;

namespace CallCenter.Tests.Web;

/// <summary>
/// The blacklist-call, satisfaction, voicemail and SMS pages and their exports: open to admins and supervisors, each
/// within their tenant scope (a supervisor of 10001 gets 10001's rows even when it asks for 20001's); not to agents.
/// </summary>
public class ServiceRecordsWebTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    private const string Password = "Records#Test2026";
    private static readonly OncePerHost<bool> Seeded = new();

    private Task SeedAsync() => Seeded.GetAsync(app, async () =>
    {
        await app.WithDbAsync(async db =>
        {
            db.Tenants.Add(new Tenant { Id = TestData.OtherTenant, Name = "Other", CreatedTime = DateTime.UtcNow });
            var t = DateTime.UtcNow.AddHours(-1);
            foreach (var tenant in new[] { 10001, TestData.OtherTenant })
            {
                db.BlacklistCalls.Add(new BlacklistCallRecord { TenantId = tenant, CtiCallType = 2, CallerIdNumber = "13800000000",
                    DestinationNumber = "4008000000", BlockedNumber = "13800000000", StartStamp = t, EndStamp = t, CtiCallId = $"bl-{tenant}" });
                db.SatisfactionRecords.Add(new SatisfactionRecord { TenantId = tenant, CallId = $"s-{tenant}", StartTime = t, EndTime = t,
                    Ani = "139", Dnis = "400", CallType = 2, IvrDtmfDigit = "1", StopCause = "SUCCESS", IvrName = "Survey", Agent = $"{tenant}_1000" });
                db.VoicemailMessages.Add(new VoicemailRecord { TenantId = tenant, CallId = $"v-{tenant}", CidNumber = "139", CreateTime = t,
                    UserName = $"{tenant}_1000", FilePath = $"{tenant}/x.wav", Duration = 7 });
                db.SmsRecords.Add(new SmsRecord { TenantId = tenant, Agent = $"{tenant}_1000", Mobile = "18200000001", Content = $"To {tenant}",
                    CreatedTime = t, State = SmsStates.Sent });
            }
            return await db.SaveChangesAsync();
        });
        return true;
    });

    public static TheoryData<string, string, string> Lists => new()
    {
        { "/blacklist-calls", "/export/blacklist-calls.xlsx?direction=2", "Call id" },
        { "/satisfaction", "/export/satisfaction.xlsx?digit=1", "Call id" },
        { "/voicemail", "/export/voicemail.xlsx?search=139", "Call id" },
        { "/sms", "/export/sms.xlsx?state=0&read=false", "Content" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_tenant_supervisor_opens_the_page_and_exports_only_their_tenants_rows(string page, string export, string column)
    {
        await SeedAsync();
        var user = $"sr-sup-{page.Trim('/')}";
        await app.CreateUserAsync(user, Password, Roles.Supervisor, tenantId: 10001);
        var client = await app.SignedInClientAsync(user, Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);

        var response = await client.GetAsync($"{export}&tenantId={TestData.OtherTenant}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExcelExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        var row = Assert.Single(ExcelExport.Read(await response.Content.ReadAsStreamAsync()));
        Assert.Equal("10001", row["Tenant"]?.ToString());
        Assert.False(string.IsNullOrEmpty(row[column]?.ToString()));

        // An admin of all tenants exports both tenants' rows.
        var admin = await app.SignedInClientAsync();
        Assert.Equal(2, ExcelExport.Read(await (await admin.GetAsync(export)).Content.ReadAsStreamAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task An_agent_is_refused_the_page_and_the_export(string page, string export, string _)
    {
        var user = $"sr-agent-{page.Trim('/')}";
        await app.CreateUserAsync(user, Password, Roles.Agent, tenantId: 10001);
        var client = await app.SignedInClientAsync(user, Password);
        foreach (var path in new[] { page, export, "/records/voicemail/1/audio" })
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Redirect)
                Assert.Equal("/account/denied", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
            else
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }
}
