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
}
