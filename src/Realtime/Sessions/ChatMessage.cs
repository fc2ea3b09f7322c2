namespace DaoVien.OnlineReception.Realtime.Sessions;

/// <summary>A chat line in a session; kept as part of the session log.</summary>
internal sealed class ChatMessage
{
    public long Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid ParticipantId { get; set; }

    public string AuthorName { get; set; } = "";

    public DateTimeOffset SentAt { get; set; }

    public string Text { get; set; } = "";
}
