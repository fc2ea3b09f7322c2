using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DaoVien.OnlineReception.Realtime.Signalling;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>
/// The Janus side of every live session: one VideoRoom per session (created and destroyed here, with its secret),
/// one Janus session holding a publisher handle per published stream and one multistream subscriber handle per
/// participant. Browsers never see handles or secrets: they send SDP through the hub and get SDP back.
/// State here is the live media only; who may do what is decided from the database before calling in.
/// </summary>
internal sealed partial class SessionMedia : Recordings.IRecordingSwitch
{
    /// <summary>How long a browser may take to answer a subscription offer before its subscription is started over.</summary>
    private static readonly TimeSpan AnswerPatience = TimeSpan.FromSeconds(15);

    private readonly JanusGateway _gateway;
    private readonly IHubContext<ReceptionHub, IReceptionClient> _hub;
    private readonly IRoomRecordingPolicy _recording;
    private readonly JanusOptions _options;
    private readonly ILogger<SessionMedia> _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Guid, LiveRoom> _rooms = new();

    public SessionMedia(JanusGateway gateway, IHubContext<ReceptionHub, IReceptionClient> hub, IRoomRecordingPolicy recording, IOptions<JanusOptions> options, TimeProvider time, ILogger<SessionMedia> logger)
    {
        _time = time;
        _gateway = gateway;
        _hub = hub;
        _recording = recording;
        _options = options.Value;
        _logger = logger;
        _gateway.MediaServerReset += OnMediaServerReset;
    }

    /// <summary>Creates the session's room on the current Janus (or finds it).</summary>
    public async Task EnsureRoomAsync(Guid sessionId, long roomId, string secret, CancellationToken cancellationToken)
    {
        var room = _rooms.GetOrAdd(sessionId, id => new LiveRoom(id, roomId, secret));
        await room.Lock.WaitAsync(cancellationToken);
        try
        {
            await EnsureRoomLockedAsync(room, cancellationToken);
        }
        finally
        {
            room.Lock.Release();
        }
    }

    private async Task EnsureRoomLockedAsync(LiveRoom room, CancellationToken cancellationToken)
    {
        var generation = _gateway.Generation;
        if (room.Generation == generation && room.JanusSession != 0)
        {
            return;
        }

        // A restarted Janus has none of our sessions, handles or rooms: start over on the new one.
        room.Participants.Clear();
        var recording = await _recording.ForSessionAsync(room.SessionId, cancellationToken);
        if (recording.Folder is not null)
        {
            // Janus does not check rec_dir: a bad folder would silently record nothing.
            Directory.CreateDirectory(recording.Folder!);
        }

        room.Recording = recording;
        room.JanusSession = await _gateway.CreateSessionAsync(cancellationToken);
        room.ControlHandle = await _gateway.AttachVideoRoomAsync(room.JanusSession, null, cancellationToken);
        var create = new JsonObject
        {
            ["request"] = "create",
            ["room"] = room.RoomId,
            ["permanent"] = false,
            ["description"] = "reception " + room.SessionId.ToString("N")[..8],
            ["secret"] = room.Secret,
            ["is_private"] = true,
            ["publishers"] = _options.MaxPublishersPerRoom,
            ["bitrate"] = _options.PublisherBitrate,
            ["audiocodec"] = "opus",
            ["videocodec"] = "vp8,h264",
            ["notify_joining"] = false,
            ["record"] = recording.Record,
        };
        if (_gateway.AdminKey is { } adminKey)
        {
            create["admin_key"] = adminKey;
        }

        if (recording.Folder is not null)
        {
            // Also when created paused: a resume (enable_recording) then records into the right folder.
            create["rec_dir"] = recording.Folder;
        }

        try
        {
            await _gateway.MessageAsync(room.JanusSession, room.ControlHandle, create, null, null, false, cancellationToken);
        }
        catch (JanusException ex) when (ex.Code == 427)
        {
            // 427 = room exists (a retry after a lost answer): it is ours, keep it.
        }

        room.Generation = generation;
        LogRoomCreated(room.SessionId, room.RoomId, generation);
    }

