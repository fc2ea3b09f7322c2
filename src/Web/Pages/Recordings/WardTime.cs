using System.Globalization;
using DaoVien.OnlineReception.Kernel.Ward;

namespace DaoVien.OnlineReception.Web.Pages.Recordings;

/// <summary>Instants on the recordings pages in the ward's time (Asia/Ho_Chi_Minh), never the server's own zone.</summary>
internal static class WardTime
{
    public static string Format(DateTimeOffset instant, WardOptions ward, string format) =>
        TimeZoneInfo.ConvertTime(instant, ward.TimeZone).ToString(format, CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset? instant, WardOptions ward, string format) =>
        instant is { } value ? Format(value, ward, format) : "";
}
