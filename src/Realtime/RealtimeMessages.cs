using System.Globalization;
using System.Resources;

namespace DaoVien.OnlineReception.Realtime;

/// <summary>The module's sentences for people, sent with hub refusals (RealtimeMessages.resx, Vietnamese as the neutral culture).</summary>
internal static class RealtimeMessages
{
    private static readonly ResourceManager Resources = new("DaoVien.OnlineReception.Realtime.RealtimeMessages", typeof(RealtimeMessages).Assembly);

    public static string Get(string key) =>
        Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new KeyNotFoundException($"Missing message '{key}'");

    public static string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), args);
}