    /// <summary>Publishes a participant's stream (<paramref name="kind"/>: camera or screen) and returns Janus's SDP answer.</summary>
    public async Task<string> PublishAsync(Guid sessionId, Guid participantId, string connectionId, string kind, string offerSdp, string? audioMid, CancellationToken cancellationToken)
    {
        var room = RoomOrThrow(sessionId);
        string answer;
        await room.Lock.WaitAsync(cancellationToken);
        try
        {
            await EnsureRoomLockedAsync(room, cancellationToken);
            var participant = room.Participants.GetOrAdd(participantId, id => new LiveParticipant(id));
            participant.ConnectionId = connectionId;
            if (participant.Publishers.Remove(kind, out var old))
            {
                await DetachQuietlyAsync(room, old.Handle);
            }

            var feedId = NewFeedId();
            LivePublisher? publisher = null;
            var handle = await _gateway.AttachVideoRoomAsync(room.JanusSession, message => OnPublisherEvent(room, participantId, publisher, message), cancellationToken);
            publisher = new LivePublisher(handle, new PublishedFeed(sessionId, participantId, feedId, kind, room.Generation, room.Recording?.Folder)) { AudioMid = audioMid };
            participant.Publishers[kind] = publisher;
            await _gateway.MessageAsync(room.JanusSession, handle, new JsonObject
            {
                ["request"] = "join",
                ["ptype"] = "publisher",
                ["room"] = room.RoomId,
                ["id"] = feedId,
                // The display name Janus keeps is not personal data: the participant id and the stream kind.
                ["display"] = participantId.ToString("N") + ":" + kind,
            }, null, null, true, cancellationToken);
            var publish = new JsonObject { ["request"] = "publish" };
            if (room.Recording?.Folder is not null)
            {
                // Our own file name (ids only): the archive knows whose tracks they are, and a republish after a
                // reconnection starts a new segment instead of overwriting the earlier one.
                publish["filename"] = _recording.PublisherFileBase(sessionId, participantId);
            }

            var configured = await _gateway.MessageAsync(room.JanusSession, handle, publish, "offer", offerSdp, true, cancellationToken);
            answer = (string?)configured["jsep"]?["sdp"] ?? throw new JanusException(-1, "Janus returned no SDP answer");
        }
        finally
        {
            room.Lock.Release();
        }

        // The others subscribe once Janus says the publisher's PeerConnection is up (webrtcup): before that,
        // Janus refuses a subscription to the feed ("No such feed").
        return answer;
    }

