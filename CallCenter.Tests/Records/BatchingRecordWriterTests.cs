using System.Diagnostics;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.Data;
using CallCenter.Infrastructure.Records;
using CallCenter.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallCenter.Tests.Records;

/// <summary>The history writer over a real SQLite file: round trip, batching, flush window, drain, full queue, failures.</summary>
public class BatchingRecordWriterTests
{
    [Fact]
    public async Task Every_record_type_written_through_the_sink_comes_back_with_every_field()
    {
        var folder = TestFolders.Create();
        try
        {
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Records:BatchSize"] = "50",
                ["Records:FlushIntervalMs"] = "50",
            }).Build();
            await using var services = SqliteTestDatabase.Register(new ServiceCollection(), folder).AddRecords(config).BuildServiceProvider();
            await using (var ctx = services.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContext())
                await ctx.Database.MigrateAsync();

            var sink = services.GetRequiredService<IRecordSink>();
            var writer = Assert.IsType<BatchingRecordWriter>(sink);
            Assert.Same(writer, services.GetServices<IHostedService>().OfType<BatchingRecordWriter>().Single());
            Assert.Equal(50, writer.Options.BatchSize);

            var call = RecordSamples.Call();
            var bare = new CallRecord
            {
                TenantId = 10002, DestinationNumber = "8000", CallerIdNumber = "18034613972", CtiCallType = 2,
                StartStamp = new DateTime(2026, 3, 1, 9, 0, 0), EndStamp = new DateTime(2026, 3, 1, 9, 0, 9),
                CtiCallId = "missed@1", Duration = 9, HangupCause = "NO_ANSWER",
            };
            var recording = RecordSamples.Recording();
            var queue = RecordSamples.Queue();
            var ivr = RecordSamples.Ivr();
            var state = RecordSamples.AgentState();
            var attached = RecordSamples.AttachedData();
            CallCenterRecord[] all = { call, bare, recording, queue, ivr, state, attached };

            await writer.StartAsync(default);
            foreach (var r in all) sink.Write(r);
            await Eventually.WaitUntil(() => writer.Counters.Written == all.Length, "all 7 records are written");
            await writer.StopAsync(default);

            Assert.All(all, r => Assert.NotEqual(0, r.Id));
            await using var read = services.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContext();

            var calls = await read.CallRecords.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
            Assert.Equal(2, calls.Count);
            SameValues.Assert(call, calls[0]);
            SameValues.AssertNoDefaults(calls[0]);
            SameValues.Assert(bare, calls[1]);
            Assert.Null(calls[1].Agent);
            Assert.Null(calls[1].AnswerStamp);
            Assert.Null(calls[1].CampaignId);
            Assert.Equal(0m, calls[1].BillRate);

            var recordings = await read.Recordings.AsNoTracking().ToListAsync();
            SameValues.Assert(recording, Assert.Single(recordings));
            SameValues.AssertNoDefaults(recordings[0]);

            var queues = await read.QueueRecords.AsNoTracking().Include(q => q.Steps.OrderBy(s => s.Sequence)).ToListAsync();
            SameValues.Assert(queue, Assert.Single(queues));
            SameValues.AssertNoDefaults(queues[0]);
            Assert.All(queues[0].Steps, s => Assert.Equal(queues[0].Id, s.QueueRecordId));

            var ivrs = await read.IvrRecords.AsNoTracking().Include(x => x.Steps.OrderBy(s => s.EventSequence)).ToListAsync();
            SameValues.Assert(ivr, Assert.Single(ivrs));
            SameValues.AssertNoDefaults(ivrs[0]);
            Assert.Equal(new[] { 1, 2, 3 }, ivrs[0].Steps.Select(s => s.EventSequence));

            var states = await read.AgentStateRecords.AsNoTracking().ToListAsync();
            SameValues.Assert(state, Assert.Single(states));
            SameValues.AssertNoDefaults(states[0]);

            var data = await read.AttachedData.AsNoTracking().ToListAsync();
            SameValues.Assert(attached, Assert.Single(data));
            SameValues.AssertNoDefaults(data[0]);

