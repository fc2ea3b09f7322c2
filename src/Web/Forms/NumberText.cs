using System.Globalization;

namespace DaoVien.OnlineReception.Web.Forms;

/// <summary>
/// Counts and rates as a reader of the page's language writes them: in Vietnamese (vi-VN) "1.234" and "12,5 %",
/// in English "1,234" and "12.5%". Exports the province's spreadsheet reads keep the invariant form instead.
/// </summary>
internal static class NumberText
{
    /// <summary>A count with group separators in <paramref name="culture"/>.</summary>
    public static string Count(long value, CultureInfo culture) => value.ToString("N0", culture);

    /// <summary>A rate already in percent (0–100) with one decimal, "—" when there is none.</summary>
    public static string Percent(decimal? rate, CultureInfo culture) => rate is not { } value
        ? "—"
        : value.ToString("0.0", culture) + (culture.TwoLetterISOLanguageName == "vi" ? "\u00A0%" : "%");
}
