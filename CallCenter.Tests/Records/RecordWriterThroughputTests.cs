using System.Diagnostics;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Records;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CallCenter.Tests.Records;

/// <summary>How fast the writer puts call records into SQLite with the default options. Reported, not asserted.</summary>
public class RecordWriterThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Twenty_thousand_call_records_throughput_is_reported()
    {
        const int count = 20_000;
        var records = Enumerable.Range(0, count).Select(i => RecordSamples.Call(i, tenant: 10001 + i % 3)).ToList();
        await using var h = await WriterHarness.CreateAsync(new RecordWriterOptions());
        // As the app runs it (DatabaseInitializer): WAL journal.
        await using (var ctx = h.Db.NewContext())
            Assert.Equal("wal", (await ctx.Database.SqlQueryRaw<string>("PRAGMA journal_mode=WAL").ToListAsync()).Single());
        await h.StartAsync();

        var watch = Stopwatch.StartNew();
        foreach (var r in records) h.Sink.Write(r);
        var enqueued = watch.Elapsed;
        await Eventually.WaitUntil(() => h.Counters.Written == count, "20,000 records are written", TimeSpan.FromMinutes(5));
        watch.Stop();

        var c = h.Counters;
        Assert.Equal(0, c.Dropped + c.Failed);
        Assert.Equal(count, await h.CountAsync<CallRecord>());
        output.WriteLine(
            $"BatchingRecordWriter, SQLite (WAL), defaults (BatchSize {h.Writer.Options.BatchSize}, FlushInterval {h.Writer.Options.FlushIntervalMs} ms): " +
            $"{count:N0} CallRecords written in {watch.Elapsed.TotalMilliseconds:N0} ms = {count / watch.Elapsed.TotalSeconds:N0} records/s " +
            $"in {c.Batches} batches; Write() took {enqueued.TotalMilliseconds:N1} ms for all ({enqueued.TotalMilliseconds * 1000 / count:N2} µs each)");
    }
}
