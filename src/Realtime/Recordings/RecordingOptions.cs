using System.ComponentModel.DataAnnotations;

namespace DaoVien.OnlineReception.Realtime.Recordings;

/// <summary>Recording and archiving settings (section <c>Media:Recording</c>).</summary>
internal sealed class RecordingOptions
{
    public const string Section = "Media:Recording";

    /// <summary>Root of raw Janus recordings and archives; empty = <c>{Reception:DataDirectory}/recordings</c>.</summary>
    public string Folder { get; set; } = "";

    /// <summary>Record every reception session unless a rule says otherwise.</summary>
    public bool RecordByDefault { get; set; } = true;

    [Required]
    public string JanusPpRecPath { get; set; } = "/usr/bin/janus-pp-rec";

    /// <summary>Free space below which a session start warns the chairman (recording would likely fail).</summary>
    [Range(0, long.MaxValue)]
    public long MinimumFreeSpaceMegabytes { get; set; } = 2048;

    /// <summary>Archive jobs processed at once; the composite encode takes a core, so keep this small.</summary>
    [Range(1, 8)]
    public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>Attempts before a job is shown to staff as permanently failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>First retry delay; doubles each attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often idle workers look for due jobs (they are also woken on enqueue).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A running job's claim expires unless renewed this often (so a crashed worker's job is retaken).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Upper bound of one janus-pp-rec conversion.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ConvertTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound of the composite encode of one session.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan CompositeTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Build the composite MP4 (the originals are always kept).</summary>
    public bool BuildComposite { get; set; } = true;

    [Range(160, 1920)]
    public int TileWidth { get; set; } = 640;

    [Range(120, 1080)]
    public int TileHeight { get; set; } = 360;

    [Range(5, 60)]
    public int FrameRate { get; set; } = 15;

    /// <summary>x264 constant rate factor of the composite (viewing copy, not the evidence).</summary>
    [Range(0, 51)]
    public int Crf { get; set; } = 28;

    [Range(32, 320)]
    public int AudioBitrateKbps { get; set; } = 96;

    /// <summary>A track that stops this long before the session ends is reported as a gap (crash, disconnection).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan GapThreshold { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long recordings are kept, told to participants in the consent notice. No single legal number applies
    /// (docs/domain.md: recordings are personal data, Nghị định 13/2023, Law 91/2025): it follows the case file's
    /// archiving period, which the ward sets; default 10 years.
    /// </summary>
    [Range(1, 100)]
    public int RetentionYears { get; set; } = 10;

    /// <summary>Local time of the nightly integrity check (ward time zone).</summary>
    [Required]
    [RegularExpression(@"^\S+( \S+){5,6}$")]
    public string IntegrityCheckCron { get; set; } = "0 30 2 * * ?";

    /// <summary>Caption burnt into the composite: {0} = session start in the ward's time zone, {1} = case number.</summary>
    [Required]
    public string CaptionFormat { get; set; } = "Tiếp công dân trực tuyến — {0:dd/MM/yyyy HH:mm} — Hồ sơ: {1}";
}