            // Steps belong to their parent: deleting it takes them along.
            read.QueueRecords.Remove(await read.QueueRecords.SingleAsync());
            read.IvrRecords.Remove(await read.IvrRecords.SingleAsync());
            await read.SaveChangesAsync();
            Assert.Equal(0, await read.QueueSteps.CountAsync());
            Assert.Equal(0, await read.IvrSteps.CountAsync());
        }
        finally
        {
            TestFolders.Delete(folder);
        }
    }

    [Fact]
    public void AddInfrastructure_registers_one_writer_as_the_sink_and_a_hosted_service()
    {
        var folder = TestFolders.Create();
        try
        {
            var services = new ServiceCollection().AddLogging().AddInfrastructure(TestFolders.SqliteConfiguration(folder), folder);
            using var provider = services.BuildServiceProvider();
            var writer = provider.GetRequiredService<BatchingRecordWriter>();
            Assert.Same(writer, provider.GetRequiredService<IRecordSink>());
            Assert.Same(writer, provider.GetServices<IHostedService>().OfType<BatchingRecordWriter>().Single());
            // Defaults.
            Assert.Equal(500, writer.Options.BatchSize);
            Assert.Equal(TimeSpan.FromMilliseconds(500), writer.Options.FlushInterval);
            Assert.Equal(100_000, writer.Options.Capacity);
        }
        finally
        {
            TestFolders.Delete(folder);
        }
    }

    [Fact]
    public void Options_that_cannot_work_stop_the_start()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Records:BatchSize"] = "0" }).Build();
        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddRecords(config));
        Assert.Contains("Records:BatchSize", ex.Message);
    }

    [Fact]
    public async Task Two_thousand_records_are_written_in_at_most_five_batches()
    {
        await using var h = await WriterHarness.CreateAsync(new RecordWriterOptions { BatchSize = 500, FlushIntervalMs = 500 });
        await h.StartAsync();

        for (var i = 0; i < 2000; i++) h.Sink.Write(RecordSamples.Call(i));
        await Eventually.WaitUntil(() => h.Counters.Written == 2000, "2,000 records are written");

        var c = h.Counters;
        Assert.InRange(c.Batches, 4, (long)Math.Ceiling(2000 / 500.0) + 1);
        Assert.Equal(2000, c.Enqueued);
        Assert.Equal(0, c.Dropped + c.Failed + c.Retries);
        Assert.Equal(2000, await h.CountAsync<CallRecord>());
    }

    [Fact]
    public async Task A_lone_record_is_written_when_the_flush_interval_has_passed_and_not_before()
    {
        var clock = new ManualClock();
        await using var h = await WriterHarness.CreateAsync(new RecordWriterOptions { BatchSize = 500, FlushIntervalMs = 500 }, clock);
        await h.StartAsync();

        h.Sink.Write(RecordSamples.AgentState(1));
        await Eventually.WaitUntil(() => clock.ArmedTimers == 1, "the writer opens a flush window");
        clock.Advance(TimeSpan.FromMilliseconds(200));
        h.Sink.Write(RecordSamples.AgentState(2)); // joins the open window
        await Task.Delay(200);
        clock.Advance(TimeSpan.FromMilliseconds(299));
        await Task.Delay(200);
        Assert.Equal(0, h.Counters.Written);

        clock.Advance(TimeSpan.FromMilliseconds(1)); // 500 ms after the first record
        await Eventually.WaitUntil(() => h.Counters.Written == 2, "the window's two records are written");
        Assert.Equal(1, h.Counters.Batches);
        Assert.Equal(2, await h.CountAsync<AgentStateRecord>());
    }

    [Fact]
    public async Task A_lone_record_is_written_within_a_short_real_flush_interval()
    {
        await using var h = await WriterHarness.CreateAsync(new RecordWriterOptions { FlushIntervalMs = 50 });
        await h.StartAsync();

        h.Sink.Write(RecordSamples.Recording());
        // No more records come: the batch of one is written once the 50 ms window is over, not held for more.
        await Eventually.WaitUntil(() => h.Counters.Written == 1, "the record is written", TimeSpan.FromSeconds(10));
        Assert.Equal(1, await h.CountAsync<RecordingRecord>());
    }

    [Fact]
    public async Task StopAsync_right_after_5000_writes_drains_them_all()
    {
        await using var h = await WriterHarness.CreateAsync(new RecordWriterOptions { BatchSize = 500, FlushIntervalMs = 60_000 });
        await h.StartAsync();

        for (var i = 0; i < 5000; i++)
            h.Sink.Write(i % 2 == 0 ? RecordSamples.Call(i) : RecordSamples.Queue(i));
        await h.StopAsync();

        var c = h.Counters;
        Assert.Equal(5000, c.Written);
        Assert.Equal(0, c.Queued + c.Failed + c.Dropped);
        Assert.Equal(2500, await h.CountAsync<CallRecord>());
        Assert.Equal(2500, await h.CountAsync<QueueRecord>());
        Assert.Equal(7500, await h.CountAsync<QueueStep>());

        // Closed now: a late record is refused and counted, not lost silently.
        h.Sink.Write(RecordSamples.Call(9999));
        Assert.Equal(1, h.Counters.Dropped);
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("stopped"));
    }

    [Fact]
    public async Task StopAsync_drains_even_when_the_loop_never_got_to_run()
    {
        // BackgroundService starts ExecuteAsync through Task.Run with the stopping token: a stop that comes before the
        // thread pool runs it cancels the loop before its first line. Reproduced here by starting with a cancelled token.
        await using var h = await WriterHarness.CreateAsync(new RecordWriterOptions { BatchSize = 100, FlushIntervalMs = 60_000 });
        await h.Writer.StartAsync(new CancellationToken(canceled: true));
        for (var i = 0; i < 250; i++) h.Sink.Write(RecordSamples.AttachedData(i));
        await h.StopAsync();

        Assert.Equal(250, h.Counters.Written);
        Assert.Equal(0, h.Counters.Queued + h.Counters.Failed);
        Assert.Equal(250, await h.CountAsync<AttachedDataRecord>());
    }

    [Fact]
    public async Task A_full_queue_refuses_without_blocking_counts_the_drops_and_logs_once()
    {
        var clock = new ManualClock();
        await using var h = await WriterHarness.CreateAsync(new RecordWriterOptions { Capacity = 10 }, clock);
        // Not started: nothing reads the queue.

        for (var i = 0; i < 10; i++) h.Sink.Write(RecordSamples.Call(i));
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++) h.Sink.Write(RecordSamples.Call(100 + i));
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"1,000 refused writes took {watch.Elapsed}");
        var c = h.Counters;
        Assert.Equal(10, c.Enqueued);
        Assert.Equal(1000, c.Dropped);
        Assert.Equal(10, c.Queued);
        Assert.Contains("full", c.LastError);
        Assert.Single(h.Log.Entries, e => e.Level == LogLevel.Error);

        // At most once a minute.
        clock.Advance(TimeSpan.FromSeconds(59));
        h.Sink.Write(RecordSamples.Call(5000));
        Assert.Single(h.Log.Entries, e => e.Level == LogLevel.Error);
        clock.Advance(TimeSpan.FromSeconds(1));
        h.Sink.Write(RecordSamples.Call(5001));
        Assert.Equal(2, h.Log.Entries.Count(e => e.Level == LogLevel.Error));
        Assert.Contains("1002", h.Log.Entries[^1].Message);

        // What was accepted is still written.
        await h.StopAsync();
        Assert.Equal(10, await h.CountAsync<CallRecord>());
    }

    [Fact]
    public async Task A_batch_that_fails_twice_is_retried_and_written_once()
    {
        // The second INSERT of a save fails: the parents are in (with ids handed back) when the transaction rolls back.
        var failing = new FailingInserts(failures: 2, failAtInsert: 2);
        await using var h = await WriterHarness.CreateAsync(new RecordWriterOptions { BatchSize = 100, FlushIntervalMs = 20, RetryDelayMs = 10 },
            factory: db => new InterceptedFactory(db.DatabaseFile, failing));
        for (var i = 0; i < 100; i++) h.Sink.Write(RecordSamples.Queue(i)); // queued first: one batch of 100
        await h.StartAsync();
        await Eventually.WaitUntil(() => h.Counters.Written == 100, "the batch is written on its third attempt");

        Assert.Equal(2, failing.Failed);
        var c = h.Counters;
        Assert.Equal(2, c.Retries);
        Assert.Equal(1, c.Batches);
        Assert.Equal(0, c.Failed);
        Assert.Contains("database is locked", c.LastError);
        Assert.Equal(100, await h.CountAsync<QueueRecord>());
        Assert.Equal(300, await h.CountAsync<QueueStep>());
        await using var ctx = h.Db.NewContext();
        Assert.Equal(100, await ctx.QueueRecords.CountAsync(q => q.Steps.Count == 3));
    }

    [Fact]
    public async Task A_batch_that_keeps_failing_is_given_up_and_the_host_keeps_running_and_writing()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var failing = new FailingInserts(failures: 4); // the first attempt and its three retries
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IDbContextFactory<CallCenterDbContext>>(new InterceptedFactory(db.DatabaseFile, failing));
        builder.Services.AddRecords(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Records:BatchSize"] = "100",
            ["Records:FlushIntervalMs"] = "20",
            ["Records:RetryDelayMs"] = "10",
        }).Build());
        using var host = builder.Build();
        var writer = host.Services.GetRequiredService<BatchingRecordWriter>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        for (var i = 0; i < 100; i++) writer.Write(RecordSamples.Call(i)); // queued first: one batch of 100
        await host.StartAsync();

        await Eventually.WaitUntil(() => writer.Counters.Failed == 100, "the first batch is given up");
        Assert.Equal(3, writer.Counters.Retries);
        Assert.Equal(4, failing.Failed);

        for (var i = 100; i < 250; i++) writer.Write(RecordSamples.Call(i));
        await Eventually.WaitUntil(() => writer.Counters.Written == 150, "later batches are written");

        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "the host began to stop");
        Assert.NotNull(writer.ExecuteTask);
        Assert.False(writer.ExecuteTask!.IsCompleted, "the writer's loop ended");
        await using (var ctx = db.NewContext())
        {
            Assert.Equal(150, await ctx.CallRecords.CountAsync());
            Assert.Equal(0, await ctx.CallRecords.CountAsync(c => c.CallerIdNumber == "13800000000")); // the given-up batch
        }
        await host.StopAsync();
        var c = writer.Counters;
        Assert.Equal((250L, 150L, 0L, 100L, 3L, 0), (c.Enqueued, c.Written, c.Dropped, c.Failed, c.Retries, c.Queued));
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => ReferenceEquals(s, writer));
    }

    [Fact]
    public async Task A_failed_attempt_leaves_no_generated_keys_behind_on_the_records()
    {
        // If a failed save left the ids it had been handed on the records, a retry would insert them explicitly
        // (which SQL Server refuses for an identity column).
        var failing = new FailingInserts(failures: 1, failAtInsert: 2);
        await using var h = await WriterHarness.CreateAsync(new RecordWriterOptions { MaxRetries = 0 },
            factory: db => new InterceptedFactory(db.DatabaseFile, failing));
        var queues = Enumerable.Range(0, 20).Select(i => RecordSamples.Queue(i)).ToList();
        foreach (var q in queues) h.Sink.Write(q);
        await h.StopAsync();

        Assert.Equal(1, failing.Failed);
        Assert.Equal(20, h.Counters.Failed);
        Assert.All(queues, q => Assert.Equal(0, q.Id));
        Assert.All(queues.SelectMany(q => q.Steps), s => Assert.Equal((0L, 0L), (s.Id, s.QueueRecordId)));
        Assert.Equal(0, await h.CountAsync<QueueRecord>());
    }
}
