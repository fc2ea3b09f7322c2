using System.ComponentModel.DataAnnotations;

namespace DaoVien.OnlineReception.Cases.Minutes;

/// <summary>The minutes' heading and font (section <c>Cases:Minutes</c>).</summary>
internal sealed class MinutesOptions
{
    public const string Section = "Cases:Minutes";

    /// <summary>The issuing body, top left of the heading.</summary>
    [Required]
    [StringLength(120)]
    public string Committee { get; set; } = "ỦY BAN NHÂN DÂN PHƯỜNG ĐÀO VIÊN";

    /// <summary>Where the reception is held (the online reception point).</summary>
    [Required]
    [StringLength(200)]
    public string Place { get; set; } = "Trụ sở Ủy ban nhân dân phường Đào Viên (tiếp công dân trực tuyến)";

    /// <summary>Folder of the DejaVu TrueType fonts (Debian <c>fonts-dejavu-core</c>): Vietnamese glyphs, embedded in the PDF.</summary>
    [Required]
    public string FontFolder { get; set; } = "/usr/share/fonts/truetype/dejavu";
}
