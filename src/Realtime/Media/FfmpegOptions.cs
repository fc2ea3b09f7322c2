using System.ComponentModel.DataAnnotations;

namespace DaoVien.OnlineReception.Realtime.Media;

/// <summary>Where the FFmpeg tools live (section <c>Media:Ffmpeg</c>).</summary>
internal sealed class FfmpegOptions
{
    public const string Section = "Media:Ffmpeg";

    /// <summary>Folder holding <c>ffmpeg</c> and <c>ffprobe</c>.</summary>
    [Required]
    public string BinaryFolder { get; set; } = "/usr/bin";
}
