using System.Text.Json.Nodes;
using CallCenter.Infrastructure.Softphone;
using CallCenter.Web.Softphone;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace CallCenter.Web.Components.Softphone;

/// <summary>
/// The agent's softphone. The browser holds the agent protocol WebSocket (js/softphone.js); every event it receives
/// comes here (<see cref="OnEvents"/>) and is applied to a <see cref="SoftphoneState"/>, which the panels render. The
/// buttons send the protocol's requests back through the module. Sub-panels reach this component as a cascading value.
/// </summary>
public sealed partial class Softphone : ComponentBase, IAsyncDisposable
{
    public const string ModulePath = "./js/softphone.js";

    /// <summary>Toasts only for what just happened, not for events replayed after a reload.</summary>
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(10);

    [Parameter, EditorRequired] public SoftphoneProfile Profile { get; set; } = default!;
    /// <summary>Telephony is the simulated switch: Answer and Reject act on the agent's virtual phone.</summary>
    [Parameter] public bool Simulated { get; set; } = true;
    /// <summary>The live state of the tenant's agents (DN → words), for the transfer dialog; optional.</summary>
    [Parameter] public Func<Task<IReadOnlyDictionary<string, string>>>? LoadAgentStates { get; set; }

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private IJSObjectReference? _module;
    private IJSObjectReference? _client;
    private DotNetObjectReference<Softphone>? _self;
    private ITimer? _ticker;
    private List<string> _recent = new();
    private bool _disposed;

    public SoftphoneState State { get; private set; } = default!;
    public IReadOnlyList<string> RecentNumbers => _recent;
    public DateTimeOffset Now => Clock.GetUtcNow();
    public string Dn => Profile.Agent.Dn;

