using System.Threading.Channels;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallCenter.Infrastructure.Records;

/// <summary>What <see cref="BatchingRecordWriter"/> has done since it was created.</summary>
/// <param name="Enqueued">Records accepted by <see cref="BatchingRecordWriter.Write"/>.</param>
/// <param name="Written">Records committed to the database.</param>
/// <param name="Dropped">Records refused by <see cref="BatchingRecordWriter.Write"/> (queue full, or writer stopped).</param>
/// <param name="Failed">Accepted records given up: their batch failed every retry, or shutdown timed out first.</param>
/// <param name="Batches">Committed batches, one SaveChanges (one transaction) each.</param>
/// <param name="Retries">Failed attempts that were retried.</param>
/// <param name="Queued">Records waiting in the queue now.</param>
/// <param name="LastError">The latest failure or drop, with its time (UTC); null while there was none.</param>
public readonly record struct RecordWriterCounters(
    long Enqueued, long Written, long Dropped, long Failed, long Batches, long Retries, int Queued,
    string? LastError, DateTimeOffset? LastErrorAt);

/// <summary>
/// The <see cref="IRecordSink"/>: the engine hands history records to <see cref="Write"/>, which only queues them; this
/// background service writes them in batches, each batch with one DbContext and one SaveChanges, i.e. one transaction
/// (which is what SQLite in WAL mode, shared with the console, wants).
/// <para>
/// Batching: when a record arrives the writer takes up to <see cref="RecordWriterOptions.BatchSize"/> records, waiting at
/// most <see cref="RecordWriterOptions.FlushInterval"/> (measured with the <see cref="TimeProvider"/>) for more, then
/// saves. A failed save is retried with the same records, after <see cref="RecordWriterOptions.RetryDelayMs"/> doubled
/// each time, at most <see cref="RecordWriterOptions.MaxRetries"/> times; then the batch is logged, counted as
/// <see cref="RecordWriterCounters.Failed"/> and the writer goes on with the next one. Nothing here ever faults the host.
/// </para>
/// <para>
/// Full queue: the queue is a bounded channel of <see cref="RecordWriterOptions.Capacity"/> in
/// <see cref="BoundedChannelFullMode.Wait"/> mode, and <see cref="Write"/> uses <c>TryWrite</c>, so it never waits: a
/// record that finds the queue full is refused, counted as <see cref="RecordWriterCounters.Dropped"/>, and an error is
/// logged at most once a minute. Dropping the oldest instead would lose history silently and lose the same amount; a
/// refusal at least is counted where it happens.
/// </para>
/// <para>
/// What can be lost. A clean stop (<see cref="StopAsync"/>) loses nothing: it closes the queue (later writes are
/// dropped), stops waiting for flush windows and writes everything still queued; only if the host's shutdown timeout
/// runs out first is the rest counted as failed and logged. A crash (process killed, power lost) loses what was in
/// memory: while the database keeps up, that is at most one batch window, i.e. the records of the last
/// <see cref="RecordWriterOptions.FlushInterval"/> plus the batch being saved (at most
/// <see cref="RecordWriterOptions.BatchSize"/>). When the database falls behind (slow disk, retries) the backlog in
/// the queue, shown by <see cref="RecordWriterCounters.Queued"/>, is at risk too, up to the capacity. A commit whose
/// acknowledgement is lost (a network database dropping the connection at that moment) is retried and may then be
/// written twice.
/// </para>
/// <para>
/// <see cref="Write"/> hands the record over: the caller must not change it afterwards (the writer sets its Id, and
/// its steps' Ids and parent keys, when it is saved).
/// </para>
/// </summary>
public sealed class BatchingRecordWriter : BackgroundService, IRecordSink
{
    private static readonly TimeSpan DropLogInterval = TimeSpan.FromMinutes(1);

    private readonly IDbContextFactory<CallCenterDbContext> _dbFactory;
    private readonly RecordWriterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BatchingRecordWriter> _log;
    private readonly Channel<CallCenterRecord> _channel;
    // Cancelled only when the host stops waiting for the drain (shutdown timeout) or the writer is disposed.
    private readonly CancellationTokenSource _abort = new();

    private long _enqueued, _written, _dropped, _failed, _batches, _retries;
    private long _lastDropLog = long.MinValue;
    private volatile ErrorNote? _lastError;
    private volatile bool _closed;

    private sealed record ErrorNote(string Message, DateTimeOffset At);

    public BatchingRecordWriter(IDbContextFactory<CallCenterDbContext> dbFactory, RecordWriterOptions options, TimeProvider time,
        ILogger<BatchingRecordWriter> log)
    {
        _dbFactory = dbFactory;
        _options = options.Validate();
        _time = time;
        _log = log;
        _channel = Channel.CreateBounded<CallCenterRecord>(new BoundedChannelOptions(options.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            // The reader's continuations must never run on the engine's thread inside Write.
            AllowSynchronousContinuations = false,
        });
    }

    public RecordWriterOptions Options => _options;

    public RecordWriterCounters Counters
    {
        get
        {
            var error = _lastError;
            return new RecordWriterCounters(
                Interlocked.Read(ref _enqueued), Interlocked.Read(ref _written), Interlocked.Read(ref _dropped),
                Interlocked.Read(ref _failed), Interlocked.Read(ref _batches), Interlocked.Read(ref _retries),
                _channel.Reader.Count, error?.Message, error?.At);
        }
    }

