namespace DaoVien.OnlineReception.Realtime.Signalling;

/// <summary>What the server pushes to browsers on <c>/hubs/reception</c> (public only because SignalR builds the typed proxy at run time; not a cross-module contract).</summary>
public interface IReceptionClient
{
    /// <summary>A waiting citizen's place in the queue and estimated wait.</summary>
    Task LobbyUpdated(LobbyStatus status);

    /// <summary>The citizen's booking was admitted into <paramref name="sessionId"/>: join it.</summary>
    Task Admitted(Guid sessionId);

    /// <summary>The lobby closed for today.</summary>
    Task LobbyClosed();

    /// <summary>The presiding console's queue changed: fetch it again.</summary>
    Task QueueChanged();

    /// <summary>Who is in the session now.</summary>
    Task ParticipantsChanged(IReadOnlyList<ParticipantView> participants);

    /// <summary>A new subscription offer from the media server (answer with <c>AnswerSubscription</c>).</summary>
    Task SubscriptionOffer(SubscriptionOffer offer);

    Task ChatReceived(ChatView message);

    /// <summary>The presiding official muted or unmuted this participant's microphone.</summary>
    Task MutedChanged(bool muted);

    /// <summary>This participant was removed: leave and do not come back.</summary>
    Task Removed();

    /// <summary>The session ended.</summary>
    Task SessionEnded(string outcome);

    /// <summary>To the citizens of an ended session: what the outcome led to (the case) is stored; ask for the receipt again.</summary>
    Task ReceiptReady();

    /// <summary>The media server restarted: rejoin the session (publish and subscribe again).</summary>
    Task MediaReconnect();

    /// <summary>The session's recording was paused or resumed (the indicator).</summary>
    Task RecordingChanged(RecordingStateView state);

    /// <summary>A participant refused the recording notice: the presiding official decides (docs/adr/0093).</summary>
    Task RecordingRefused(RecordingRefusalView refusal);
}

/// <summary>Who refused the recording notice (the name shown in the session).</summary>
public sealed record RecordingRefusalView(Guid ParticipantId, string DisplayName);

/// <summary>Recording indicator state: <paramref name="Recorded"/> the room records, <paramref name="Paused"/> paused now.</summary>
public sealed record RecordingStateView(bool Recorded, bool Paused);

public sealed record LobbyStatus(string State, int Position, int EstimatedWaitMinutes, Guid? SessionId);

/// <summary>
/// The lobby door as a citizen who came early sees it, by the server's clock (a phone's own clock may be wrong):
/// <paramref name="OpensAtText"/> is the opening in ward time ("07:15 ngày 10/12/2026"); no times when the day has
/// no confirmed booking yet.
/// </summary>
public sealed record LobbyDoorStatus(bool IsOpen, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, string? OpensAtText, DateTimeOffset ServerNow);

/// <summary>
/// A participant as the room shows them: <paramref name="Role"/> is <c>Presiding</c>, <c>Official</c>, <c>Citizen</c>,
/// <c>Guest</c> (a dialogue's outside participant, with <paramref name="Organisation"/>), or <c>Invited</c> / <c>Waiting</c>
/// while not yet in.
/// </summary>
public sealed record ParticipantView(Guid Id, string DisplayName, string Role, bool Muted, bool Connected, IReadOnlyList<FeedView> Feeds, string? Organisation = null);

/// <summary>A published stream: <paramref name="Kind"/> is <c>camera</c> or <c>screen</c>.</summary>
public sealed record FeedView(long FeedId, string Kind);

/// <summary>
/// A subscription offer; <paramref name="Renegotiation"/>: for the browser's existing subscription PeerConnection (a
/// stream added or removed in place), otherwise for a new one.
/// </summary>
public sealed record SubscriptionOffer(int Version, string Sdp, IReadOnlyList<SubscribedFeed> Streams, bool Renegotiation);

/// <summary>A browser's ICE candidate as <c>RTCIceCandidate</c> gives it.</summary>
public sealed record IceCandidate(string Candidate, string? SdpMid, int? SdpMLineIndex);

/// <summary>Which participant's feed a subscriber m-line (<paramref name="Mid"/>) carries.</summary>
public sealed record SubscribedFeed(string Mid, Guid ParticipantId, string Kind, string Type);

public sealed record ChatView(long Id, Guid ParticipantId, string AuthorName, DateTimeOffset SentAt, string Text);

public sealed record IceServerView(IReadOnlyList<string> Urls, string? Username, string? Credential);

/// <summary>What a participant entering the room gets; <paramref name="DialogueCaseNumber"/>: the case of a dialogue session, null for every other session.</summary>
public sealed record JoinInfo(Guid SessionId, Guid ParticipantId, string Role, IReadOnlyList<IceServerView> IceServers, string IceTransportPolicy, IReadOnlyList<ParticipantView> Participants, IReadOnlyList<ChatView> Chat, bool Muted, string? DialogueCaseNumber = null);
