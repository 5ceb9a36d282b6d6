using System.Globalization;
using CallCenter.Domain.Common;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Records;
using CallCenter.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CallCenter.Web.Components.Records;

/// <summary>The filters every history page has: tenant, a range of local days and an agent (<see cref="RecordFilters"/>).</summary>
public sealed class RecordFilterState
{
    public int? TenantId { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public string? Agent { get; set; }

    public DateOnly? FromDay => From is { } d ? DateOnly.FromDateTime(d) : null;
    public DateOnly? ToDay => To is { } d ? DateOnly.FromDateTime(d) : null;

    public static string? Day(DateTime? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Base of the history pages (call, recording, queue, IVR and agent-state records): the shared filters, the table's
/// sort followed by the export link, and deletion (admins only) through <see cref="RecordDeletion"/>, the code the §7
/// delete interfaces use.
/// </summary>
public abstract class RecordPageBase<TRow> : ScopedPage
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] protected RecordDeletion Deletion { get; set; } = default!;

    protected EntityTable<TRow> Table = default!;
    protected RecordFilterState Filters { get; } = new();
    protected bool IsAdmin { get; private set; }
    private string? _sortBy;
    private bool _descending = true;

    protected override async Task OnScopeReadyAsync() => IsAdmin = (await Auth).User.IsInRole(Roles.Admin);

    protected Task ReloadAsync() => Table.ReloadAsync();

    /// <summary>Applies a filter change and reloads the table.</summary>
    protected Task SetAsync(Action change)
    {
        change();
        return ReloadAsync();
    }

    /// <summary>Call from the page's Load: the export link follows the table's sort.</summary>
    protected void TrackSort(ListQuery q)
    {
        if (q.SortBy == _sortBy && (q.SortBy is null || q.Descending == _descending)) return;
        _sortBy = q.SortBy;
        _descending = q.Descending;
        _ = InvokeAsync(StateHasChanged);
    }

    /// <summary>The export link with the search, the shared filters, the page's own <paramref name="filters"/> and the sort.</summary>
    protected string RecordExportLink(string path, string? search, params (string Key, object? Value)[] filters) =>
        ExportLink(path, search, [("tenantId", Filters.TenantId), .. filters, ("from", RecordFilterState.Day(Filters.From)),
            ("to", RecordFilterState.Day(Filters.To)), ("agent", Filters.Agent), ("sortBy", _sortBy),
            ("descending", _sortBy is null ? null : _descending.ToString().ToLowerInvariant())]);

    /// <summary>The table's delete action for admins (null hides it): one record by id, of the user's scope.</summary>
    protected Func<TRow, Task<Result>>? DeleteAction(RecordKind kind, Func<TRow, long> id) => IsAdmin
        ? async row => await Deletion.DeleteAsync(kind, [id(row)], [], Scope.TenantId) > 0
            ? Result.Ok()
            : Result.Refused("This record no longer exists.")
        : null;
}
