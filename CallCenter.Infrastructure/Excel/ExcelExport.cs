using MiniExcelLibs;

namespace CallCenter.Infrastructure.Excel;

/// <summary>A column of an export: its header and how to read it from a row.</summary>
public sealed record ExcelColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// Writes rows to an .xlsx workbook with MiniExcel, one sheet, headers in the first row. The rows are streamed: each is
/// read from the source, written and forgotten, so memory stays flat however many there are (the workbook goes straight
/// to the output stream, which only ever sees asynchronous writes and may be a response body).
/// </summary>
public static class ExcelExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Progress is reported after every this many rows, and once at the end.</summary>
    public const int ProgressStep = 1000;

    /// <summary>Writes <paramref name="rows"/> (e.g. a list already loaded); returns the number of rows written.</summary>
    public static Task<long> WriteAsync<T>(Stream output, IEnumerable<T> rows, IReadOnlyList<ExcelColumn<T>> columns,
        string sheetName, CancellationToken ct = default) =>
        WriteAsync(output, rows.ToAsyncEnumerable(), columns, sheetName, null, ct);

    /// <summary>
    /// Streams <paramref name="rows"/> into a workbook on <paramref name="output"/> and returns the number of rows written.
    /// <paramref name="progress"/> gets the running count every <see cref="ProgressStep"/> rows and the total at the end.
    /// An empty sequence still gives the header row.
    /// </summary>
    public static async Task<long> WriteAsync<T>(Stream output, IAsyncEnumerable<T> rows, IReadOnlyList<ExcelColumn<T>> columns,
        string sheetName, IProgress<long>? progress, CancellationToken ct = default)
    {
        var sink = new AsyncOnlyWriteStream(output);
        var counter = new RowCounter(progress);
        await using var e = rows.GetAsyncEnumerator(ct);
        if (!await e.MoveNextAsync())
        {
            // MiniExcel writes no header row for an empty sequence; an empty table keeps the headers.
            var empty = new System.Data.DataTable(sheetName);
            foreach (var c in columns) empty.Columns.Add(c.Header);
            await sink.SaveAsAsync(empty, sheetName: sheetName, cancellationToken: ct);
        }
        else
        {
            await sink.SaveAsAsync(Rows(e, columns, counter), sheetName: sheetName, cancellationToken: ct);
        }
        await sink.FlushAsync(ct);
        progress?.Report(counter.Count);
        return counter.Count;
    }

    private static async IAsyncEnumerable<IDictionary<string, object?>> Rows<T>(IAsyncEnumerator<T> started,
        IReadOnlyList<ExcelColumn<T>> columns, RowCounter counter)
    {
        do
        {
            IDictionary<string, object?> d = new Dictionary<string, object?>(columns.Count);
            foreach (var c in columns) d[c.Header] = c.Value(started.Current);
            yield return d;
            counter.Add();
        } while (await started.MoveNextAsync());
    }

    private sealed class RowCounter(IProgress<long>? progress)
    {
        public long Count { get; private set; }

        public void Add()
        {
            Count++;
            if (Count % ProgressStep == 0) progress?.Report(Count);
        }
    }

    /// <summary>Reads a workbook back as rows of header → value (used by tests and imports).</summary>
    public static List<IDictionary<string, object?>> Read(Stream input) =>
        input.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
}
