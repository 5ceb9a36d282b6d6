using CallCenter.Tests.Support;

namespace CallCenter.Tests.Api;

/// <summary>The host with the per-minute limit lowered to 3, so the limit shows within a few calls.</summary>
public sealed class RateLimitedAppFactory : CallCenterAppFactory
{
    public RateLimitedAppFactory() => Settings["Api:RateLimitPerMinute"] = "3";
}

/// <summary>
/// "20 requests per minute" (§6.42, §6.43, §7): per key and interface; the call over the limit gets HTTP 429 with the
/// envelope's code 429. Interfaces without a stated limit are not limited.
/// </summary>
public sealed class ListRateLimitApiTests(RateLimitedAppFactory app) : IClassFixture<RateLimitedAppFactory>
{
    [Theory]
    [InlineData("/query/queryBlacklists", """{"tenantId": "10001","thisDN": "10001_1000","currentPage": "1","pageSize": "10","actionID": "abcd123"}""")]
    [InlineData("/query/queryBlacklist", """{"tenantId": "10001","id": "1","actionID": "abcd123"}""")]
    [InlineData("/config/delBlacklist", """{"id": "99999","actionID": "abcd123"}""")]
    [InlineData("/config/modifyBlacklist", """{"id": "99999","name": "xxx","mobile": "185554454654","type": "1","actionID": "abcd123"}""")]
    [InlineData("/config/addBlacklist", """{"name": "xxx","tenantId": "10001","mobile": "13800000000","agent": "10001_1000","type": "1","actionID": "abcd123"}""")]
    [InlineData("/config/addRestTimeTemp", """{"tenantId": "10001","typeCode":"12","startTime":"12:00:01","endTime":"23:59:59","restNum":"1","actionID": "abcd123"}""")]
    [InlineData("/config/modifyRestTimeTemp", """{"id": "999","tenantId": "10001","typeCode":"12","startTime":"12:00:01","endTime":"23:59:59","restNum":"1","actionID": "abcd123"}""")]
    [InlineData("/config/deleteRestTimeTemp", """{"id": "999","tenantId": "10001","actionID": "abcd123"}""")]
    public async Task The_fourth_call_within_a_minute_gets_429_in_the_envelope(string path, string json)
    {
        var api = await ApiClient.ForTenantAsync(app, 10001, "limit " + path);
        for (var i = 0; i < 3; i++)
        {
            var (status, body) = await api.PostAsync(path, json);
            Assert.Equal(200, status);
            Assert.Contains((int?)body["code"], new int?[] { 200, 201 });
        }
        var (limited, refusal) = await api.PostAsync(path, json);
        Assert.Equal(429, limited);
        Assert.Equal(429, (int?)refusal["code"]);
        Assert.Contains("3 per minute", (string?)refusal["message"]);
        Assert.Null(refusal["data"]);

        // The limit is per interface: another limited one still answers for the same key.
        var other = path == "/query/queryBlacklist" ? "/query/queryBlacklists" : "/query/queryBlacklist";
        var (status2, _) = await api.PostAsync(other, """{"tenantId": "10001","id": "1","actionID": "abcd123"}""");
        Assert.Equal(200, status2);
    }

    [Fact]
    public async Task Interfaces_without_a_stated_limit_are_not_limited()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001, "unlimited");
        foreach (var (path, json) in new[]
                 {
                     ("/query/queryMobileAttribution", """{"mobile": "18222222222","actionID": "abcd123"}"""),
                     ("/query/queryAgentCustomState", """{"tenantId": "10001","actionID": "abcd123"}"""),
                     ("/query/queryAgentStateColors", """{"tenantId": "10001","actionID": "abcd123"}"""),
                     ("/query/queryRestTimeTemp", """{"tenantId": "10001","actionID": "abcd123"}"""),
                 })
        {
            for (var i = 0; i < 5; i++)
            {
                var (status, body) = await api.PostAsync(path, json);
                Assert.True(200 == status, $"{path} call {i + 1}: {body.ToJsonString()}");
                EnvelopeAssert.Success(body);
            }
        }
    }
}
