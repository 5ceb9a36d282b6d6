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
        var data = rows.Select(r =>
        {
            IDictionary<string, object?> d = new Dictionary<string, object?>(columns.Count);
            foreach (var c in columns) d[c.Header] = c.Value(r);
            return d;
        });
        await output.SaveAsAsync(data, sheetName: sheetName, cancellationToken: ct);
    }

    /// <summary>Reads a workbook back as rows of header → value (used by tests and imports).</summary>
    public static List<IDictionary<string, object?>> Read(Stream input) =>
        input.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
}
