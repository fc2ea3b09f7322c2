using System.ComponentModel.DataAnnotations;

namespace DaoVien.OnlineReception.Kernel.Ward;

/// <summary>Settings of the ward itself, shared by every module (section <c>Ward</c>).</summary>
public sealed class WardOptions
{
    public const string Section = "Ward";

    /// <summary>IANA id of the ward's time zone; used at the edges (pages, Quartz triggers), never for storage.</summary>
    [Required]
    public string TimeZoneId { get; set; } = "Asia/Ho_Chi_Minh";

    [Required]
    public string WardName { get; set; } = "Phường Đào Viên";

    /// <summary>The ward's time zone, resolved once.</summary>
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