    private void OnPublisherEvent(LiveRoom room, Guid participantId, LivePublisher? publisher, JsonObject message)
    {
        var kind = (string?)message["janus"];
        if (publisher is null || kind is not ("webrtcup" or "hangup"))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await OnPublisherStateAsync(room, participantId, publisher, kind == "webrtcup");
            }
            catch (Exception ex) when (ex is JanusException or OperationCanceledException or ObjectDisposedException)
            {
                LogJanusCleanupFailed(room.SessionId, ex.Message);
            }
        });
    }

    private async Task OnPublisherStateAsync(LiveRoom room, Guid participantId, LivePublisher publisher, bool up)
    {
        await room.Lock.WaitAsync();
        try
        {
            if (!room.Participants.TryGetValue(participantId, out var participant)
                || !participant.Publishers.TryGetValue(publisher.Feed.Kind, out var current) || !ReferenceEquals(current, publisher)
                || publisher.Published == up)
            {
                return; // replaced or already in that state
            }

            publisher.Published = up;
            if (up)
            {
                if (participant.Muted && publisher.Feed.Kind == "camera")
                {
                    await ModerateLockedAsync(room, participant, true, CancellationToken.None);
                }
            }

            foreach (var other in room.Participants.Values.Where(p => p.Id != participantId))
            {
                await SyncSubscriptionLockedAsync(room, other, CancellationToken.None);
            }
        }
        finally
        {
            room.Lock.Release();
        }
    }

    /// <summary>Records which connection speaks for a participant and sends them a subscription to what is published.</summary>
    public async Task AttachParticipantAsync(Guid sessionId, Guid participantId, string connectionId, bool muted, CancellationToken cancellationToken)
    {
        var room = RoomOrThrow(sessionId);
        await room.Lock.WaitAsync(cancellationToken);
        try
        {
            await EnsureRoomLockedAsync(room, cancellationToken);
            if (room.Participants.TryRemove(participantId, out var previous))
            {
                // A reload or reconnect: the old connection's streams are dead. The others stop receiving them in
                // place (their other streams go on), then the old handles go.
                foreach (var other in room.Participants.Values)
                {
                    await SyncSubscriptionLockedAsync(room, other, cancellationToken);
                }

                await DropLockedAsync(room, previous);
            }

            var participant = room.Participants.GetOrAdd(participantId, id => new LiveParticipant(id));
            participant.ConnectionId = connectionId;
            participant.Muted = muted;
            await SyncSubscriptionLockedAsync(room, participant, cancellationToken);
        }
        finally
        {
            room.Lock.Release();
        }
    }

    public async Task AnswerSubscriptionAsync(Guid sessionId, Guid participantId, int version, string answerSdp, CancellationToken cancellationToken)
    {
        var room = RoomOrThrow(sessionId);
        await room.Lock.WaitAsync(cancellationToken);
        try
        {
            if (!room.Participants.TryGetValue(participantId, out var participant) || participant.SubscriberHandle is not { } handle
                || participant.SubscriptionVersion != version || !participant.AwaitingAnswer)
            {
                return; // an answer to an offer that was replaced meanwhile: the newer offer is on its way
            }

            await _gateway.MessageAsync(room.JanusSession, handle, new JsonObject { ["request"] = "start" }, "answer", answerSdp, true, cancellationToken);
            participant.AwaitingAnswer = false;
            await RequestKeyFramesLockedAsync(room, participant, cancellationToken);
            // Changes that came while this participant was answering were held back (one renegotiation at a time).
            await SyncSubscriptionLockedAsync(room, participant, cancellationToken);
        }
        finally
        {
            room.Lock.Release();
        }
    }

    public async Task UnpublishAsync(Guid sessionId, Guid participantId, string kind, CancellationToken cancellationToken)
    {
        var room = RoomOrThrow(sessionId);
        await room.Lock.WaitAsync(cancellationToken);
        try
        {
            if (room.Participants.TryGetValue(participantId, out var participant) && participant.Publishers.Remove(kind, out var publisher))
            {
                foreach (var other in room.Participants.Values.Where(p => p.Id != participantId))
                {
                    await SyncSubscriptionLockedAsync(room, other, cancellationToken);
                }

                await DetachQuietlyAsync(room, publisher.Handle);
            }
        }
        finally
        {
            room.Lock.Release();
        }
    }

    /// <summary>The participant's media is gone (left, removed, disconnected): drop their streams, refresh the others.</summary>
    public async Task DropParticipantAsync(Guid sessionId, Guid participantId, string? onlyIfConnectionId, CancellationToken cancellationToken)
    {
        if (!_rooms.TryGetValue(sessionId, out var room))
        {
            return;
        }

        await room.Lock.WaitAsync(cancellationToken);
        try
        {
            if (!room.Participants.TryGetValue(participantId, out var participant)
                || (onlyIfConnectionId is not null && participant.ConnectionId != onlyIfConnectionId))
            {
                return;
            }

            room.Participants.TryRemove(participantId, out _);
            if (room.Generation == _gateway.Generation)
            {
                // The others stop receiving this participant's streams in place while its feeds still exist.
                foreach (var other in room.Participants.Values)
                {
                    await SyncSubscriptionLockedAsync(room, other, cancellationToken);
                }
            }

            await DropLockedAsync(room, participant);
        }
        finally
        {
            room.Lock.Release();
        }
    }

    /// <summary>Mutes or unmutes a participant's microphone in the room (enforced by Janus, not by the browser's goodwill).</summary>
    public async Task SetMutedAsync(Guid sessionId, Guid participantId, bool muted, CancellationToken cancellationToken)
    {
        if (!_rooms.TryGetValue(sessionId, out var room))
        {
            return;
        }

        await room.Lock.WaitAsync(cancellationToken);
        try
        {
            if (room.Participants.TryGetValue(participantId, out var participant))
            {
                participant.Muted = muted;
                await ModerateLockedAsync(room, participant, muted, cancellationToken);
            }
        }
        finally
        {
            room.Lock.Release();
        }
    }

    public async Task DestroyRoomAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!_rooms.TryRemove(sessionId, out var room))
        {
            return;
        }

        await room.Lock.WaitAsync(cancellationToken);
        try
        {
            if (room.Generation == _gateway.Generation && room.JanusSession != 0)
            {
                try
                {
                    var destroy = new JsonObject { ["request"] = "destroy", ["room"] = room.RoomId, ["secret"] = room.Secret, ["permanent"] = false };
                    await _gateway.MessageAsync(room.JanusSession, room.ControlHandle, destroy, null, null, false, cancellationToken);
                    await _gateway.DestroySessionAsync(room.JanusSession, cancellationToken);
                }
                catch (JanusException ex)
                {
                    LogJanusCleanupFailed(sessionId, ex.Message);
                }
            }
        }
        finally
        {
            room.Lock.Release();
        }
    }

    /// <summary>Sessions whose rooms are registered in this process (open sessions).</summary>
    public IReadOnlyList<Guid> LiveSessions => [.. _rooms.Keys];

    /// <summary>
    /// Pause/resume: VideoRoom <c>enable_recording</c> switches the recorder of every current publisher and the room's
    /// default for later ones. A room not created on the current Janus yet picks the state up from the policy.
    /// </summary>
    public async Task SetRecordingAsync(Guid sessionId, bool record, CancellationToken cancellationToken)
    {
        if (!_rooms.TryGetValue(sessionId, out var room))
        {
            return;
        }

        await room.Lock.WaitAsync(cancellationToken);
        try
        {
            if (room.Recording?.Folder is null)
            {
                return;
            }

            room.Recording = room.Recording with { Record = record };
            if (room.Generation != _gateway.Generation || room.JanusSession == 0)
            {
                return;
            }

            if (record)
            {
                // Resume: each live publisher first gets a new file name (configure), so its recorder starts a new
                // segment instead of reopening — and overwriting — the one written before the pause.
                foreach (var participant in room.Participants.Values)
                {
                    foreach (var publisher in participant.Publishers.Values.Where(p => p.Published))
                    {
                        await _gateway.MessageAsync(room.JanusSession, publisher.Handle, new JsonObject
                        {
                            ["request"] = "configure",
                            ["record"] = true,
                            ["filename"] = _recording.PublisherFileBase(sessionId, participant.Id),
                        }, null, null, true, cancellationToken);
                    }
                }
            }

            // Then the room's own switch: it stops every recorder on pause, and decides whether later publishers record.
            var request = new JsonObject
            {
                ["request"] = "enable_recording",
                ["room"] = room.RoomId,
                ["secret"] = room.Secret,
                ["record"] = record,
            };
            await _gateway.MessageAsync(room.JanusSession, room.ControlHandle, request, null, null, false, cancellationToken);
            LogRecordingSwitched(sessionId, record);
        }
        finally
        {
            room.Lock.Release();
        }
    }

    public IReadOnlyList<FeedView> FeedsOf(Guid sessionId, Guid participantId) =>
        _rooms.TryGetValue(sessionId, out var room) && room.Participants.TryGetValue(participantId, out var p)
            ? [.. p.Publishers.Values.Where(x => x.Published).Select(x => new FeedView(x.Feed.FeedId, x.Feed.Kind))]
            : [];

    public void Register(Guid sessionId, long roomId, string secret) => _rooms.GetOrAdd(sessionId, id => new LiveRoom(id, roomId, secret));

    private LiveRoom RoomOrThrow(Guid sessionId) =>
        _rooms.TryGetValue(sessionId, out var room) ? room : throw new JanusException(-1, "room not open");

    /// <summary>
    /// Brings a participant's subscription to what the others publish now. The first feed opens a multistream
    /// subscription (one handle, one PeerConnection in the browser); after that, feeds are added and removed on that
    /// same handle (VideoRoom <c>update</c>), so a join or a leave renegotiates the subscription without interrupting
    /// the streams it keeps (docs/adr/0091). One renegotiation per participant at a time: while an offer awaits its
    /// answer, later changes wait and are applied when it comes (the room lock orders everything else).
    /// </summary>
    private async Task SyncSubscriptionLockedAsync(LiveRoom room, LiveParticipant participant, CancellationToken cancellationToken)
    {
        if (participant.ConnectionId is null || room.Generation != _gateway.Generation)
        {
            return;
        }

        var desired = room.Participants.Values
            .Where(p => p.Id != participant.Id)
            .SelectMany(p => p.Publishers.Values.Where(x => x.Published))
            .ToDictionary(x => x.Feed.FeedId, x => x.Feed);
        if (participant.SubscriberHandle is not { } handle)
        {
            if (desired.Count > 0)
            {
                await SubscribeAfreshLockedAsync(room, participant, desired, cancellationToken);
            }

            return;
        }

        if (participant.AwaitingAnswer)
        {
            if (_time.GetElapsedTime(participant.OfferSentAt) < AnswerPatience)
            {
                return; // applied when the answer comes
            }

            // The browser never answered (a frozen tab): start its subscription over rather than wait forever.
            await SubscribeAfreshLockedAsync(room, participant, desired, cancellationToken);
            return;
        }

        var add = desired.Keys.Where(id => !participant.Subscribed.ContainsKey(id)).ToList();
        var remove = participant.Subscribed.Keys.Where(id => !desired.ContainsKey(id)).ToList();
        if (add.Count == 0 && remove.Count == 0)
        {
            return;
        }

        var update = new JsonObject { ["request"] = "update" };
        if (add.Count > 0)
        {
            update["subscribe"] = new JsonArray([.. add.Select(id => (JsonNode)new JsonObject { ["feed"] = id })]);
        }

        if (remove.Count > 0)
        {
            update["unsubscribe"] = new JsonArray([.. remove.Select(id => (JsonNode)new JsonObject { ["feed"] = id })]);
        }

        JsonObject updated;
        try
        {
            updated = await _gateway.MessageAsync(room.JanusSession, handle, update, null, null, true, cancellationToken);
        }
        catch (JanusException ex)
        {
            // E.g. a feed that vanished on Janus's side first: fall back to a new subscription (a short glitch, once).
            LogSubscriptionUpdateFailed(room.SessionId, participant.Id, ex.Code, ex.Message);
            await SubscribeAfreshLockedAsync(room, participant, desired, cancellationToken);
            return;
        }

        if ((string?)updated["jsep"]?["sdp"] is not { } offer)
        {
            LogSubscriptionUpdateFailed(room.SessionId, participant.Id, 0, "no renegotiation offer");
            await SubscribeAfreshLockedAsync(room, participant, desired, cancellationToken);
            return;
        }

        participant.Subscribed.Clear();
        foreach (var (id, feed) in desired)
        {
            participant.Subscribed[id] = feed;
        }

        participant.AddedSinceAnswer.UnionWith(add);
        await SendOfferLockedAsync(participant, offer, updated, renegotiation: true);
    }

    private async Task SubscribeAfreshLockedAsync(LiveRoom room, LiveParticipant participant, Dictionary<long, PublishedFeed> desired, CancellationToken cancellationToken)
    {
        if (participant.SubscriberHandle is { } oldHandle)
        {
            participant.SubscriberHandle = null;
            await DetachQuietlyAsync(room, oldHandle);
        }

        participant.Subscribed.Clear();
        participant.AwaitingAnswer = false;
        participant.AddedSinceAnswer.Clear();
        if (desired.Count == 0 || participant.ConnectionId is null)
        {
            participant.SubscriptionVersion++;
            return;
        }

        var handle = await _gateway.AttachVideoRoomAsync(room.JanusSession, null, cancellationToken);
        participant.SubscriberHandle = handle;
        var attached = await _gateway.MessageAsync(room.JanusSession, handle, new JsonObject
        {
            ["request"] = "join",
            ["ptype"] = "subscriber",
            ["room"] = room.RoomId,
            ["streams"] = new JsonArray([.. desired.Keys.Select(id => (JsonNode)new JsonObject { ["feed"] = id })]),
            ["use_msid"] = false,
            // We renegotiate ourselves, in order, when a publisher leaves; Janus's own offer would race ours.
            ["autoupdate"] = false,
        }, null, null, true, cancellationToken);
        var offer = (string?)attached["jsep"]?["sdp"] ?? throw new JanusException(-1, "Janus returned no subscription offer");
        foreach (var (id, feed) in desired)
        {
            participant.Subscribed[id] = feed;
        }

        await SendOfferLockedAsync(participant, offer, attached, renegotiation: false);
    }

    /// <summary>Sends the browser the offer with the m-line → participant map of every stream it now receives.</summary>
    private async Task SendOfferLockedAsync(LiveParticipant participant, string offer, JsonObject janusEvent, bool renegotiation)
    {
        var mapped = new List<SubscribedFeed>();
        if (janusEvent["plugindata"]?["data"]?["streams"] is JsonArray list)
        {
            foreach (var s in list.OfType<JsonObject>())
            {
                if ((bool?)s["active"] != false && (long?)s["feed_id"] is { } feedId && participant.Subscribed.TryGetValue(feedId, out var feed)
                    && (string?)s["mid"] is { } mid)
                {
                    mapped.Add(new SubscribedFeed(mid, feed.ParticipantId, feed.Kind, (string?)s["type"] ?? ""));
                }
            }
        }

        var version = ++participant.SubscriptionVersion;
        participant.AwaitingAnswer = true;
        participant.OfferSentAt = _time.GetTimestamp();
        await _hub.Clients.Client(participant.ConnectionId!).SubscriptionOffer(new SubscriptionOffer(version, offer, mapped, renegotiation));
    }

    /// <summary>
    /// A browser's ICE candidate for one of its PeerConnections (<paramref name="target"/>: camera, screen or
    /// subscription), passed to the handle behind it; a null entry in <paramref name="candidates"/> = gathering complete.
    /// Candidates for a handle that is gone (replaced, dropped) are ignored: its PeerConnection is gone too.
    /// </summary>
    public async Task TrickleAsync(Guid sessionId, Guid participantId, string target, IReadOnlyList<IceCandidate?> candidates, CancellationToken cancellationToken)
    {
        if (!_rooms.TryGetValue(sessionId, out var room))
        {
            return;
        }

        long janusSession;
        long? handle;
        await room.Lock.WaitAsync(cancellationToken);
        try
        {
            if (room.Generation != _gateway.Generation || !room.Participants.TryGetValue(participantId, out var participant))
            {
                return;
            }

            handle = target == "subscription"
                ? participant.SubscriberHandle
                : participant.Publishers.TryGetValue(target, out var publisher) ? publisher.Handle : null;
            janusSession = room.JanusSession;
        }
        finally
        {
            room.Lock.Release();
        }

        if (handle is null)
        {
            return;
        }

        // Outside the room lock: a trickle is a one-way hint to Janus and must not wait behind renegotiations.
        foreach (var candidate in candidates)
        {
            var body = candidate is null
                ? new JsonObject { ["completed"] = true }
                : new JsonObject { ["candidate"] = candidate.Candidate, ["sdpMid"] = candidate.SdpMid, ["sdpMLineIndex"] = candidate.SdpMLineIndex };
            await _gateway.TrickleAsync(janusSession, handle.Value, body, cancellationToken);
        }
    }

    /// <summary>
    /// A stream added to a running subscription starts decoding at the publisher's next key frame: ask each such
    /// publisher for one now (VideoRoom <c>configure</c> with <c>keyframe</c>, a PLI) instead of waiting for the
    /// encoder's own interval.
    /// </summary>
    private async Task RequestKeyFramesLockedAsync(LiveRoom room, LiveParticipant participant, CancellationToken cancellationToken)
    {
        if (participant.AddedSinceAnswer.Count == 0)
        {
            return;
        }

        var added = participant.AddedSinceAnswer.ToHashSet();
        participant.AddedSinceAnswer.Clear();
        foreach (var publisher in room.Participants.Values.SelectMany(p => p.Publishers.Values).Where(x => x.Published && added.Contains(x.Feed.FeedId)))
        {
            try
            {
                await _gateway.MessageAsync(room.JanusSession, publisher.Handle, new JsonObject { ["request"] = "configure", ["keyframe"] = true }, null, null, true, cancellationToken);
            }
            catch (JanusException ex)
            {
                LogJanusCleanupFailed(room.SessionId, ex.Message);
            }
        }
    }

    private async Task ModerateLockedAsync(LiveRoom room, LiveParticipant participant, bool muted, CancellationToken cancellationToken)
    {
        if (!participant.Publishers.TryGetValue("camera", out var camera) || !camera.Published || room.Generation != _gateway.Generation)
        {
            return;
        }

        try
        {
            await _gateway.MessageAsync(room.JanusSession, room.ControlHandle, new JsonObject
            {
                ["request"] = "moderate",
                ["secret"] = room.Secret,
                ["room"] = room.RoomId,
                ["id"] = camera.Feed.FeedId,
                ["mid"] = camera.AudioMid ?? "0",
                ["mute"] = muted,
            }, null, null, false, cancellationToken);
        }
        catch (JanusException ex)
        {
            LogJanusCleanupFailed(room.SessionId, ex.Message);
        }
    }

    private async Task DropLockedAsync(LiveRoom room, LiveParticipant participant)
    {
        if (room.Generation != _gateway.Generation)
        {
            return;
        }

        foreach (var publisher in participant.Publishers.Values)
        {
            await DetachQuietlyAsync(room, publisher.Handle);
        }

        if (participant.SubscriberHandle is { } sub)
        {
            await DetachQuietlyAsync(room, sub);
        }
    }

    private async Task DetachQuietlyAsync(LiveRoom room, long handle)
    {
        try
        {
            await _gateway.DetachAsync(room.JanusSession, handle, CancellationToken.None);
        }
        catch (JanusException ex)
        {
            LogJanusCleanupFailed(room.SessionId, ex.Message);
        }
    }

    private void OnMediaServerReset(long generation)
    {
        // Rooms stay registered (their sessions are still open); they are rebuilt on the new Janus when the
        // participants come back. Tell them to come back now.
        foreach (var room in _rooms.Values)
        {
            _ = NotifyResetAsync(room.SessionId);
        }
    }

    private async Task NotifyResetAsync(Guid sessionId)
    {
        try
        {
            await _hub.Clients.Group(ReceptionHub.SessionGroup(sessionId)).MediaReconnect();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogJanusCleanupFailed(sessionId, ex.Message);
        }
    }

    /// <summary>A random Janus-safe numeric id (JavaScript-safe: below 2^53).</summary>
    public static long NewFeedId() => RandomNumberGenerator.GetInt32(1, int.MaxValue) * 1_000L + RandomNumberGenerator.GetInt32(0, 1000);

    public static string NewRoomSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription of participant {ParticipantId} in session {SessionId} could not be updated in place ({Code}: {Reason}): subscribing afresh")]
    private partial void LogSubscriptionUpdateFailed(Guid sessionId, Guid participantId, int code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording of session {SessionId} switched: {Record}")]
    private partial void LogRecordingSwitched(Guid sessionId, bool record);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} for session {SessionId} created on media generation {Generation}")]
    private partial void LogRoomCreated(Guid sessionId, long roomId, long generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Janus clean-up for session {SessionId} failed: {Reason}")]
    private partial void LogJanusCleanupFailed(Guid sessionId, string reason);

    private sealed class LiveRoom(Guid sessionId, long roomId, string secret)
    {
        public Guid SessionId { get; } = sessionId;

        public long RoomId { get; } = roomId;

        public string Secret { get; } = secret;

        public SemaphoreSlim Lock { get; } = new(1, 1);

        public long Generation { get; set; }

        public long JanusSession { get; set; }

        public long ControlHandle { get; set; }

        public RoomRecording? Recording { get; set; }

        public ConcurrentDictionary<Guid, LiveParticipant> Participants { get; } = new();
    }

    private sealed class LiveParticipant(Guid id)
    {
        public Guid Id { get; } = id;

        public string? ConnectionId { get; set; }

        public bool Muted { get; set; }

        public Dictionary<string, LivePublisher> Publishers { get; } = new(StringComparer.Ordinal);

        public long? SubscriberHandle { get; set; }

        public int SubscriptionVersion { get; set; }

        /// <summary>The feeds the subscriber handle carries now, by feed id.</summary>
        public Dictionary<long, PublishedFeed> Subscribed { get; } = [];

        /// <summary>An offer was sent and its answer has not come yet (no other renegotiation meanwhile).</summary>
        public bool AwaitingAnswer { get; set; }

        public long OfferSentAt { get; set; }

        /// <summary>Feeds added by the offer awaiting its answer: each gets a key frame request once answered.</summary>
        public HashSet<long> AddedSinceAnswer { get; } = [];
    }

    private sealed class LivePublisher(long handle, PublishedFeed feed)
    {
        public long Handle { get; } = handle;

        public PublishedFeed Feed { get; } = feed;

        public bool Published { get; set; }

        public string? AudioMid { get; set; }
    }

}
