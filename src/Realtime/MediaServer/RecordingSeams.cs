namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>Whether and where Janus records a session's room (<c>record</c>/<c>rec_dir</c> of the VideoRoom <c>create</c>).</summary>
internal sealed record RoomRecording(bool Record, string? Folder)
{
    public static readonly RoomRecording Off = new(false, null);
}

/// <summary>
/// Seam for the recordings feature: decides, per session, whether its room records and into which folder. The
/// recordings feature registers the one implementation: a host without it cannot start a room (no silent default).
/// </summary>
internal interface IRoomRecordingPolicy
{
    ValueTask<RoomRecording> ForSessionAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>The server-generated base file name (Janus <c>filename</c>) for one publish of a participant in a recorded room.</summary>
    string PublisherFileBase(Guid sessionId, Guid participantId);
}

/// <summary>A stream a participant publishes into a session's room: the Janus feed id names its <c>.mjr</c> files.</summary>
/// <param name="SessionId">The reception session.</param>
/// <param name="ParticipantId">Who publishes it.</param>
/// <param name="FeedId">Janus publisher id (the recorder's file names start with it: <c>videoroom-ROOM-user-FEED-…</c>).</param>
/// <param name="Kind"><c>camera</c> or <c>screen</c>.</param>
/// <param name="Generation">The media server's generation (a restarted Janus starts new files).</param>
/// <param name="RecordingFolder">Where Janus records this room, or null.</param>
internal sealed record PublishedFeed(Guid SessionId, Guid ParticipantId, long FeedId, string Kind, long Generation, string? RecordingFolder);
