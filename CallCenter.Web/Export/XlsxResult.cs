using CallCenter.Infrastructure.Excel;
using Microsoft.Net.Http.Headers;

namespace CallCenter.Web.Export;

/// <summary>
/// An Excel export as an endpoint's result. A plain request gets the workbook streamed into the response as rows are read
/// (nothing is buffered, so a million rows cost no more memory than ten). A request with <c>X-Export: job</c> (what the
/// list pages' Export button sends) starts an <see cref="ExportJobs"/> job instead and gets 202 with its
/// <see cref="ExportStatus"/>: the page polls it for progress, then downloads the file.
/// </summary>
/// <remarks>
/// In the job case the rows are enumerated after the request has ended: <paramref name="rows"/> must not depend on the
/// request's scope (open its own DbContext when enumerated, as the record services' <c>ExportAsync</c> do, or be a list
/// already loaded). <paramref name="count"/> (optional) gives the total the progress is measured against.
/// </remarks>
public sealed class XlsxResult<T>(string name, IAsyncEnumerable<T> rows, IReadOnlyList<ExcelColumn<T>> columns,
    Func<CancellationToken, Task<int>>? count) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var fileName = $"{name}-{DateTime.Now:yyyyMMdd-HHmmss}.xlsx";
        if (ExportJobs.IsJobRequest(http.Request))
        {
            var jobs = http.RequestServices.GetRequiredService<ExportJobs>();
            var job = jobs.Start(ExportJobs.OwnerOf(http.User), fileName,
                (stream, progress, ct) => ExcelExport.WriteAsync(stream, rows, columns, name, progress, ct), count);
            var answer = job is null
                ? Results.Text($"You already have {ExportJobs.MaxRunningPerUser} exports running; wait for one to finish.",
                    statusCode: StatusCodes.Status429TooManyRequests)
                : Results.Json(job.Status(), statusCode: StatusCodes.Status202Accepted);
            await answer.ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = ExcelExport.ContentType;
        http.Response.Headers.ContentDisposition =
            new ContentDispositionHeaderValue("attachment") { FileName = fileName, FileNameStar = fileName }.ToString();
        await ExcelExport.WriteAsync(http.Response.Body, rows, columns, name, null, http.RequestAborted);
    }
}
