using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Data;
using CallCenter.Infrastructure.Identity;
using CallCenter.Web;
using CallCenter.Web.Account;
using CallCenter.Web.Api;
using CallCenter.Web.Cti;
using CallCenter.Web.Components;
using CallCenter.Web.Export;
using CallCenter.Web.Records;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
var maxAgentSockets = ConnectionLimits.MaxAgentConnections(builder.Configuration);
builder.Services.AddSingleton(new AgentSocketGate(maxAgentSockets));
// Backstop behind the endpoint's own 503: Kestrel never upgrades more than a few sockets over the cap.
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentUpgradedConnections = maxAgentSockets + 16);

builder.Services.AddInfrastructure(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddConsoleIdentity();
builder.Services.AddCallCenterApi(builder.Configuration);
builder.Services.AddExports();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddMudServices();

var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    var outcome = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    StartupBanner.Print(app, outcome);
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
app.UseRateLimiter();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapAccountEndpoints();
app.MapExportEndpoints();
app.MapRecordingFiles();
app.MapAgentSocket();
app.MapSimulation();
var api = app.MapCallCenterApi();
api.MapTenantQueries();
api.MapOrganisationQueries();
api.MapListAndConfigInterfaces();
api.MapRealtimeQueries();
api.MapHistoryInterfaces();
api.MapStatisticsInterfaces();
api.MapFeedbackInterfaces();
api.MapSmsInterfaces();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>The host's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
