using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace ChatSupport.Api.Analytics;

/// <summary>An analytics table as a download: CSV (a cell that a spreadsheet would run as a formula is escaped) or JSON.</summary>
public static class AnalyticsExport
{
    public static readonly string[] Formats = ["csv", "json"];

    // CsvHelper's own guard against formula injection: a field that starts with =, +, -, @, tab or CR is escaped.
    private static readonly CsvWriterOptions Csv = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    public static async Task<IResult> WriteAsync(string table, string format, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, JsonSerializerOptions json)
    {
        var name = $"analytics-{table}-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}";
        if (format == "json")
            return Results.File(JsonSerializer.SerializeToUtf8Bytes(rows, json), "application/json", name + ".json");

        var body = new MemoryStream();
        await using (var csv = CsvWriter.Create(body, Csv, leaveOpen: true))
        {
            var columns = AnalyticsTables.Columns(table);
            foreach (var column in columns) csv.WriteField(column);
            await csv.EndRecordAsync();
            foreach (var row in rows)
            {
                foreach (var column in columns) csv.WriteField(Cell(row[column]));
                await csv.EndRecordAsync();
            }
        }
        return Results.File(body.ToArray(), "text/csv; charset=utf-8", name + ".csv");
    }

    /// <summary>Numbers in the invariant culture, exactly as JSON has them; nothing for null.</summary>
    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
