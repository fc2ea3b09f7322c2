using System.Globalization;
using System.Resources;

namespace DaoVien.OnlineReception.Scheduling;

/// <summary>The module's user-facing sentences (Messages.resx, Vietnamese as the neutral culture).</summary>
internal static class Messages
{
    private static readonly ResourceManager Resources = new("DaoVien.OnlineReception.Scheduling.Messages", typeof(Messages).Assembly);

    public static string Get(string key) =>
        Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new KeyNotFoundException($"Missing message '{key}'");

    public static string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), args);

    /// <summary>
    /// A sentence of the ward's own correspondence (mails to citizens): Vietnamese, the language of the procedure,
    /// whatever language the page that caused it was read in.
    /// </summary>
    public static string Official(string key, params object?[] args) =>
        string.Format(Vietnamese, Resources.GetString(key, Vietnamese) ?? throw new KeyNotFoundException($"Missing message '{key}'"), args);

    private static readonly CultureInfo Vietnamese = new("vi-VN");
}
