using System.ComponentModel.DataAnnotations;

namespace DaoVien.OnlineReception.Realtime.Sessions;

/// <summary>Lobby and session rules (section <c>Realtime</c>).</summary>
internal sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>The lobby opens this many minutes before the reception day's first slot (a practical default, not a legal number).</summary>
    [Range(0, 240)]
    public int LobbyOpensMinutesBefore { get; set; } = 15;

    /// <summary>
    /// A citizen's page that came before the lobby opened asks the server again this often (and at the opening time),
    /// then enters by itself.
    /// </summary>
    [Range(1, 600)]
    public int LobbyDoorPollSeconds { get; set; } = 20;

    /// <summary>Assumed length of one reception for the estimated wait, until today's sessions give an average.</summary>
    [Range(1, 240)]
    public int DefaultSessionMinutes { get; set; } = 15;

    /// <summary>Longest chat line, in characters (the column holds <see cref="ChatMessageConfiguration.MaxLength"/>).</summary>
    [Range(1, ChatMessageConfiguration.MaxLength)]
    public int MaxChatLength { get; set; } = 1000;

    /// <summary>Chat lines one session keeps; past it the chat refuses more (every joiner receives the whole history).</summary>
    [Range(1, 100_000)]
    public int MaxChatMessagesPerSession { get; set; } = 500;

    /// <summary>Largest SDP accepted from a browser, in bytes.</summary>
    [Range(2_000, 200_000)]
    public int MaxSdpBytes { get; set; } = 64_000;

    /// <summary>How long an ad-hoc session's one-time join link stays valid.</summary>
    [Range(1, 24 * 60)]
    public int AdHocLinkMinutes { get; set; } = 60;

    /// <summary>Officials that may be invited into one session besides the presiding one.</summary>
    [Range(0, 10)]
    public int MaxInvitedOfficials { get; set; } = 5;

    /// <summary>
    /// Live invitations (links not revoked) one dialogue session may have: with the presiding official and the invited
    /// officials they must stay within the media server's publishers per room.
    /// </summary>
    [Range(1, 40)]
    public int MaxDialogueInvitees { get; set; } = 8;

    /// <summary>Hub calls one connection may make at once (the token bucket's size).</summary>
    [Range(1, 10_000)]
    public int HubCallBurst { get; set; } = 30;

    /// <summary>Hub calls one connection regains per second (the token bucket's refill).</summary>
    [Range(0.001, 10_000)]
    public double HubCallsPerSecond { get; set; } = 10;

    /// <summary>
    /// How often the accounts of open staff hub connections are read again: a connection whose account was disabled
    /// or whose roles changed since its sign-in is closed, at the latest this long after the change.
    /// </summary>
    [Range(1, 3600)]
    public int StaffAccountCheckSeconds { get; set; } = 5;

    /// <summary>
    /// Requests to the hub's endpoints (negotiation and transport) one client address may make per minute: a page
    /// and its reconnections need a few; a script opening connections in a loop is stopped.
    /// </summary>
    [Range(1, 100_000)]
    public int HubNegotiationsPerMinute { get; set; } = 60;
}
