using Bunit;
using CallCenter.Web.Components.Softphone;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace CallCenter.Tests.Components;

/// <summary>
/// The softphone page closed (navigated away) while its JS module was still connecting: the socket client the module
/// hands back afterwards must be stopped, or it keeps the agent's protocol socket open and calls into a dead component.
/// </summary>
public sealed class SoftphoneDisposeTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();

    public async ValueTask DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task A_client_connected_after_the_page_closed_is_stopped()
    {
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(TimeProvider.System);
        var js = new ScriptedJs();
        _ctx.Services.AddSingleton<IJSRuntime>(js);
        ComponentTestBase.RenderWithProviders(_ctx, b =>
        {
            b.OpenComponent<Softphone>(0);
            b.AddAttribute(1, nameof(Softphone.Profile), SoftphoneComponentTests.Profile);
            b.CloseComponent();
        });
        await ScriptedJs.WaitUntil(() => js.Module.Calls.Contains("connect")); // the module is still connecting

        await _ctx.DisposeComponentsAsync();
        var client = new RecordingJsObject();
        js.Module.Connected.SetResult(client);

        await ScriptedJs.WaitUntil(() => client.Calls.Contains("stop"));
        Assert.True(client.Disposed);
    }
}
