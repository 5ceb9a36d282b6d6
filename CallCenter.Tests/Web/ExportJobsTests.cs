using CallCenter.Infrastructure.Excel;
using CallCenter.Web.Export;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallCenter.Tests.Web;

/// <summary>Export jobs: a background write into a temp file with its progress, one owner, a cap per user, expiry.</summary>
public sealed class ExportJobsTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ExportJobs _jobs;

    public ExportJobsTests() => _jobs = new ExportJobs(NullLogger<ExportJobs>.Instance, _clock);

    public void Dispose() => _jobs.Dispose();

    private static readonly ExcelColumn<int>[] Columns = { new("N", n => n) };

    private static async IAsyncEnumerable<int> Numbers(int count, Task? gate = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 1; i <= count; i++)
        {
            if (i == count / 2 && gate is not null) await gate.WaitAsync(ct);
            yield return i;
        }
    }

    private ExportJob Start(string owner, int count, Task? gate = null, int? total = null) =>
        _jobs.Start(owner, "numbers.xlsx", (s, p, ct) => ExcelExport.WriteAsync(s, Numbers(count, gate), Columns, "numbers", p, ct),
            total is { } t ? _ => Task.FromResult(t) : null)!;

    private static async Task<ExportJob> FinishedAsync(ExportJob job)
    {
        for (var i = 0; i < 200 && job.State == ExportState.Running; i++) await Task.Delay(25);
        return job;
    }

    [Fact]
    public async Task A_job_counts_writes_reports_its_rows_and_leaves_a_readable_file()
    {
        var gate = new TaskCompletionSource();
        var job = Start("u1", 3000, gate.Task, total: 3000);

        for (var i = 0; i < 200 && job.Rows < 1000; i++) await Task.Delay(25);
        var running = job.Status();
        Assert.Equal(("running", 3000L), (running.State, running.Total));
        Assert.InRange(running.Rows, 1000, 1499);
        Assert.Equal($"/export/jobs/{job.Id}", running.StatusUrl);
        Assert.Equal($"/export/jobs/{job.Id}/file", running.FileUrl);

        gate.SetResult();
        await FinishedAsync(job);
        Assert.Equal(ExportState.Completed, job.State);
        Assert.Equal(3000, job.Rows);
        await using var file = File.OpenRead(job.FilePath);
        Assert.Equal(3000, ExcelExport.Read(file).Count);
    }

    [Fact]
    public async Task Without_a_count_the_total_is_the_rows_written_once_done()
    {
        var job = await FinishedAsync(Start("u1", 10));
        Assert.Equal((ExportState.Completed, 10L, (long?)10), (job.State, job.Rows, job.Total));
    }

    [Fact]
    public async Task Only_the_owner_sees_a_job_and_a_user_runs_at_most_two_at_once()
    {
        var gate = new TaskCompletionSource();
        var first = Start("u1", 100, gate.Task);
        var second = Start("u1", 100, gate.Task);
        Assert.Null(_jobs.Start("u1", "third.xlsx", (_, _, _) => Task.FromResult(0L), null));
        Assert.NotNull(_jobs.Find(first.Id, "u1"));
        Assert.Null(_jobs.Find(first.Id, "u2"));
        Assert.False(await _jobs.CancelAsync(first.Id, "u2"));

        var other = Start("u2", 100, gate.Task); // another user is not held up
        gate.SetResult();
        await FinishedAsync(first);
        await FinishedAsync(second);
        await FinishedAsync(other);
        Assert.NotNull(Start("u1", 5)); // room again once the first two finished
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_it_and_deletes_its_file()
    {
        var gate = new TaskCompletionSource();
        var job = Start("u1", 100, gate.Task);
        for (var i = 0; i < 200 && !File.Exists(job.FilePath); i++) await Task.Delay(25);

        Assert.True(await _jobs.CancelAsync(job.Id, "u1"));
        Assert.Equal(ExportState.Cancelled, job.State);
        Assert.False(File.Exists(job.FilePath));
        Assert.Null(_jobs.Find(job.Id, "u1"));
    }

    [Fact]
    public async Task A_failing_source_fails_the_job_with_its_reason_and_no_file()
    {
        var job = _jobs.Start("u1", "broken.xlsx", (s, p, ct) => ExcelExport.WriteAsync(s, Broken(), Columns, "broken", p, ct), null)!;
        await FinishedAsync(job);
        Assert.Equal(ExportState.Failed, job.State);
        Assert.Equal("The export failed: the database went away", job.Error);
        Assert.False(File.Exists(job.FilePath));

        static async IAsyncEnumerable<int> Broken()
        {
            yield return 1;
            await Task.Yield();
            throw new IOException("the database went away");
        }
    }

    [Fact]
    public async Task A_finished_job_and_its_file_are_kept_fifteen_minutes()
    {
        var job = await FinishedAsync(Start("u1", 10));
        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.NotNull(_jobs.Find(job.Id, "u1"));
        Assert.True(File.Exists(job.FilePath));

        _clock.Advance(TimeSpan.FromMinutes(2)); // the sweeper runs every minute
        Assert.Null(_jobs.Find(job.Id, "u1"));
        Assert.False(File.Exists(job.FilePath));
    }
}
