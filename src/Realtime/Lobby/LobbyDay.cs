namespace DaoVien.OnlineReception.Realtime.Lobby;

/// <summary>The lobby door of one reception date, opened and closed by <see cref="LobbyDoorJob"/>.</summary>
internal sealed class LobbyDay
{
    public DateOnly Date { get; set; }

    public DateTimeOffset OpensAt { get; set; }

    public DateTimeOffset ClosesAt { get; set; }

    public bool IsOpen { get; set; }
}
