using Microsoft.JSInterop;

namespace CallCenter.Tests.Components;

/// <summary>
/// A page's JS runtime for tests that need to hold a call open (bUnit's interop cannot hand back an
/// <see cref="IJSObjectReference"/> later): <c>import</c> answers <see cref="Module"/> once <see cref="Imported"/> is
/// released (at once unless <paramref name="holdImport"/>); other calls (MudBlazor's) answer default.
/// </summary>
public sealed class ScriptedJs(bool holdImport = false) : IJSRuntime
{
    public ScriptedModule Module { get; } = new();
    public TaskCompletionSource Imported { get; } = NewImported(holdImport);

    private static TaskCompletionSource NewImported(bool hold)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!hold) tcs.SetResult();
        return tcs;
    }

    public async ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
    {
        if (identifier != "import") return default!;
        await Imported.Task;
        return (TValue)(object)Module;
    }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        InvokeAsync<TValue>(identifier, args);

    public static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(20);
        Xunit.Assert.True(condition());
    }
}

/// <summary>A JS object that records the functions called on it; <see cref="Connected"/> is what <c>connect</c> returns, when released.</summary>
public class RecordingJsObject : IJSObjectReference
{
    private readonly List<string> _calls = new();
    public IReadOnlyList<string> Calls { get { lock (_calls) return _calls.ToList(); } }
    public bool Disposed { get; private set; }

    public virtual ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
    {
        lock (_calls) _calls.Add(identifier);
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

public sealed class ScriptedModule : RecordingJsObject
{
    public TaskCompletionSource<IJSObjectReference> Connected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
    {
        await base.InvokeAsync<TValue>(identifier, args);
        return identifier == "connect" ? (TValue)await Connected.Task : default!;
    }
}