    /// <summary>Queues the record; never waits and never throws. A record that does not fit is dropped (see the class).</summary>
    public void Write(CallCenterRecord record)
    {
        if (record is null) return;
        if (_channel.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _enqueued);
            return;
        }
        var dropped = Interlocked.Increment(ref _dropped);
        try
        {
            ReportDrop(dropped);
        }
        catch
        {
            // A failing logger must not reach the engine.
        }
    }

    private void ReportDrop(long dropped)
    {
        var now = _time.GetUtcNow();
        var last = Interlocked.Read(ref _lastDropLog);
        if (last != long.MinValue && now.UtcTicks - last < DropLogInterval.Ticks) return;
        if (Interlocked.CompareExchange(ref _lastDropLog, now.UtcTicks, last) != last) return; // another thread logs it
        var why = _closed ? "the writer has stopped" : $"the queue is full ({_options.Capacity} records)";
        _lastError = new ErrorNote($"Dropped history records: {why}.", now);
        _log.LogError("History record dropped because {Reason}; {Dropped} dropped so far (logged at most once a minute)",
            why, dropped);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>
    /// Closes the queue, then writes everything still in it before returning. If <paramref name="cancellationToken"/>
    /// (the host's shutdown timeout) fires first, the writer gives up and counts what is left as failed.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _closed = true;
        _channel.Writer.TryComplete();
        await using var giveUp = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _abort);
        if (ExecuteTask is not null) await base.StopAsync(cancellationToken);
        // Drain here what the loop left: all of it when the writer was never started, or when the stop came before the
        // thread pool ran ExecuteAsync (BackgroundService starts it with Task.Run and the stopping token, so the loop is
        // then cancelled before its first line). Never alongside a loop still running (one reader).
        if (ExecuteTask is null || ExecuteTask.IsCompleted)
            await RunAsync(new CancellationToken(canceled: true));
    }

    public override void Dispose()
    {
        _closed = true;
        _channel.Writer.TryComplete();
        _abort.Cancel();
        base.Dispose();
    }

    /// <summary>
    /// The loop: wait for a record, fill a batch, save it; until the queue is closed and empty, or the drain is aborted.
    /// <paramref name="stopping"/> only ends the flush windows early (a stopping writer does not wait for more).
    /// </summary>
    private async Task RunAsync(CancellationToken stopping)
    {
        var reader = _channel.Reader;
        var batch = new List<CallCenterRecord>(_options.BatchSize);
        try
        {
            while (await reader.WaitToReadAsync(_abort.Token))
            {
                await FillAsync(batch, stopping);
                await SaveAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Not expected (SaveAsync catches everything); still, the host must not go down with the history.
            _lastError = new ErrorNote($"{ex.GetType().Name}: {ex.Message}", _time.GetUtcNow());
            _log.LogCritical(ex, "The history writer stopped unexpectedly");
        }

        var left = batch.Count;
        while (reader.TryRead(out _)) left++;
        if (left > 0)
        {
            Interlocked.Add(ref _failed, left);
            _log.LogError("The history writer stopped with {Count} record(s) not written", left);
        }
    }

    /// <summary>Takes records until the batch is full or the flush window (from now) has passed.</summary>
    private async Task FillAsync(List<CallCenterRecord> batch, CancellationToken stopping)
    {
        var reader = _channel.Reader;
        var size = _options.BatchSize;
        Take();
        if (batch.Count >= size || stopping.IsCancellationRequested) return;

        using var window = new CancellationTokenSource(_options.FlushInterval, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(window.Token, stopping);
        try
        {
            while (batch.Count < size && await reader.WaitToReadAsync(either.Token)) Take();
        }
        catch (OperationCanceledException) when (either.IsCancellationRequested)
        {
            // The window is over (or the writer is stopping): save what there is, including what came in meanwhile.
            Take();
        }

        void Take()
        {
            while (batch.Count < size && reader.TryRead(out var record)) batch.Add(record);
        }
    }

    /// <summary>One SaveChanges for the whole batch, retried with backoff; never throws.</summary>
    private async Task SaveAsync(List<CallCenterRecord> batch)
    {
        if (batch.Count == 0) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using (var db = await _dbFactory.CreateDbContextAsync(_abort.Token))
                {
                    db.ChangeTracker.AutoDetectChangesEnabled = false;
                    db.AddRange(batch);
                    await db.SaveChangesAsync(_abort.Token);
                }
                Interlocked.Add(ref _written, batch.Count);
                Interlocked.Increment(ref _batches);
                return;
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                GiveUp(batch, null, "the shutdown timed out");
                return;
            }
            catch (Exception ex)
            {
                _lastError = new ErrorNote($"{ex.GetType().Name}: {ex.GetBaseException().Message}", _time.GetUtcNow());
                if (attempt > _options.MaxRetries)
                {
                    GiveUp(batch, ex, $"{attempt} attempts failed");
                    return;
                }
                Interlocked.Increment(ref _retries);
                var delay = TimeSpan.FromMilliseconds(_options.RetryDelayMs * Math.Pow(2, attempt - 1));
                _log.LogWarning(ex, "Writing {Count} history record(s) failed (attempt {Attempt}); retrying in {Delay} ms",
                    batch.Count, attempt, delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, _time, _abort.Token);
                }
                catch (OperationCanceledException)
                {
                    GiveUp(batch, ex, "the shutdown timed out");
                    return;
                }
            }
        }
    }

    private void GiveUp(List<CallCenterRecord> batch, Exception? ex, string why)
    {
        Interlocked.Add(ref _failed, batch.Count);
        _log.LogError(ex, "{Count} history record(s) were not written ({Reason}); first: {Type} of tenant {Tenant}",
            batch.Count, why, batch[0].GetType().Name, batch[0].TenantId);
        batch.Clear();
    }
}
