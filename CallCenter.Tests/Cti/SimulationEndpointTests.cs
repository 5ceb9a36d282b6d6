using System.Net;
using System.Net.Http.Json;
using CallCenter.Infrastructure.Telephony.Simulated;
using CallCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Cti;

/// <summary>The simulation endpoints with bad input: a clear 400 and nothing changed.</summary>
public sealed class SimulationEndpointTests(CtiAppFactory app) : IClassFixture<CtiAppFactory>, IAsyncLifetime
{
    public Task InitializeAsync()
    {
        if (app.BaseUrl.Length == 0) app.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(1e-12)] // a gap of millions of years: TimeSpan overflowed (500) and a phantom generator was left running
    [InlineData(0.001)]
    public async Task A_rate_too_small_to_schedule_is_refused_and_starts_nothing(double callsPerMinute)
    {
        using var admin = await app.SignedInClientAsync();
        var response = await admin.PostAsJsonAsync("/cti/simulation/inbound", new { tenantId = 10001, acd = "10001_8000", callsPerMinute });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("callsPerMinute", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(app.Services.GetRequiredService<SimulatedSwitch>().InboundRates, r => r.TenantId == 10001);
    }
}
