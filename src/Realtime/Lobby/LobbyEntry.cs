namespace DaoVien.OnlineReception.Realtime.Lobby;

internal enum LobbyEntryState
{
    Waiting = 0,
    Admitted = 1,
    Closed = 2,
}

/// <summary>A booking waiting in the lobby of its reception day (one entry for a group's representatives together).</summary>
internal sealed class LobbyEntry
{
    public Guid Id { get; set; }

    public Guid BookingId { get; set; }

    public DateOnly ReceptionDate { get; set; }

    public TimeOnly SlotStart { get; set; }

    public int RepresentativeCount { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    public LobbyEntryState State { get; set; }

    public Guid? SessionId { get; set; }
}
