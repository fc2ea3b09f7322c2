using System.ComponentModel.DataAnnotations;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>The media server (section <c>Media:Janus</c>). No <see cref="Url"/> → the app runs its own Janus.</summary>
internal sealed class JanusOptions
{
    public const string Section = "Media:Janus";

    /// <summary>WebSocket URL of an external Janus (<c>ws://host:8188</c>); empty → embedded Janus.</summary>
    public Uri? Url { get; set; }

    /// <summary>API secret of the external Janus (generated for the embedded one).</summary>
    public string? ApiSecret { get; set; }

    /// <summary>VideoRoom <c>admin_key</c> of the external Janus (generated for the embedded one).</summary>
    public string? AdminKey { get; set; }

    /// <summary>The <c>janus</c> binary of Debian's package <c>janus</c>.</summary>
    [Required]
    public string BinaryPath { get; set; } = "/usr/bin/janus";

    /// <summary>Janus's plugin and transport folders (Debian layout).</summary>
    [Required]
    public string LibraryFolder { get; set; } = "/usr/lib/x86_64-linux-gnu/janus";

    /// <summary>UDP ports Janus may use for media (<c>min-max</c>).</summary>
    [Required]
    [RegularExpression(@"^\d{4,5}-\d{4,5}$")]
    public string RtpPortRange { get; set; } = "20000-40000";

    /// <summary>Interfaces Janus gathers ICE candidates on (e.g. <c>eth0</c>); empty → all but loopback.</summary>
    public string? IceEnforceList { get; set; }

    /// <summary>Public address to announce behind a 1:1 NAT.</summary>
    public string? NatOneToOneAddress { get; set; }

    /// <summary>Janus drops a session after this many seconds without a request; we send keepalives well inside it.</summary>
    [Range(10, 600)]
    public int SessionTimeoutSeconds { get; set; } = 60;

    [Range(1, 300)]
    public int KeepaliveSeconds { get; set; } = 20;

    /// <summary>How long one request may wait for Janus's answer.</summary>
    [Range(1, 120)]
    public int RequestTimeoutSeconds { get; set; } = 15;

    /// <summary>Pause before restarting a Janus that died (avoids a tight crash loop).</summary>
    [Range(0, 60_000)]
    public int RestartDelayMilliseconds { get; set; } = 500;

    /// <summary>Maximum publishers per room: chairman, up to 3 other officials, 5 representatives, and screens.</summary>
    [Range(2, 64)]
    public int MaxPublishersPerRoom { get; set; } = 16;

    /// <summary>Per-publisher bitrate cap in bit/s.</summary>
    [Range(64_000, 10_000_000)]
    public int PublisherBitrate { get; set; } = 768_000;
}
