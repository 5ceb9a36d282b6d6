using Bunit;
using CallCenter.Web.Components.Softphone;
using Microsoft.AspNetCore.Components;
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
        var cut = ComponentTestBase.RenderWithProviders(_ctx, b =>
        {
            b.OpenComponent<Softphone>(0);
            b.AddAttribute(1, nameof(Softphone.Profile), SoftphoneComponentTests.Profile);
            b.CloseComponent();
        });
        await WaitUntil(() => js.Module.Calls.ToArray().Contains("connect"));

        await _ctx.DisposeComponentsAsync();
        var client = new RecordingClient();
        js.Module.Connected.SetResult(client);

        await WaitUntil(() => client.Calls.Contains("stop"));
        Assert.True(client.Disposed);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(20);
        Assert.True(condition());
    }

    /// <summary>The page's JS: import gives <see cref="Module"/>, whose connect() waits for <see cref="ModuleStub.Connected"/>.</summary>
    private sealed class ScriptedJs : IJSRuntime
    {
        public ModuleStub Module { get; } = new();

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            ValueTask.FromResult(identifier == "import" ? (TValue)(object)Module : default!); // MudBlazor's own calls: nothing

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);
    }

    private sealed class ModuleStub : RecordingClient
    {
        public TaskCompletionSource<IJSObjectReference> Connected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
        {
            await base.InvokeAsync<TValue>(identifier, args);
            return identifier == "connect" ? (TValue)await Connected.Task : default!;
        }
    }

    private class RecordingClient : IJSObjectReference
    {
        public List<string> Calls { get; } = new();
        public bool Disposed { get; private set; }

        public virtual ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
        {
            lock (Calls) Calls.Add(identifier);
            return ValueTask.FromResult(default(TValue)!);
        }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
