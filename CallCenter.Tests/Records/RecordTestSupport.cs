using System.Collections;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using CallCenter.Infrastructure.Records;
using CallCenter.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CallCenter.Tests.Records;

/// <summary>A migrated SQLite database and a writer over it, not started; stops and disposes both.</summary>
public sealed class WriterHarness : IAsyncDisposable
{
    private WriterHarness(SqliteTestDatabase db, BatchingRecordWriter writer, LogCapture<BatchingRecordWriter> log)
    {
        Db = db;
        Writer = writer;
        Log = log;
    }

    public SqliteTestDatabase Db { get; }
    public BatchingRecordWriter Writer { get; }
    public LogCapture<BatchingRecordWriter> Log { get; }
    public IRecordSink Sink => Writer;
    public RecordWriterCounters Counters => Writer.Counters;

    /// <param name="factory">Builds the writer's context factory from the database (default: the app's own).</param>
    public static async Task<WriterHarness> CreateAsync(RecordWriterOptions? options = null, TimeProvider? time = null,
        Func<SqliteTestDatabase, IDbContextFactory<CallCenterDbContext>>? factory = null)
    {
        var db = await SqliteTestDatabase.CreateAsync();
        var log = new LogCapture<BatchingRecordWriter>();
        var writer = new BatchingRecordWriter(factory?.Invoke(db) ?? db.Factory, options ?? new RecordWriterOptions(),
            time ?? TimeProvider.System, log);
        return new WriterHarness(db, writer, log);
    }

    public Task StartAsync() => Writer.StartAsync(CancellationToken.None);
    public Task StopAsync() => Writer.StopAsync(CancellationToken.None);

    public async Task<int> CountAsync<T>() where T : class
    {
        await using var ctx = Db.NewContext();
        return await ctx.Set<T>().CountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.StopAsync(CancellationToken.None);
        Writer.Dispose();
        await Db.DisposeAsync();
    }
}

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after <paramref name="timeout"/> (default 30 s).</summary>
    public static async Task WaitUntil(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = Stopwatch.StartNew();
        while (!condition())
        {
            if (limit.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
                Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(5);
        }
    }
}

/// <summary>An ILogger that keeps what was logged.</summary>
public sealed class LogCapture<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get { lock (_entries) return _entries.ToList(); }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        lock (_entries) _entries.Add((logLevel, formatter(state, exception)));
    }
}

/// <summary>
/// A TimeProvider whose time moves only when told (<see cref="Advance"/>); its timers fire then, on the caller's thread.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = new();
    private DateTimeOffset _now = FixedClock.Default;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Timers that will fire when time moves far enough.</summary>
    public int ArmedTimers
    {
        get { lock (_gate) return _timers.Count(t => t.Due is not null); }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.Due <= _now).ToList();
            foreach (var t in due) t.Due = t.Period is { } p ? _now + p : null;
        }
        foreach (var t in due) t.Callback(t.State);
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;
        public object? State { get; } = state;
        public DateTimeOffset? Due { get; set; }
        public TimeSpan? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                if (!clock._timers.Contains(this)) clock._timers.Add(this);
            }
            return true;
        }

        public void Dispose()
        {
            lock (clock._gate) clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// Makes the next <see cref="FailuresLeft"/> saves fail as a locked SQLite database does, at the
/// <see cref="FailAtInsert"/>-th INSERT command of the save, so earlier commands of that save have already run (and
/// handed back generated ids) when the transaction is rolled back.
/// </summary>
public sealed class FailingInserts : DbCommandInterceptor
{
    private readonly ConditionalWeakTable<DbContext, StrongBox<int>> _insertsPerContext = new();
    private int _failuresLeft;

    public FailingInserts(int failures, int failAtInsert = 1)
    {
        _failuresLeft = failures;
        FailAtInsert = failAtInsert;
    }

    public int FailAtInsert { get; }
    public int FailuresLeft => Volatile.Read(ref _failuresLeft);
    public int Failed { get; private set; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Check(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is null || !command.CommandText.Contains("INSERT", StringComparison.OrdinalIgnoreCase)) return;
        var count = _insertsPerContext.GetOrCreateValue(eventData.Context);
        count.Value++;
        if (count.Value != FailAtInsert || Interlocked.Decrement(ref _failuresLeft) < 0) return;
        Failed++;
        throw new SqliteException("database is locked (injected by the test)", 5);
    }
}

/// <summary>The app's SQLite contexts over the test database, with extra interceptors.</summary>
public sealed class InterceptedFactory(string databaseFile, params IInterceptor[] interceptors) : IDbContextFactory<CallCenterDbContext>
{
    private readonly DbContextOptions<SqliteCallCenterDbContext> _options = new DbContextOptionsBuilder<SqliteCallCenterDbContext>()
        .UseSqlite($"Data Source={databaseFile}").AddInterceptors(interceptors).Options;

    public CallCenterDbContext CreateDbContext() => new SqliteCallCenterDbContext(_options);
}

/// <summary>Compares two objects property by property, lists element by element.</summary>
public static class SameValues
{
    public static void Assert<T>(T expected, T actual, string path = "")
    {
        var type = expected!.GetType();
        Xunit.Assert.Equal(type, actual!.GetType());
        foreach (var p in type.GetProperties())
        {
            var e = p.GetValue(expected);
            var a = p.GetValue(actual);
            var name = $"{path}{type.Name}.{p.Name}";
            if (e is IList el && a is IList al)
            {
                Xunit.Assert.True(el.Count == al.Count, $"{name}: expected {el.Count} items, got {al.Count}");
                for (var i = 0; i < el.Count; i++) Assert(el[i], al[i], $"{name}[{i}].");
            }
            else
            {
                Xunit.Assert.True(Equals(e, a), $"{name}: expected <{e}>, got <{a}>");
            }
        }
    }

    /// <summary>Every property (and every property of every list item) differs from its type's default.</summary>
    public static void AssertNoDefaults(object value, string path = "")
    {
        var type = value.GetType();
        foreach (var p in type.GetProperties())
        {
            var v = p.GetValue(value);
            var name = $"{path}{type.Name}.{p.Name}";
            if (v is IList list)
            {
                Xunit.Assert.True(list.Count > 0, $"{name} is empty");
                foreach (var item in list) AssertNoDefaults(item!, name + "[].");
                continue;
            }
            var fallback = p.PropertyType.IsValueType && Nullable.GetUnderlyingType(p.PropertyType) is null
                ? Activator.CreateInstance(p.PropertyType)
                : null;
            Xunit.Assert.False(v is null || Equals(v, fallback) || v is "", $"{name} has its default value, so the test would not see it lost");
        }
    }
}
