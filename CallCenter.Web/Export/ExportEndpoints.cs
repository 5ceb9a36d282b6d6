using CallCenter.Domain.Common;
using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Tenants;

namespace CallCenter.Web.Export;

/// <summary>Excel downloads of the console lists: <c>GET /export/{list}.xlsx</c> with the list's search and filters.</summary>
public static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/export").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapPeopleExports();
        group.MapListExports();

        group.MapGet("/tenants.xlsx", async (HttpContext http, TenantService svc, string? search, int? status, CancellationToken ct) =>
        {
            var rows = await svc.ExportAsync(new TenantListQuery { Search = search, Status = (AccountStatus?)status }, http.User.Scope(), ct);
            return await Xlsx(http, "tenants", rows, new ExcelColumn<TenantRow>[]
            {
                new("Number", r => r.Id), new("Name", r => r.Name), new("Contact", r => r.Contact),
                new("Status", r => r.Status == AccountStatus.Enabled ? "Enabled" : "Deregistered"),
                new("After call", r => r.AfterState == AfterCallState.Idle ? "Idle" : "Wrap-up"),
                new("Recording", r => r.RecordType == RecordType.Bridge ? "bridge" : "no"),
                new("Rest limit", r => r.RestNum), new("ACDs", r => r.AcdCount), new("Agents", r => r.AgentCount),
                new("Created", r => Local(r.CreatedTime)),
            }, ct);
        });
        group.MapAcdExports();
        group.MapUserExports();
        app.MapRecordExports();
        app.MapExportJobs();
        app.MapServiceRecordExports();
    }

    /// <summary>UTC storage time as the server's local "yyyy-MM-dd HH:mm:ss".</summary>
    public static string Local(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss");

    /// <summary>
    /// The export of a list already loaded (or any in-memory sequence) as <c>{name}-{timestamp}.xlsx</c>: streamed into the
    /// response, or run as a job with progress when the page asks for one (see <see cref="XlsxResult{T}"/>).
    /// </summary>
    public static Task<IResult> Xlsx<T>(HttpContext http, string name, IEnumerable<T> rows,
        IReadOnlyList<ExcelColumn<T>> columns, CancellationToken ct) =>
        Task.FromResult(Xlsx(name, rows.ToAsyncEnumerable(), columns,
            rows is IReadOnlyCollection<T> loaded ? _ => Task.FromResult(loaded.Count) : null));

    /// <summary>
    /// The export of rows streamed from the database (e.g. a record service's <c>ExportAsync</c>), with
    /// <paramref name="count"/> giving the total for the progress bar. See <see cref="XlsxResult{T}"/> for what
    /// <paramref name="rows"/> may depend on.
    /// </summary>
    public static IResult Xlsx<T>(string name, IAsyncEnumerable<T> rows, IReadOnlyList<ExcelColumn<T>> columns,
        Func<CancellationToken, Task<int>>? count = null) => new XlsxResult<T>(name, rows, columns, count);

    public static IServiceCollection AddExports(this IServiceCollection services) => services.AddSingleton<ExportJobs>();

    /// <summary>
    /// The export jobs of the signed-in user: <c>GET /export/jobs/{id}</c> (status), <c>GET /export/jobs/{id}/file</c> (the
    /// workbook, once complete; range requests allowed) and <c>DELETE /export/jobs/{id}</c> (cancel, or discard the file).
    /// Another user's job is 404, as is an unknown or expired one.
    /// </summary>
    private static void MapExportJobs(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/export/jobs").RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor));
        const string Gone = "No such export: it may have expired (files are kept 15 minutes) or belong to someone else.";

        jobs.MapGet("/{id}", (string id, HttpContext http, ExportJobs all) =>
            all.Find(id, ExportJobs.OwnerOf(http.User)) is { } job ? Results.Json(job.Status()) : Results.Text(Gone, statusCode: StatusCodes.Status404NotFound));

        jobs.MapGet("/{id}/file", (string id, HttpContext http, ExportJobs all) => all.Find(id, ExportJobs.OwnerOf(http.User)) switch
        {
            null => Results.Text(Gone, statusCode: StatusCodes.Status404NotFound),
            { State: ExportState.Completed } job when File.Exists(job.FilePath) =>
                Results.File(job.FilePath, ExcelExport.ContentType, job.FileName, enableRangeProcessing: true),
            { State: ExportState.Running } => Results.Text("The export is still running.", statusCode: StatusCodes.Status409Conflict),
            { State: ExportState.Failed } job => Results.Text(job.Error, statusCode: StatusCodes.Status409Conflict),
            _ => Results.Text(Gone, statusCode: StatusCodes.Status404NotFound),
        });

        jobs.MapDelete("/{id}", async (string id, HttpContext http, ExportJobs all) =>
            await all.CancelAsync(id, ExportJobs.OwnerOf(http.User)) ? Results.NoContent() : Results.Text(Gone, statusCode: StatusCodes.Status404NotFound));
    }
}
