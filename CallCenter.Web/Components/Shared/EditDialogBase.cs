using CallCenter.Domain.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CallCenter.Web.Components.Shared;

/// <summary>
/// Base of every create/edit dialog: validates with the Domain rules first, then saves through a service; field
/// errors show by their field, a refusal shows as an alert, and the dialog closes only on success.
/// </summary>
public abstract class EditDialogBase : ComponentBase
{
    [CascadingParameter] protected IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>True when the dialog creates a new record.</summary>
    [Parameter] public bool IsNew { get; set; }

    protected Result? LastResult { get; private set; }
    protected bool Saving { get; private set; }

    protected string? Err(string field) => LastResult?.ErrorFor(field);
    protected bool HasErr(string field) => LastResult?.ErrorFor(field) is not null;

    protected void Cancel() => Dialog.Cancel();

    /// <summary>Shows a failed result (field errors by their fields, a refusal as an alert) without closing.</summary>
    protected void ShowResult(Result result) => LastResult = result;

    protected async Task SaveAsync(IReadOnlyList<FieldError> localErrors, Func<Task<Result>> save, string successMessage)
    {
        if (localErrors.Count > 0)
        {
            LastResult = Result.Invalid(localErrors);
            return;
        }
        Saving = true;
        try
        {
            LastResult = await save();
        }
        finally
        {
            Saving = false;
        }
        if (LastResult.Succeeded)
        {
            Snackbar.Add(successMessage, Severity.Success);
            Dialog.Close(DialogResult.Ok(true));
        }
    }
}
