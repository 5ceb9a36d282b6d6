using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.ApiKeys;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Support;

/// <summary>Posts the programmer's guide's JSON bodies with an API key and reads the envelope back.</summary>
public sealed class ApiClient(HttpClient http)
{
    public const string Version = "5.0.x.20210203_release";

    public HttpClient Http { get; } = http;

    /// <summary>Issues a key through the real service: for one tenant, or for all tenants when null.</summary>
    public static async Task<ApiClient> ForTenantAsync(CallCenterAppFactory app, int? tenantId, string name = "test key")
    {
        var key = await app.WithScopeAsync(async sp =>
        {
            var (result, text) = await sp.GetRequiredService<ApiKeyService>().CreateAsync(name, tenantId, TenantScope.All, "tests");
            Assert.True(result.Succeeded, result.Describe());
            return text!;
        });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new ApiClient(client);
    }

    /// <summary>Posts each body and asserts the 201 envelope naming its field (HTTP 200, actionID "abcd123" echoed).</summary>
    public async Task AssertInvalidAsync(string path, params (string Json, string Field)[] cases)
    {
        foreach (var (json, field) in cases)
        {
            var (status, body) = await PostAsync(path, json);
            Assert.Equal(200, status);
            EnvelopeAssert.Invalid(body, field);
        }
    }

    /// <summary>POSTs <paramref name="json"/> verbatim to <c>/{version}{path}</c>.</summary>
    public async Task<(int Status, JsonObject Body)> PostAsync(string path, string json, string version = Version)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await Http.PostAsync($"/{version}{path}", content);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"Not a JSON object: {text}");
        return ((int)response.StatusCode, body);
    }
}

public static class EnvelopeAssert
{
    /// <summary>code 200, "success!", the actionID echoed; returns data.</summary>
    public static JsonNode? Success(JsonObject body, string actionId = "abcd123")
    {
        Assert.True(200 == (int?)body["code"], body.ToJsonString());
        Assert.Equal("success!", (string?)body["message"]);
        Assert.Equal(actionId, (string?)body["actionID"]);
        return body["data"];
    }

    /// <summary>code 201, the documented message, the actionID echoed, and a reason naming <paramref name="field"/>.</summary>
    public static void Invalid(JsonObject body, string field, string actionId = "abcd123")
    {
        Assert.True(201 == (int?)body["code"], body.ToJsonString());
        Assert.Equal("Please check your parameters", (string?)body["message"]);
        Assert.Equal(actionId, (string?)body["actionID"]);
        Assert.Null(body["data"]);
        var fields = body["errors"]!.AsArray().Select(e => (string?)e!["field"]).ToList();
        Assert.Contains(field, fields);
    }
}
