using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Records;

namespace CallCenter.Web.Records;

/// <summary>
/// A recording's file for the console: <c>GET /recordings/{id}/audio</c> plays in the browser (inline, range requests
/// for seeking), <c>?download=true</c> saves it. Admins and supervisors, within their tenant scope. An unknown or foreign
/// recording, or one whose file is missing, answers 404 with a sentence saying which.
/// </summary>
public static class RecordingEndpoints
{
    public static void MapRecordingFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/recordings/{id:long}/audio", async (long id, bool? download, HttpContext http, RecordingService svc, CancellationToken ct) =>
        {
            var found = await svc.FileAsync(id, http.User.Scope(), ct);
            if (found is not { } f) return Results.Text($"There is no recording {id}.", statusCode: StatusCodes.Status404NotFound);
            if (f.Path is null)
                return Results.Text($"The file of recording {id} ({f.Record.Filename}) is missing from the recordings folder.",
                    statusCode: StatusCodes.Status404NotFound);
            var name = Path.GetFileName(f.Path);
            return download == true
                ? Results.File(f.Path, ContentTypeOf(name), name, enableRangeProcessing: true)
                : Results.File(f.Path, ContentTypeOf(name), enableRangeProcessing: true);
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor));
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".wav" => "audio/wav",
        ".mp3" => "audio/mpeg",
        ".ogg" => "audio/ogg",
        _ => "application/octet-stream",
    };
}
