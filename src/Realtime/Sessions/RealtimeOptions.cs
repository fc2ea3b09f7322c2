using System.ComponentModel.DataAnnotations;

namespace DaoVien.OnlineReception.Realtime.Sessions;

/// <summary>Lobby and session rules (section <c>Realtime</c>).</summary>
internal sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>The lobby opens this many minutes before the reception day's first slot (a practical default, not a legal number).</summary>
    [Range(0, 240)]
    public int LobbyOpensMinutesBefore { get; set; } = 15;

    /// <summary>A group sends at most this many representatives (Nghị định 124/2020 Art. 7: at most 5).</summary>
    [Range(1, 5)]
    public int MaxRepresentatives { get; set; } = 5;

    /// <summary>Assumed length of one reception for the estimated wait, until today's sessions give an average.</summary>
    [Range(1, 240)]
    public int DefaultSessionMinutes { get; set; } = 15;

    [Range(1, 4000)]
    public int MaxChatLength { get; set; } = 1000;

    /// <summary>Largest SDP accepted from a browser, in bytes.</summary>
    [Range(2_000, 200_000)]
    public int MaxSdpBytes { get; set; } = 64_000;

    /// <summary>How long an ad-hoc session's one-time join link stays valid.</summary>
    [Range(1, 24 * 60)]
    public int AdHocLinkMinutes { get; set; } = 60;

    /// <summary>Officials that may be invited into one session besides the presiding one.</summary>
    [Range(0, 10)]
    public int MaxInvitedOfficials { get; set; } = 5;
}
