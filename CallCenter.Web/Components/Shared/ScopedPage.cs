using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CallCenter.Web.Components.Shared;

/// <summary>Base of the list pages: knows the signed-in user's tenant scope and opens edit dialogs.</summary>
public abstract class ScopedPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] protected IDialogService Dialogs { get; set; } = default!;

    protected TenantScope Scope { get; private set; } = TenantScope.Of(-1);

    protected override async Task OnInitializedAsync()
    {
        Scope = (await AuthState).User.Scope();
        await OnScopeReadyAsync();
    }

    protected virtual Task OnScopeReadyAsync() => Task.CompletedTask;

    /// <summary>Shows an edit dialog; true when it saved.</summary>
    protected async Task<bool> ShowEditorAsync<TDialog>(string title, DialogParameters<TDialog> parameters) where TDialog : ComponentBase
    {
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };
        var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false };
    }

    /// <summary>Builds an export link with the search and any extra filters.</summary>
    protected static string ExportLink(string path, string? search, params (string Key, object? Value)[] filters)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(search)) parts.Add($"search={Uri.EscapeDataString(search)}");
        foreach (var (k, v) in filters)
            if (v is not null && v.ToString() is { Length: > 0 } s) parts.Add($"{k}={Uri.EscapeDataString(s)}");
        return parts.Count == 0 ? path : $"{path}?{string.Join('&', parts)}";
    }
}
