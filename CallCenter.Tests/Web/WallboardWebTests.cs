using System.Net;
using System.Security.Claims;
using CallCenter.Domain.Cti.Engine;
using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Records;
using CallCenter.Domain.Telephony;
using CallCenter.Infrastructure.Cti;
using CallCenter.Infrastructure.Identity;
using CallCenter.Tests.Cti;
using CallCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallCenter.Tests.Web;

/// <summary>
/// /wallboard and its supervisor commands: open to admins and supervisors, each command only about agents of a tenant in
/// the user's scope; today's ACD figures survive a restart of the engine.
/// </summary>
public class WallboardWebTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    private const string Password = "Board#Test2026";

    private static ClaimsPrincipal User(string role, int? tenant) => new(new ClaimsIdentity(
        new[] { new Claim(ClaimTypes.Name, "u"), new Claim(ClaimTypes.Role, role) }
            .Concat(tenant is int t ? [new Claim(Roles.TenantClaim, t.ToString())] : []), "test"));

    [Fact]
    public async Task Supervisors_open_the_wallboard_and_agents_are_refused()
    {
        await app.CreateUserAsync("wb-supervisor", Password, Roles.Supervisor, tenantId: 10001);
        await app.CreateUserAsync("wb-agent", Password, Roles.Agent, tenantId: 10001);

        var supervisor = await app.SignedInClientAsync("wb-supervisor", Password);
        var page = await supervisor.GetAsync("/wallboard");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"wallboard\"", html);
        Assert.Contains("href=\"/wallboard\"", html); // the navigation link

        var agent = await app.SignedInClientAsync("wb-agent", Password);
        var refused = await agent.GetAsync("/wallboard");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/denied", new Uri(agent.BaseAddress!, refused.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task Commands_are_authorised_to_supervisors_and_admins_of_the_agents_tenant_only()
    {
        var service = app.Services.GetRequiredService<SupervisorService>();
        var command = new ForceNotReady("u", "10001_1008");

        foreach (var (user, why) in new[]
                 {
                     (User(Roles.Supervisor, 20001), "Only supervisors and admins of tenant 10001"),
                     (User(Roles.Admin, 20001), "Only supervisors and admins of tenant 10001"),
                     (User(Roles.Agent, 10001), "Only supervisors and admins of tenant 10001"),
                     (User(Roles.Agent, null), "Only supervisors and admins of tenant 10001"),
                 })
        {
            var refused = await service.ExecuteAsync(user, command);
            Assert.Equal(SupervisorOutcome.Refused, refused.Outcome);
            Assert.Contains(why, refused.Message);
        }
        Assert.Contains("not an agent number", (await service.ExecuteAsync(User(Roles.Admin, null), new ForceLogout("u", "nobody"))).Message);

        // Allowed users reach the engine, which answers for the agent's situation.
        Assert.Contains("not logged in", (await service.ExecuteAsync(User(Roles.Supervisor, 10001), command)).Message);
        var engine = (await app.Services.GetRequiredService<CtiEngineHost>().GetOrCreateAsync(10001))!;
        var connection = new TestConnection("wb-1008");
        engine.Post(new RequestInput(connection, new LoginRequest("10001_1008", "1008", ["10001_8000"], null, null)));
        Assert.Equal(SupervisorOutcome.Done, (await service.ExecuteAsync(User(Roles.Admin, null), command)).Outcome);
        Assert.Equal(SupervisorOutcome.Done, (await service.ExecuteAsync(User(Roles.Supervisor, 10001), new ForceLogout("u", "10001_1008"))).Outcome);
        Assert.Equal(DeregisterReasons.LoggedOutBySupervisor, connection.Drain().Last()["reason"]);
    }

    [Fact]
    public async Task A_new_engine_starts_with_the_queue_records_of_today_already_written()
    {
        var start = DateTime.UtcNow.AddSeconds(-2);
        await app.WithDbAsync(async db =>
        {
            foreach (var (outcome, waited) in new[] { ("answered", 5), ("answered", 50), ("abandoned", 9) })
                db.QueueRecords.Add(new QueueRecord
                {
                    TenantId = 10001, CallId = Guid.NewGuid().ToString(), ThisQueue = "10001_8000", QueueName = "Default group",
                    StartTime = start.AddSeconds(-waited), EndTime = start, Outcome = outcome, HoldTime = waited,
                });
            return await db.SaveChangesAsync();
        });
        // A second host over the same database stands for the app after a restart.
        await using var restarted = new CtiEngineHost(app.Services.GetRequiredService<TenantConfigLoader>(), new ScriptedSwitch(),
            new MemoryRecords(), TimeProvider.System, new EngineOptions(), NullLogger<CtiEngineHost>.Instance);
        var engine = (await restarted.GetOrCreateAsync(10001))!;

        var acd = await engine.QueryAsync(e => e.Acds().Single(a => a.Number == "10001_8000"));
        Assert.True(acd.OfferedToday >= 3);
        Assert.True(acd.AnsweredToday >= 2 && acd.AnsweredInTargetToday >= 1 && acd.AbandonedToday >= 1);
        Assert.Equal(acd.OfferedToday, acd.Intervals!.Sum(i => i.Offered));
    }
}
