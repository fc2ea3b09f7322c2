namespace DaoVien.OnlineReception.Realtime.Sessions;

/// <summary>
/// A chat line in a session; kept as part of the session log. In a denunciation's session <see cref="Text"/> is empty
/// and <see cref="SealedText"/> holds the line sealed with the public key (docs/adr/0081).
/// </summary>
internal sealed class ChatMessage
{
    public long Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid ParticipantId { get; set; }

    public string AuthorName { get; set; } = "";

    public DateTimeOffset SentAt { get; set; }

    public string Text { get; set; } = "";

    /// <summary><c>ds1.…</c>: JSON <c>{SentAt, Author, Text}</c> sealed for the offline tool; null for a plain line.</summary>
    public string? SealedText { get; set; }
}
