using System.Globalization;

namespace DaoVien.OnlineReception.Web.Forms;

/// <summary>
/// The documents the ward files or sends on — the reception book (Form 03) and the quarterly report as files — are
/// Vietnamese whatever language the page is read in (docs/adr/0096).
/// </summary>
internal static class OfficialLanguage
{
    private static readonly CultureInfo Vietnamese = new("vi-VN");

    /// <summary>Vietnamese texts and formats on this thread until the result is disposed.</summary>
    public static IDisposable Use()
    {
        var restore = new Restore(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = Vietnamese;
        CultureInfo.CurrentUICulture = Vietnamese;
        return restore;
    }

    private sealed class Restore(CultureInfo culture, CultureInfo uiCulture) : IDisposable
    {
        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
