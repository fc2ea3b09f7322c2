using System.Text;
using DaoVien.OnlineReception.Cases.Exports;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>CSV exports (reception book, quarterly report) never hand a spreadsheet a formula.</summary>
public sealed class CsvGuardTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+1", "\"'+1+1\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1+1", "\"'\t=1+1\"")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("Nguyễn Văn A", "\"Nguyễn Văn A\"")]
    [InlineData("a=b", "\"a=b\"")]
    public void ToCsv_FormulaLeadCharacters_AreNeutralised(string cell, string expected)
    {
        var csv = Encoding.UTF8.GetString(TableExport.ToCsv(["Cột"], [[cell]]));

        var lines = csv.TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal(expected, lines[1]);
    }
}
