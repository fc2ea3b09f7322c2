using DaoVien.OnlineReception.Web.Pages.Cases;

namespace DaoVien.OnlineReception.Web.Tests.Pages;

/// <summary>The report chart's geometry: what a reader compares (bar lengths) and what a quarter with no figures shows.</summary>
public sealed class ReportChartTests
{
    [Fact]
    public void Bars_SeveralFigures_LengthsProportionalToTheFiguresOnOneScale()
    {
        var chart = new ReportChart(
        [
            new("Theo loại", [new("Khiếu nại", 8, ChartTone.Neutral), new("Tố cáo", 2, ChartTone.Neutral)]),
            new("Thời hạn", [new("Đúng hạn", 4, ChartTone.Ok), new("Không đúng hạn", 0, ChartTone.Late)]),
        ]);

        Assert.False(chart.IsEmpty);
        var lengths = chart.Bars.Select(b => b.Length).ToList();
        Assert.Equal(ReportChart.MaxBarLength, lengths[0], 6);
        Assert.Equal(ReportChart.MaxBarLength / 4, lengths[1], 6);
        Assert.Equal(ReportChart.MaxBarLength / 2, lengths[2], 6);
        Assert.Equal(0, lengths[3], 6);
        // The numbers stand after the longest bar, inside the view box.
        Assert.True(ReportChart.ValueX > ReportChart.MaxBarLength);
        Assert.Equal(ReportChart.Width, ReportChart.ValueX + ReportChart.ValueSpace - ReportChart.ValueGap, 6);
    }

    [Fact]
    public void Layout_TwoGroups_EachBarBelowItsLabelAndNothingOverlaps()
    {
        var chart = new ReportChart(
        [
            new("A", [new("a1", 1, ChartTone.Neutral), new("a2", 3, ChartTone.Neutral)]),
            new("B", [new("b1", 2, ChartTone.Overdue)]),
        ]);

        Assert.Equal(2, chart.Headings.Count);
        var tops = chart.Headings.Select(h => h.Y).Concat(chart.Bars.SelectMany(b => new[] { b.LabelY, b.BarY })).Order().ToList();
        Assert.Equal(tops.Count, tops.Distinct().Count());
        Assert.All(chart.Bars, b => Assert.True(b.LabelY < b.BarY));
        Assert.True(chart.Headings[1].Y > chart.Bars[1].BarY + ReportChart.BarHeight);
        Assert.True(chart.Height >= chart.Bars[^1].BarY + ReportChart.BarHeight);
        Assert.Equal("0 0 400 " + ReportChart.Number(chart.Height), chart.ViewBox);
    }

    [Fact]
    public void Build_AllFiguresZero_EmptySoThePageShowsASentence()
    {
        var chart = new ReportChart([new("Theo loại", []), new("Thời hạn", [new("Đúng hạn", 0, ChartTone.Ok), new("Không đúng hạn", 0, ChartTone.Late)])]);

        Assert.True(chart.IsEmpty);
        Assert.All(chart.Bars, b => Assert.Equal(0, b.Length));
        Assert.Single(chart.Headings);
    }

    [Theory]
    [InlineData(12.5, "12.5")]
    [InlineData(344, "344")]
    [InlineData(1.04, "1")]
    public void Number_AnyCulture_WrittenAsSvgReadsIt(double value, string expected)
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("vi-VN");
        try
        {
            Assert.Equal(expected, ReportChart.Number(value));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
