using CallCenter.Tests.Support;

namespace CallCenter.Tests.Api;

/// <summary>Review of issue 6: odd input to the record interfaces never answers 500 (201 with the field, or success).</summary>
public sealed class RecordsOddInputTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    [Theory]
    [InlineData("/query/queryBlacklistHistories", """{"tenantId":"10001","currentPage":"99999999","pageSize":"1000"}""")]
    [InlineData("/query/queryBlacklistHistories", """{"tenantId":"10001","currentPage":"-1"}""")]
    [InlineData("/query/queryBlacklistHistories", """{"tenantId":"10001","startTime":"9999-12-31 23:59:59","endTime":"0001-01-01 00:00:00"}""")]
    [InlineData("/query/queryBlacklistHistories", """{"tenantId":"10001","campaignId":"99999999999999999999999"}""")]
    [InlineData("/query/querySatisfactions", """{"tenantId":"10001","ids":"1,2,99999999999999999999"}""")]
    [InlineData("/query/querySatisfactions", """{"tenantId":"10001","ivrID":"-5","callId":"😀😀"}""")]
    [InlineData("/query/querySatisfactionStatistics", """{"tenantId":"10001","ivrDtmfDigits":"1,2","type":"7","filter":"{\"a\":\"[10001_1000]\",\"a\":\"[10001_1001]\"}"}""")]
    [InlineData("/query/querySatisfactionStatistics", """{"tenantId":"10001","ivrDtmfDigits":"1,2","type":"7","filter":{"a":"[10001_1000]","b":5}}""")]
    [InlineData("/query/querySatisfactionStatistics", """{"tenantId":"10001","ivrDtmfDigits":"1,2","type":"7","filter":"[1,2]"}""")]
    [InlineData("/query/querySatisfactionStatistics", """{"tenantId":"10001","ivrDtmfDigits":"1,2","type":"7","filter":"{\"a\":{\"b\":1}}"}""")]
    [InlineData("/query/querySatisfactionStatistics", """{"tenantId":"10001","ivrDtmfDigits":"1,2","type":"7","filter":"{\"a\":[null,1]}"}""")]
    [InlineData("/query/querySatisfactionStatistics", """{"tenantId":"10001","ivrDtmfDigits":"1,2","type":"7","filter":"{\"\":\"[]\"}"}""")]
    [InlineData("/query/querySatisfactionStatistics", """{"tenantId":"10001","ivrDtmfDigits":"1,2","type":"2","filter":"10001_"}""")]
    [InlineData("/query/querySatisfactionStatistics", """{"tenantId":"10001","ivrDtmfDigits":"1,2","type":"4","filter":"_8000"}""")]
    [InlineData("/query/querySatisfactionStatistics", """{"tenantId":"10001","ivrDtmfDigits":"1,2","type":"6","filter":"10001_1000,,10001_1000"}""")]
    [InlineData("/query/querySatisfactionStatistics", """{"tenantId":"10001","ivrDtmfDigits":"1,2","type":"1","filter":"10001","sort":"1","currentPage":"1000000","pageSize":"1000"}""")]
    [InlineData("/query/querySatisfactionStatistics", """{"tenantId":"10001,10001","ivrDtmfDigits":"1","type":"3","filter":"10001","sort":"agent"}""")]
    [InlineData("/query/querySatisfactionStatistics", """{"tenantId":"10001","ivrDtmfDigits":"1,2","type":"7","filter":{"a":"[10001_1000]","a":"[10001_1001]"}}""")]
    [InlineData("/query/querySmHistories", """{"tenantId":"10001","tenantId":"10002"}""")]
    [InlineData("/query/queryVoicemailMsgs", """{"agent":"x_y,10001_1000,_","startTime":"2020-13-01 00:00:00"}""")]
    [InlineData("/query/querySmHistories", """{"tenantId":"10001","sendState":"1,abc","type":"9"}""")]
    [InlineData("/query/querySmHistories", """{"tenantId":"10001","content":"100%_\\","stateValue":"2"}""")]
    [InlineData("/sms/sendSms", """{"tenantId":"10001","content":"hi","thisDN":"10001_","number":"123"}""")]
    [InlineData("/sms/sendSms", """{"tenantId":"10001","content":"hi","thisDN":"10001_1000","number":"123","type":"99"}""")]
    [InlineData("/config/modifySmHistories", """{"id":"-1"}""")]
    [InlineData("/config/deleteSmHistories", """{"id":"","calleeId":""}""")]
    [InlineData("/config/deleteRecords", """{"id":"../../etc/passwd"}""")]
    [InlineData("/config/deleteAgentStateHistories", """{"id":"99999999999999999999"}""")]
    public async Task Odd_input_is_never_a_server_error(string path, string json)
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await api.Http.PostAsync($"/{ApiClient.Version}{path}", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}: {text[..Math.Min(600, text.Length)]}");
        Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(text)?["code"]);
    }

    [Fact]
    public async Task A_field_named_twice_is_refused_with_201_not_a_500()
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        // The body is refused whole, so its actionID is not read either.
        var (status, body) = await api.PostAsync("/query/querySmHistories", """{"tenantId":"10001","tenantId":"10002","actionID":"abcd123"}""");
        Assert.Equal(200, status);
        EnvelopeAssert.Invalid(body, "body", actionId: null!);
        await api.AssertInvalidAsync("/query/querySatisfactionStatistics",
            ("""{"tenantId":"10001","ivrDtmfDigits":"1","type":"7","filter":"{\"a\":\"[10001_1000]\",\"a\":\"[10001_1001]\"}","actionID":"abcd123"}""", "filter"));
    }
}

/// <summary>Review of issue 6: a comma list longer than the database's parameter limits is refused, not a 500.</summary>
public sealed class RecordsLongListTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    [Theory]
    [InlineData("/config/deleteCdrs", "id")]
    [InlineData("/config/deleteAgentStateHistories", "id")]
    [InlineData("/config/modifySmHistories", "id")]
    [InlineData("/config/deleteSmHistories", "id")]
    [InlineData("/query/querySatisfactions", "ids")]
    [InlineData("/query/querySmHistories", "ids")]
    [InlineData("/query/queryBlacklistHistories", "agent")]
    [InlineData("/query/querySatisfactionStatistics", "filter")]
    public async Task A_list_of_forty_thousand_ids_is_refused_with_201(string path, string field)
    {
        var api = await ApiClient.ForTenantAsync(app, 10001);
        var ids = string.Join(",", Enumerable.Range(1, 40_000));
        var (status, body) = await api.PostAsync(path, $$"""{"tenantId":"10001","type":"4","ivrDtmfDigits":"1","{{field}}":"{{ids}}","actionID":"abcd123"}""");
        Assert.Equal(200, status);
        EnvelopeAssert.Invalid(body, field);
    }
}
