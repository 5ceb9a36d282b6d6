using System.Collections.Concurrent;
using System.Security.Claims;

namespace CallCenter.Web.Export;

public enum ExportState { Running, Completed, Failed, Cancelled }

/// <summary>What the page polls: <c>GET /export/jobs/{id}</c>. <see cref="Total"/> is null until the rows are counted.</summary>
public sealed record ExportStatus(string Id, string Name, string State, long Rows, long? Total, string? Error,
    string StatusUrl, string FileUrl);

/// <summary>One export running in the background into a temp file, for one user.</summary>
public sealed class ExportJob : IProgress<long>
{
    private long _rows;
    private long _total = -1;

    internal ExportJob(string id, string owner, string fileName, string path)
    {
        Id = id;
        Owner = owner;
        FileName = fileName;
        FilePath = path;
    }

    public string Id { get; }
    public string Owner { get; }
    public string FileName { get; }
    public string FilePath { get; }
    public ExportState State { get; internal set; } = ExportState.Running;
    public string? Error { get; internal set; }
    public DateTimeOffset? Finished { get; internal set; }
    public long Rows => Interlocked.Read(ref _rows);
    public long? Total => Interlocked.Read(ref _total) is var t && t >= 0 ? t : null;
    internal CancellationTokenSource Cancellation { get; } = new();
    internal Task Work { get; set; } = Task.CompletedTask;

    void IProgress<long>.Report(long value) => Interlocked.Exchange(ref _rows, value);
    internal void SetTotal(long total) => Interlocked.Exchange(ref _total, total);

    public ExportStatus Status() => new(Id, FileName, State.ToString().ToLowerInvariant(), Rows, Total, Error,
        $"/export/jobs/{Id}", $"/export/jobs/{Id}/file");
}

/// <summary>
/// Exports run as background jobs, so a page can show their progress (rows written of the total) and download the file
/// when it is complete. Each job writes a temp file; a finished job's file is kept for
/// <see cref="Keep"/> and then deleted, as are all of them when the host stops. A user runs at most
/// <see cref="MaxRunningPerUser"/> exports at once. Only the user who started a job sees it.
/// </summary>
public sealed class ExportJobs : IDisposable
{
    /// <summary>The request header that turns an export URL into a job start: <c>X-Export: job</c>.</summary>
    public const string Header = "X-Export";
    public const string JobValue = "job";
    public const int MaxRunningPerUser = 2;
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, ExportJob> _jobs = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "callcenter-exports", Guid.NewGuid().ToString("N"));
    private readonly ILogger<ExportJobs> _log;
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public ExportJobs(ILogger<ExportJobs> log, TimeProvider time)
    {
        _log = log;
        _time = time;
        _sweeper = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public static bool IsJobRequest(HttpRequest request) =>
        string.Equals(request.Headers[Header], JobValue, StringComparison.OrdinalIgnoreCase);

    /// <summary>Who owns a job: the user's id (the name when there is none).</summary>
    public static string OwnerOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name ?? "";

    /// <summary>
    /// Starts writing <paramref name="fileName"/> in the background: <paramref name="count"/> first (for the total), then
    /// <paramref name="write"/> into the job's file, reporting rows written. Null when the user already runs
    /// <see cref="MaxRunningPerUser"/> exports.
    /// </summary>
    public ExportJob? Start(string owner, string fileName, Func<Stream, IProgress<long>, CancellationToken, Task<long>> write,
        Func<CancellationToken, Task<int>>? count)
    {
        Sweep();
        lock (_jobs)
        {
            if (_jobs.Values.Count(j => j.Owner == owner && j.State == ExportState.Running) >= MaxRunningPerUser) return null;
            Directory.CreateDirectory(_folder);
            var id = Guid.NewGuid().ToString("N");
            var job = new ExportJob(id, owner, fileName, Path.Combine(_folder, id + ".xlsx"));
            _jobs[id] = job;
            job.Work = Task.Run(() => RunAsync(job, write, count));
            return job;
        }
    }

    /// <summary>The job, if it exists and belongs to <paramref name="owner"/>.</summary>
    public ExportJob? Find(string id, string owner) =>
        _jobs.TryGetValue(id, out var job) && job.Owner == owner ? job : null;

    /// <summary>Stops a running job (or forgets a finished one) and deletes its file; false when there is no such job.</summary>
    public async Task<bool> CancelAsync(string id, string owner)
    {
        if (Find(id, owner) is not { } job) return false;
        await job.Cancellation.CancelAsync();
        // The source sees the token at its next row; a source that does not is left to finish on its own.
        try { await job.Work.WaitAsync(TimeSpan.FromSeconds(5)); } catch (TimeoutException) { }
        if (job.State == ExportState.Running) job.State = ExportState.Cancelled;
        _jobs.TryRemove(id, out _);
        DeleteFile(job);
        return true;
    }

    private async Task RunAsync(ExportJob job, Func<Stream, IProgress<long>, CancellationToken, Task<long>> write,
        Func<CancellationToken, Task<int>>? count)
    {
        var ct = job.Cancellation.Token;
        try
        {
            if (count is not null) job.SetTotal(await count(ct));
            await using (var file = new FileStream(job.FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var rows = await write(file, job, ct);
                ((IProgress<long>)job).Report(rows);
                if (count is null) job.SetTotal(rows);
            }
            ct.ThrowIfCancellationRequested(); // cancelled while the last rows went out: no file after all
            job.State = ExportState.Completed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            job.State = ExportState.Cancelled;
            DeleteFile(job);
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "Export {Name} ({Id}) failed", job.FileName, job.Id);
            job.Error = $"The export failed: {ex.Message}";
            job.State = ExportState.Failed;
            DeleteFile(job);
        }
        finally
        {
            job.Finished = _time.GetUtcNow();
        }
    }

    /// <summary>Forgets the jobs that finished longer than <see cref="Keep"/> ago, with their files.</summary>
    private void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var job in _jobs.Values.Where(j => j.Finished is { } f && now - f > Keep).ToList())
        {
            _jobs.TryRemove(job.Id, out _);
            DeleteFile(job);
        }
    }

    private void DeleteFile(ExportJob job)
    {
        try { File.Delete(job.FilePath); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning(ex, "Could not delete the export file {Path}", job.FilePath);
        }
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (var job in _jobs.Values) job.Cancellation.Cancel();
        try { Task.WaitAll(_jobs.Values.Select(j => j.Work).ToArray(), TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
        try { if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning(ex, "Could not delete the export folder {Folder}", _folder);
        }
    }
}
