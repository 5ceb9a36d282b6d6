using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace CallCenter.Tests.Cti;

/// <summary>More sockets than allowed are refused one by one; the host stays up for everyone else.</summary>
public sealed class ConnectionLimitTests : IAsyncLifetime
{
    private readonly CtiAppFactory _app = new();

    public Task InitializeAsync()
    {
        _app.Settings["Cti:MaxAgentConnections"] = "2";
        _app.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Sockets_over_the_cap_are_refused_and_the_host_keeps_serving()
    {
        var first = await ProtocolClient.ConnectAsync(_app.BaseUrl, "10001_1000");
        var second = await ProtocolClient.ConnectAsync(_app.BaseUrl, "10001_1001");
        var refused = await Assert.ThrowsAnyAsync<WebSocketException>(() => ProtocolClient.ConnectAsync(_app.BaseUrl, "10001_1002"));
        Assert.Contains("503", refused.Message);

        // The two inside still work.
        await first.SendRawAsync("{\"thisDN\":\"10001_1000\",\"message\":\"ping\",\"type\":\"ping\"}");
        await first.WaitForAsync(3);

        // A place frees: a new socket gets in.
        await second.DisposeAsync();
        ProtocolClient? third = null;
        for (var i = 0; i < 50 && third is null; i++)
        {
            try { third = await ProtocolClient.ConnectAsync(_app.BaseUrl, "10001_1002"); }
            catch (WebSocketException) { await Task.Delay(100); }
        }
        Assert.NotNull(third);
        await third!.SendAsync(new JsonObject { ["messageId"] = 100, ["extension"] = "1002", ["thisQueues"] = new JsonArray("10001_8000") }, "login");
        await third.WaitForAsync(580);
        await third.DisposeAsync();
        await first.DisposeAsync();
    }
}
