using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DaoVien.OnlineReception.Cases.Exports;

/// <summary>
/// A table (headers + rows of text) as CSV or XLSX. The pages give localized headers; values are written as text
/// so that ID numbers keep their leading zeros. See docs/adr/0020-xlsx-with-open-xml-sdk.md.
/// </summary>
internal static class TableExport
{
    public static byte[] ToCsv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        AppendLine(sb, headers);
        foreach (var row in rows)
        {
            AppendLine(sb, row);
        }

        // UTF-8 with BOM: Excel otherwise reads Vietnamese as Windows-1258 mojibake.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    public static byte[] ToXlsx(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            sheetPart.Worksheet = new Worksheet(data);
            data.Append(Row(headers));
            foreach (var row in rows)
            {
                data.Append(Row(row));
            }

            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName.Length > 31 ? sheetName[..31] : sheetName });
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>Reads back an XLSX written by <see cref="ToXlsx"/> (first sheet, inline strings): tests and round trips.</summary>
    public static List<List<string>> ReadXlsx(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.First().Worksheet;
        return [.. sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList())];
    }

    private static Row Row(IReadOnlyList<string> values)
    {
        var row = new Row();
        foreach (var v in values)
        {
            row.Append(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Sanitize(v)) { Space = SpaceProcessingModeValues.Preserve }) });
        }

        return row;
    }

    // XML 1.0 cannot carry most control characters; a user's text must not break the file.
    private static string Sanitize(string value) => new([.. value.Where(ch => ch is '\t' or '\n' or '\r' || !char.IsControl(ch))]);

    private static void AppendLine(StringBuilder sb, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            var v = values[i];
            // A cell starting with = + - @ is a formula to a spreadsheet (CSV injection), and so is one starting with a
            // tab or carriage return (spreadsheets skip them and read the formula after, OWASP): prefix a quote.
            if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            {
                v = "'" + v;
            }

            sb.Append('"').Append(v.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        sb.Append("\r\n");
    }
}
