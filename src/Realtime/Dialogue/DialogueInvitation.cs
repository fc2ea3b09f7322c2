namespace DaoVien.OnlineReception.Realtime.Dialogue;

/// <summary>Who a dialogue invitee is: one of the case's citizens, or someone representing a body from outside the ward's staff.</summary>
internal enum InviteeKind
{
    Citizen = 0,

    /// <summary>Fatherland Front, police, another agency: named with the body and (optionally) their position.</summary>
    Organisation = 1,
}

/// <summary>
/// One invitee of a dialogue session and their one-time link (docs/adr/0088). Only the link's SHA-256 is stored. The
/// first device that opens it binds it (<see cref="DeviceKeyHash"/>, <see cref="ParticipantId"/>); that device may come
/// back (a reload, a dropped network), any other is refused. The link works only while its session is open and until
/// the presiding official revokes it.
/// </summary>
internal sealed class DialogueInvitation
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public InviteeKind Kind { get; set; }

    public string FullName { get; set; } = "";

    /// <summary>The body an outside participant represents; null for a citizen.</summary>
    public string? Organisation { get; set; }

    /// <summary>Their position in it ("Chủ tịch"), when given.</summary>
    public string? Position { get; set; }

    /// <summary>SHA-256 (hex) of the link's token.</summary>
    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The presiding official withdrew the link (or replaced it with a new one).</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The participant the link admitted, once opened.</summary>
    public Guid? ParticipantId { get; set; }

    /// <summary>SHA-256 of the device key of the browser that first opened the link.</summary>
    public string? DeviceKeyHash { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>What the room and the minutes show next to the name: "Chủ tịch, Ủy ban MTTQ phường".</summary>
    public string? Affiliation => Organisation is null ? null : Position is null ? Organisation : Position + ", " + Organisation;
}
