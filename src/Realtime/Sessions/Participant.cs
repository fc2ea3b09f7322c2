namespace DaoVien.OnlineReception.Realtime.Sessions;

internal enum ParticipantState
{
    /// <summary>Citizen in the lobby, or a dialogue's invitee who opened their link, not yet admitted.</summary>
    Waiting = 0,

    /// <summary>Official invited into a session, not yet there.</summary>
    Invited = 1,

    /// <summary>Admitted: may be in the room (connected or reconnecting).</summary>
    InRoom = 2,

    /// <summary>Removed by the presiding official: may not come back.</summary>
    Removed = 3,

    /// <summary>Left, or the session/lobby ended.</summary>
    Left = 4,
}

/// <summary>A person (one device) in the lobby or a session. Citizens have no account; officials have one.</summary>
internal sealed class Participant
{
    public Guid Id { get; set; }

    public Guid? SessionId { get; set; }

    public Guid? LobbyEntryId { get; set; }

    public ParticipantRole Role { get; set; }

    public Guid? StaffId { get; set; }

    /// <summary>Shown to the others in the session; for a sealed (denunciation) booking a neutral label.</summary>
    public string DisplayName { get; set; } = "";

    public ParticipantState State { get; set; }

    /// <summary>SHA-256 of the device key the browser keeps for this tab (recognises a reload as the same person).</summary>
    public string? DeviceKeyHash { get; set; }

    /// <summary>
    /// For a citizen of an ad-hoc denunciation: the name they typed, sealed with the public key (docs/adr/0004);
    /// <see cref="DisplayName"/> then holds a neutral label, as for a sealed booking.
    /// </summary>
    public string? SealedIdentity { get; set; }

    /// <summary>A dialogue's outside participant: position and body they represent ("Chủ tịch, Ủy ban MTTQ phường"); null otherwise.</summary>
    public string? Organisation { get; set; }

    /// <summary>The SignalR connection currently speaking for this participant; null while disconnected.</summary>
    public string? ConnectionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? JoinedAt { get; set; }

    public DateTimeOffset? LeftAt { get; set; }

    public bool Muted { get; set; }
}