    protected override void OnInitialized() => State = new SoftphoneState(Profile.Agent.Dn, Clock);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _self = DotNetObjectReference.Create(this);
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            _recent = (await _module.InvokeAsync<string[]?>("loadRecent", Dn))?.ToList() ?? new();
            _client = await _module.InvokeAsync<IJSObjectReference>("connect", _self, new
            {
                thisDN = Dn,
                extension = Profile.Agent.Extension ?? "",
                queues = Profile.Agent.Queues,
                autoLogin = Profile.Agent.Extension is not null,
            });
        }
        catch (JSDisconnectedException)
        {
            return;
        }
        if (_disposed)
        {
            // The page closed while the module was connecting: DisposeAsync found no client to stop, so stop it here, or its
            // socket stays open (the agent logged in) and keeps calling into this dead component.
            await StopClientAsync();
            return;
        }
        _ticker = Clock.CreateTimer(_ => _ = InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        StateHasChanged();
    }

    // ---------------------------------------------------------------- from the module

    /// <summary>Event frames, in the order the socket delivered them.</summary>
    [JSInvokable]
    public Task OnEvents(string[] frames)
    {
        foreach (var frame in frames)
            if (State.Apply(frame) is { } message) Toast(message);
        StateHasChanged();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public Task OnConnection(string status, int attempt, int delayMs, string detail)
    {
        State.ApplyConnection(status, attempt, delayMs, detail);
        StateHasChanged();
        return Task.CompletedTask;
    }

    private void Toast(SoftphoneMessage m)
    {
        if (Now - m.At > FreshFor) return;
        Snackbar.Add(m.Text, m.Level switch
        {
            MessageLevel.Error => Severity.Error,
            MessageLevel.Warning => Severity.Warning,
            MessageLevel.Success => Severity.Success,
            _ => Severity.Info,
        });
    }

    private void Say(MessageLevel level, string text)
    {
        Toast(State.Notify(level, text));
        StateHasChanged();
    }

    // ---------------------------------------------------------------- requests

    private async Task<bool> SendAsync(JsonObject inner)
    {
        var sent = false;
        try
        {
            if (_client is not null) sent = await _client.InvokeAsync<bool>("request", inner);
        }
        catch (JSDisconnectedException)
        {
        }
        if (!sent) Say(MessageLevel.Warning, "Not connected: the request was not sent. The page reconnects by itself.");
        return sent;
    }

    public async Task LoginAsync(string? extension)
    {
        if (_client is null) return;
        if (string.IsNullOrWhiteSpace(extension)) { Say(MessageLevel.Warning, "Enter the extension of your phone."); return; }
        if (!await _client.InvokeAsync<bool>("login", extension.Trim()))
            Say(MessageLevel.Warning, "Not connected: the login was not sent. The page reconnects by itself.");
    }

    public Task ReadyAsync() => SendAsync(SoftphoneRequests.Ready());

    public Task NotReadyAsync(int reasonCode) => SendAsync(SoftphoneRequests.NotReady(reasonCode));

    public async Task RestAsync(RestChoice rest)
    {
        State.RestRequested(rest.Seconds);
        await SendAsync(SoftphoneRequests.Rest(rest.Seconds));
    }

    public Task LogoutAsync() => SendAsync(SoftphoneRequests.Logout(State.Extension));

    public Task AcceptCallsAsync(bool accept) => SendAsync(SoftphoneRequests.AcceptIncoming(accept));

    public async Task DialAsync(string? number)
    {
        number = number?.Trim() ?? "";
        if (number.Length == 0) { Say(MessageLevel.Warning, "Enter a number, an agent or an ACD to call."); return; }
        if (number.Length > 32 || !number.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '*' or '#'))
        {
            Say(MessageLevel.Warning, "A number may hold digits, +, *, # (or an agent/ACD number such as 10001_1001).");
            return;
        }
        if (!await SendAsync(SoftphoneRequests.MakeCall(number, Profile.Agent.TenantId))) return;
        _recent.Remove(number);
        _recent.Insert(0, number);
        if (_recent.Count > 10) _recent.RemoveAt(_recent.Count - 1);
        if (_module is { } module) await Guard(() => module.InvokeVoidAsync("saveRecent", Dn, _recent).AsTask());
    }

    public Task AnswerAsync() => PhoneAsync("answer");

    public async Task RejectAsync()
    {
        if (Simulated) await PhoneAsync("reject");
        else if (State.Call is { } call) await SendAsync(SoftphoneRequests.Release(call, Dn));
    }

    /// <summary>Simulation: the page answers or rejects on the agent's virtual phone over HTTP with its sign-in cookie.</summary>
    private async Task PhoneAsync(string action)
    {
        if (!Simulated) { Say(MessageLevel.Info, "Pick up the call on your phone."); return; }
        if (_module is null) return;
        var result = await _module.InvokeAsync<PhoneResult?>("simulatePhone", action, Profile.Agent.TenantId, State.Extension ?? "");
        if (result is { Status: 200 }) return;
        Say(MessageLevel.Error, $"Could not {action} the call on your phone: {(string.IsNullOrEmpty(result?.Error) ? "it does not ring any more." : result.Error)}");
    }

    private sealed record PhoneResult(int Status, string? Error);

    public Task HangupAsync() => OnCall(c => SoftphoneRequests.Release(c, Dn));
    public Task HoldAsync() => OnCall(SoftphoneRequests.Hold);
    public Task RetrieveAsync() => OnCall(SoftphoneRequests.Retrieve);
    public Task MuteAsync(bool mute) => OnCall(c => SoftphoneRequests.Mute(c, mute));
    public Task RecordAsync(bool start) => OnCall(c => start ? SoftphoneRequests.StartRecording(c) : SoftphoneRequests.StopRecording(c));

    private Task OnCall(Func<SoftphoneCall, JsonObject> request) =>
        State.Call is { } call ? SendAsync(request(call)) : Task.CompletedTask;

    public async Task DtmfAsync(char digit)
    {
        if (State.Call is not { } call || _client is null) return;
        var client = _client;
        await Guard(() => client.InvokeAsync<bool>("sendDtmf", call.CallId, call.Party, digit.ToString()).AsTask());
    }

    public Task TransferAsync() => TargetDialogAsync(conference: false);

    public Task ConferenceAsync() => TargetDialogAsync(conference: true);

    private async Task TargetDialogAsync(bool conference)
    {
        if (State.Call is null) return;
        IReadOnlyDictionary<string, string> states = new Dictionary<string, string>();
        if (LoadAgentStates is not null) states = await LoadAgentStates();
        var parameters = new DialogParameters<TransferDialog>
        {
            { d => d.Profile, Profile },
            { d => d.Conference, conference },
            { d => d.AgentStates, states },
        };
        var dialog = await Dialogs.ShowAsync<TransferDialog>(conference ? "Three-way call" : "Transfer the call", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is not { Canceled: false, Data: TransferChoice choice } || State.Call is not { } call) return;
        await SendAsync(choice switch
        {
            { Kind: TransferTarget.Ivr } => SoftphoneRequests.TransferToIvr(call, choice.Target, choice.ReturnToAgent),
            _ when conference => SoftphoneRequests.Conference(call, choice.Target),
            _ => SoftphoneRequests.Transfer(call, choice.Target, choice.Mode),
        });
    }

    public Task ReconnectNowAsync(bool fresh) =>
        _client is { } client ? Guard(() => client.InvokeVoidAsync("reconnectNow", fresh).AsTask()) : Task.CompletedTask;

    /// <summary>A JS call that may find the circuit gone (the page is closing): nothing to do then.</summary>
    private static async Task Guard(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (JSDisconnectedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _ticker?.Dispose();
        await StopClientAsync();
    }

    private async Task StopClientAsync()
    {
        try
        {
            if (_client is not null)
            {
                await _client.InvokeVoidAsync("stop");
                await _client.DisposeAsync();
            }
            if (_module is not null) await _module.DisposeAsync();
        }
        catch (Exception ex) when (ex is JSDisconnectedException or TaskCanceledException or ObjectDisposedException)
        {
        }
        _self?.Dispose();
    }
}
