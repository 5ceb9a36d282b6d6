using CallCenter.Infrastructure.Excel;
using MiniExcelLibs;

namespace CallCenter.Tests.Infrastructure;

/// <summary>The shared export path: rows streamed into the workbook, headers kept when nothing matches, progress reported.</summary>
public class ExcelExportTests
{
    private sealed record Row(int N, string Name);

    private static readonly ExcelColumn<Row>[] Columns = { new("Number", r => r.N), new("Name", r => r.Name) };

    private static async IAsyncEnumerable<Row> Rows(int count, Action<int>? produced = null)
    {
        for (var i = 1; i <= count; i++)
        {
            if (i % 100 == 0) await Task.Yield();
            produced?.Invoke(i);
            yield return new Row(i, $"row {i}");
        }
    }

    /// <summary>Collects every report synchronously (Progress&lt;T&gt; would post them later).</summary>
    private sealed class Reports : IProgress<long>
    {
        public List<long> Values { get; } = new();
        public void Report(long value) => Values.Add(value);
    }

    /// <summary>Like a response body: synchronous writes throw, so the workbook must come through asynchronously.</summary>
    private sealed class AsyncOnlyOutput : CountingOutput
    {
        private readonly MemoryStream _bytes = new();
        public byte[] ToArray() => _bytes.ToArray();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous write.");
        public override void Flush() => throw new InvalidOperationException("Synchronous flush.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            _bytes.Write(buffer.Span);
            return base.WriteAsync(buffer, ct);
        }
    }

    [Fact]
    public async Task An_empty_export_keeps_the_header_row()
    {
        var output = new MemoryStream();
        var written = await ExcelExport.WriteAsync(output, Rows(0), Columns, "empty", null);
        Assert.Equal(0, written);
        output.Position = 0;
        Assert.Empty(ExcelExport.Read(output));
        output.Position = 0;
        var header = (IDictionary<string, object?>)output.Query(useHeaderRow: false).Single();
        Assert.Equal(new[] { "Number", "Name" }, header.Values.Select(v => v?.ToString()));
    }

    [Fact]
    public async Task Every_row_is_written_in_order_with_progress_every_thousand_rows_and_at_the_end()
    {
        var output = new AsyncOnlyOutput();
        var progress = new Reports();
        var written = await ExcelExport.WriteAsync(output, Rows(2500), Columns, "rows", progress);

        Assert.Equal(2500, written);
        Assert.Equal(new long[] { 1000, 2000, 2500 }, progress.Values);
        var rows = ExcelExport.Read(new MemoryStream(output.ToArray()));
        Assert.Equal(2500, rows.Count);
        Assert.Equal(Enumerable.Range(1, 2500).Select(i => $"row {i}"), rows.Select(r => r["Name"]?.ToString()));
        Assert.Equal(2500d, Convert.ToDouble(rows[^1]["Number"]));
    }

    [Fact]
    public async Task Rows_reach_the_output_while_the_source_is_still_being_read()
    {
        // Nothing is buffered until the end: by the time the last row is produced, most of the workbook is already out.
        var output = new CountingOutput();
        long writtenBeforeLastRow = -1;
        const int count = 50_000;
        await ExcelExport.WriteAsync(output, Rows(count, i => { if (i == count) writtenBeforeLastRow = output.Length; }), Columns, "big", null);
        Assert.True(writtenBeforeLastRow > output.Length / 2,
            $"only {writtenBeforeLastRow:N0} of {output.Length:N0} bytes were out before the last row was read");
    }

    [Fact]
    public async Task A_list_already_loaded_is_written_too()
    {
        var output = new MemoryStream();
        Assert.Equal(2, await ExcelExport.WriteAsync(output, new[] { new Row(1, "a"), new Row(2, "b") }, Columns, "list"));
        output.Position = 0;
        Assert.Equal(new[] { "a", "b" }, ExcelExport.Read(output).Select(r => r["Name"]?.ToString()));
    }

    [Fact]
    public async Task Cancelling_stops_the_export()
    {
        using var cts = new CancellationTokenSource();
        var source = Rows(100_000, i => { if (i == 5000) cts.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ExcelExport.WriteAsync(new MemoryStream(), source, Columns, "cancelled", null, cts.Token));
    }

    /// <summary>Counts what reaches it, keeps nothing.</summary>
    private class CountingOutput : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
