using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Excel;
using CallCenter.Infrastructure.Identity;
using CallCenter.Infrastructure.Records;
using CallCenter.Tests.Records;
using CallCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CallCenter.Tests.Web;

/// <summary>
/// The history pages over HTTP: each page and export for admins and supervisors (in their tenant), a recording's file
/// (inline with ranges, as a download, 404 when missing or foreign), and the export jobs the Export button runs.
/// </summary>
public class RecordPagesWebTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    private const string Password = "Records#Test2026";
    private const int Other = TestData.OtherTenant;

    private static readonly string[] Pages = { "/recordings", "/queue-records", "/ivr-records", "/agent-state-records" };

    private static readonly Dictionary<string, string[]> ExportHeaders = new()
    {
        ["/export/recordings.xlsx"] = new[] { "Id", "Created", "Tenant", "Direction", "Number", "Agent", "Extension", "Duration (s)", "Campaign", "File", "Call id" },
        ["/export/queue-records.xlsx"] = new[] { "Id", "Entered", "Left", "Tenant", "ACD", "ACD name", "Direction", "Caller", "Wait (s)", "Outcome", "Agent", "Extension", "Call id" },
        ["/export/ivr-records.xlsx"] = new[] { "Id", "Start", "End", "Tenant", "Caller", "Called", "Direction", "Context", "IVR id", "IVR", "ACD", "Time (s)", "Session", "Call id" },
        ["/export/agent-state-records.xlsx"] = new[] { "Id", "Start", "End", "Tenant", "Agent", "Extension", "State", "Reason code", "State text", "Duration (s)", "Business type" },
    };

    private async Task<HttpClient> UserAsync(string role, int? tenant)
    {
        var name = $"{role.ToLowerInvariant()}-{tenant?.ToString() ?? "all"}-{Guid.NewGuid():N}"[..30];
        await app.CreateUserAsync(name, Password, role, tenant);
        return await app.SignedInClientAsync(name, Password);
    }

    /// <summary>Two recordings of the demo tenant (one with its file written, one without) and one of the other tenant.</summary>
    private async Task<(RecordingRecord WithFile, RecordingRecord Missing, RecordingRecord Foreign, byte[] Bytes)> RecordingsAsync()
    {
        var tag = Random.Shared.Next(1_000_000);
        var rows = new[] { RecordSamples.Recording(tag), RecordSamples.Recording(tag + 1), RecordSamples.Recording(tag + 2, Other) };
        await app.WithDbAsync(async db =>
        {
            db.Recordings.AddRange(rows);
            return await db.SaveChangesAsync();
        });
        var bytes = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        var store = app.Services.GetRequiredService<RecordingStore>();
        foreach (var r in new[] { rows[0], rows[2] })
        {
            var path = store.PathOf(r.Filename)!;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
        }
        return (rows[0], rows[1], rows[2], bytes);
    }

    [Fact]
    public async Task Supervisors_open_the_pages_and_agents_are_refused_them()
    {
        var supervisor = await UserAsync(Roles.Supervisor, 10001);
        var agent = await UserAsync(Roles.Agent, 10001);
        foreach (var path in Pages.Concat(ExportHeaders.Keys))
        {
            Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync(path)).StatusCode);
            var refused = await agent.GetAsync(path);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden
                        || refused.Headers.Location?.ToString().Contains("/account/denied") == true, $"{path}: {refused.StatusCode}");
        }
    }

    [Fact]
    public async Task Each_history_export_keeps_its_headers_when_nothing_matches()
    {
        var admin = await app.SignedInClientAsync();
        foreach (var (path, headers) in ExportHeaders)
        {
            var response = await admin.GetAsync(path + "?search=nothing-matches-this");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(ExcelExport.ContentType, response.Content.Headers.ContentType?.MediaType);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            buffer.Position = 0;
            Assert.Empty(ExcelExport.Read(buffer));
            buffer.Position = 0;
            var first = (IDictionary<string, object?>)buffer.Query(useHeaderRow: false).Single();
            Assert.Equal(headers, first.Values.Select(v => v?.ToString()));
        }
    }

    [Fact]
    public async Task A_recording_plays_with_ranges_downloads_and_answers_404_when_missing_or_foreign()
    {
        var (withFile, missing, foreign, bytes) = await RecordingsAsync();
        var supervisor = await UserAsync(Roles.Supervisor, 10001);

        var inline = await supervisor.GetAsync($"/recordings/{withFile.Id}/audio");
        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        Assert.Equal("audio/wav", inline.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", inline.Headers.AcceptRanges.Single());
        Assert.Null(inline.Content.Headers.ContentDisposition);
        Assert.Equal(bytes, await inline.Content.ReadAsByteArrayAsync());

        using var range = new HttpRequestMessage(HttpMethod.Get, $"/recordings/{withFile.Id}/audio");
        range.Headers.Range = new RangeHeaderValue(100, 199);
        var partial = await supervisor.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(bytes[100..200], await partial.Content.ReadAsByteArrayAsync());

        var download = await supervisor.GetAsync($"/recordings/{withFile.Id}/audio?download=true");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(Path.GetFileName(withFile.Filename), download.Content.Headers.ContentDisposition?.FileNameStar);

        var gone = await supervisor.GetAsync($"/recordings/{missing.Id}/audio");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains($"The file of recording {missing.Id}", await gone.Content.ReadAsStringAsync());
        Assert.Contains("is missing", await gone.Content.ReadAsStringAsync());

        // Another tenant's recording is unknown to this supervisor, though an all-tenant admin gets it.
        var notMine = await supervisor.GetAsync($"/recordings/{foreign.Id}/audio");
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
        Assert.Equal($"There is no recording {foreign.Id}.", await notMine.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInClientAsync()).GetAsync($"/recordings/{foreign.Id}/audio")).StatusCode);
    }

    [Fact]
    public async Task An_export_job_reports_progress_to_its_owner_only_and_serves_the_finished_file()
    {
        var tag = $"job-{Guid.NewGuid():N}";
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 2500; i++)
            {
                var r = RecordSamples.Call(i);
                r.CtiCallId = $"{tag}-{i}";
                r.CallerIdNumber = $"{tag[..12]}{i}";
                db.CallRecords.Add(r);
            }
            return await db.SaveChangesAsync();
        });
        var admin = await app.SignedInClientAsync();
        var url = $"/export/call-records.xlsx?search={tag[..12]}&sortBy=StartStamp&descending=false";

        using var start = new HttpRequestMessage(HttpMethod.Get, url);
        start.Headers.Add("X-Export", "job");
        var started = await admin.SendAsync(start);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await started.Content.ReadFromJsonAsync<JsonElement>();
        var statusUrl = status.GetProperty("statusUrl").GetString()!;
        Assert.StartsWith("call-records-", status.GetProperty("name").GetString());

        for (var i = 0; i < 200 && status.GetProperty("state").GetString() == "running"; i++)
        {
            await Task.Delay(50);
            status = await admin.GetFromJsonAsync<JsonElement>(statusUrl);
        }
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(2500, status.GetProperty("rows").GetInt64());
        Assert.Equal(2500, status.GetProperty("total").GetInt64());

        // Someone else (even an admin) does not see it.
        var stranger = await UserAsync(Roles.Admin, null);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(statusUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(statusUrl + "/file")).StatusCode);

        var file = await admin.GetAsync(status.GetProperty("fileUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        var rows = ExcelExport.Read(new MemoryStream(await file.Content.ReadAsByteArrayAsync()));
        Assert.Equal(2500, rows.Count);
        Assert.Equal($"{tag}-0", rows[0]["Call id"]?.ToString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(statusUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(statusUrl)).StatusCode);
    }

    [Fact]
    public async Task An_sms_export_job_knows_its_total_for_the_progress_bar_and_keeps_to_the_users_tenant()
    {
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 30; i++)
                db.SmsRecords.Add(new CallCenter.Domain.Sms.SmsRecord
                {
                    TenantId = i < 25 ? 10001 : 20001, Agent = "10001_1000", Mobile = $"1390000{i:0000}", Content = $"Export {i}",
                    CreatedTime = DateTime.UtcNow, State = 1, Type = CallCenter.Domain.Sms.SmsTypes.Manual,
                });
            return await db.SaveChangesAsync();
        });
        var supervisor = await UserAsync(Roles.Supervisor, 10001);
        using var start = new HttpRequestMessage(HttpMethod.Get, "/export/sms.xlsx?search=Export");
        start.Headers.Add("X-Export", "job");
        var started = await supervisor.SendAsync(start);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await started.Content.ReadFromJsonAsync<JsonElement>();
        for (var i = 0; i < 200 && status.GetProperty("state").GetString() == "running"; i++)
        {
            await Task.Delay(50);
            status = await supervisor.GetFromJsonAsync<JsonElement>(status.GetProperty("statusUrl").GetString());
        }
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(25, status.GetProperty("total").GetInt64());
        Assert.Equal(25, status.GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task A_configuration_list_export_runs_as_a_job_through_the_same_path()
    {
        var admin = await app.SignedInClientAsync();
        using var start = new HttpRequestMessage(HttpMethod.Get, "/export/tenants.xlsx");
        start.Headers.Add("X-Export", "job");
        var started = await admin.SendAsync(start);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await started.Content.ReadFromJsonAsync<JsonElement>();
        for (var i = 0; i < 200 && status.GetProperty("state").GetString() == "running"; i++)
        {
            await Task.Delay(50);
            status = await admin.GetFromJsonAsync<JsonElement>(status.GetProperty("statusUrl").GetString());
        }
        Assert.Equal(("completed", status.GetProperty("total").GetInt64()), (status.GetProperty("state").GetString(), status.GetProperty("rows").GetInt64()));
        var file = await admin.GetByteArrayAsync(status.GetProperty("fileUrl").GetString());
        Assert.Contains(ExcelExport.Read(new MemoryStream(file)), r => r["Number"]?.ToString() == "10001");
    }
}
