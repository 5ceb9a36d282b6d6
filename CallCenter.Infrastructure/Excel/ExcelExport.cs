using MiniExcelLibs;

namespace CallCenter.Infrastructure.Excel;

/// <summary>A column of an export: its header and how to read it from a row.</summary>
public sealed record ExcelColumn<T>(string Header, Func<T, object?> Value);

/// <summary>Writes rows to an .xlsx workbook with MiniExcel, one sheet, headers in the first row.</summary>
public static class ExcelExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteAsync<T>(Stream output, IEnumerable<T> rows, IReadOnlyList<ExcelColumn<T>> columns,
        string sheetName, CancellationToken ct = default)
    {
        using var e = rows.GetEnumerator();
        if (!e.MoveNext())
        {
            // MiniExcel writes no header row for an empty sequence; an empty table keeps the headers.
            var empty = new System.Data.DataTable(sheetName);
            foreach (var c in columns) empty.Columns.Add(c.Header);
            await output.SaveAsAsync(empty, sheetName: sheetName, cancellationToken: ct);
            return;
        }
        await output.SaveAsAsync(Rows(e, columns), sheetName: sheetName, cancellationToken: ct);
    }

    private static IEnumerable<IDictionary<string, object?>> Rows<T>(IEnumerator<T> started, IReadOnlyList<ExcelColumn<T>> columns)
    {
        do
        {
            IDictionary<string, object?> d = new Dictionary<string, object?>(columns.Count);
            foreach (var c in columns) d[c.Header] = c.Value(started.Current);
            yield return d;
        } while (started.MoveNext());
    }

    /// <summary>Reads a workbook back as rows of header → value (used by tests and imports).</summary>
    public static List<IDictionary<string, object?>> Read(Stream input) =>
        input.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
}
