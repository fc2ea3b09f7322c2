using System.Globalization;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

internal enum ChartTone
{
    Neutral,
    Ok,
    Late,
    Overdue,
}

internal sealed record ChartBar(string Label, int Value, ChartTone Tone);

internal sealed record ChartGroup(string Title, IReadOnlyList<ChartBar> Bars);

/// <summary>A group's title line, at the baseline <paramref name="Y"/>.</summary>
internal sealed record PlacedHeading(string Title, double Y);

/// <summary>One bar: its label's baseline, the bar's top and length, and where its number is written.</summary>
internal sealed record PlacedBar(string Label, int Value, ChartTone Tone, double LabelY, double BarY, double Length)
{
    public double ValueY => BarY + ReportChart.BarHeight - 4;
}

/// <summary>
/// The quarterly report's bar chart, laid out on the server so the page needs no script and no chart library. Bars
/// are horizontal with the label on its own line above each bar: on a 390-px phone a label beside the bar would leave
/// the bar no room, and a Vietnamese label does not fit under a vertical bar. All bars share one scale, so the longest
/// is the largest figure and the others are in proportion to it. The view box is 400 wide; the page scales it to the
/// column (width 100 %), so a phone draws it about 1:1.
/// </summary>
internal sealed class ReportChart
{
    public const double Width = 400;
    public const double ValueSpace = 56;
    public const double ValueGap = 6;
    public const double MaxBarLength = Width - ValueSpace;
    public const double HeadingHeight = 30;
    public const double RowHeight = 46;
    public const double BarHeight = 20;

    /// <summary>
    /// Every bar lies on a track of the full length and its number is written after the track's end: a zero then
    /// reads as an empty track, and the numbers stand in one column.
    /// </summary>
    public const double ValueX = MaxBarLength + ValueGap;

    public ReportChart(IReadOnlyList<ChartGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var max = groups.SelectMany(g => g.Bars).Select(b => b.Value).DefaultIfEmpty(0).Max();
        IsEmpty = max <= 0;
        var headings = new List<PlacedHeading>();
        var bars = new List<PlacedBar>();
        var y = 0.0;
        foreach (var group in groups.Where(g => g.Bars.Count > 0))
        {
            headings.Add(new PlacedHeading(group.Title, y + 20));
            y += HeadingHeight;
            foreach (var bar in group.Bars)
            {
                var length = IsEmpty ? 0 : MaxBarLength * Math.Max(bar.Value, 0) / max;
                bars.Add(new PlacedBar(bar.Label, bar.Value, bar.Tone, LabelY: y + 16, BarY: y + 22, Length: length));
                y += RowHeight;
            }
        }

        Headings = headings;
        Bars = bars;
        Height = y;
    }

    /// <summary>No figure above zero: the page says so in a sentence instead of drawing empty axes.</summary>
    public bool IsEmpty { get; }

    public IReadOnlyList<PlacedHeading> Headings { get; }

    public IReadOnlyList<PlacedBar> Bars { get; }

    public double Height { get; }

    public string ViewBox => "0 0 " + Number(Width) + " " + Number(Height);

    /// <summary>
    /// A coordinate as SVG reads it. Razor would write a double in the page's culture, and vi-VN writes "12,5", which
    /// SVG takes for two numbers.
    /// </summary>
    public static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public static string ToneClass(ChartTone tone) => tone switch
    {
        ChartTone.Ok => "chart-bar ok",
        ChartTone.Late => "chart-bar late",
        ChartTone.Overdue => "chart-bar overdue",
        _ => "chart-bar",
    };
}
