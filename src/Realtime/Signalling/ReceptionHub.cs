using System.Security.Cryptography;
using System.Text;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Dialogue;
using DaoVien.OnlineReception.Realtime.Lobby;
using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings.Live;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Scheduling.Bookings;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Signalling;

/// <summary>
/// <c>/hubs/reception</c>: lobby, admission, session control and WebRTC signalling. Every method decides from the
/// database who the caller is now (their connection's participant row, or their staff account) — never from what
/// the call claims. Citizens have no account: their join link's token is the credential, checked on entry.
/// </summary>
internal sealed partial class ReceptionHub(
    RealtimeDbContext db,
    SessionMedia media,
    LobbyBoard board,
    SessionLifecycle lifecycle,
    SessionChat chat,
    DialogueService dialogues,
    IceServers iceServers,
    IBookingDirectory bookings,
    LobbyDoor lobbyDoor,
    IStaffDirectory staffDirectory,
    SessionReceipts receipts,
    LiveRecording recording,
    IOptions<RealtimeOptions> options,
    IOptions<WardOptions> ward,
    TimeProvider time,
    Microsoft.Extensions.Logging.ILogger<ReceptionHub> logger) : Hub<IReceptionClient>
{
    public const string Path = "/hubs/reception";
    private const int MaxTokenLength = 200;
    private const int MaxCandidatesPerCall = 20;

    public static string SessionGroup(Guid sessionId) => "session:" + sessionId.ToString("N");

    public static string LobbyGroup(DateOnly date) => "lobby:" + date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    public static string ConsoleGroup(DateOnly date) => "console:" + date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    private RealtimeOptions Options => options.Value;

    // For the dialogue's calls (ReceptionHub.Dialogue.cs): a partial part does not see the primary constructor's parameters.
    private DialogueService Dialogues => dialogues;

    private SessionLifecycle Lifecycle => lifecycle;

    private SessionReceipts Receipts => receipts;

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), ward.Value.TimeZone).DateTime);

    // ---------------- citizens ----------------

    /// <summary>
    /// Before entering: when the lobby of the booking's day opens and whether it is open now, so a citizen who came
    /// early sees the time and a countdown, and the page enters by itself once it opens.
    /// </summary>
    public async Task<LobbyDoorStatus> LobbyDoor(string joinToken)
    {
        RequireText(joinToken, MaxTokenLength);
        var booking = await bookings.FindByJoinTokenAsync(joinToken, Context.ConnectionAborted);
        if (booking is null || booking.Status != BookingStatus.Confirmed)
        {
            throw new HubException(RealtimeMessages.Get("Join.LinkInvalidOrUnconfirmed"));
        }

        var now = time.GetUtcNow();
        var times = await lobbyDoor.TimesOfAsync(booking.Date, Context.ConnectionAborted);
        var opensAtText = times is null ? null
            : TimeZoneInfo.ConvertTime(times.OpensAt, ward.Value.TimeZone).ToString("HH:mm 'ngày' dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        return new LobbyDoorStatus(times is { IsOpen: true } && booking.Date == Today, times?.OpensAt, times?.ClosesAt, opensAtText, now);
    }

    /// <summary>A citizen enters the lobby with the join link of a confirmed booking for today (or comes back to it).</summary>
    public async Task<LobbyStatus> EnterLobby(string joinToken, string deviceKey)
    {
        RequireText(joinToken, MaxTokenLength);
        RequireText(deviceKey, 100);
        var booking = await bookings.FindByJoinTokenAsync(joinToken, Context.ConnectionAborted);
        var today = Today;
        if (booking is null || booking.Status != BookingStatus.Confirmed)
        {
            throw new HubException(RealtimeMessages.Get("Join.LinkInvalidOrUnconfirmed"));
        }

        if (booking.Date != today)
        {
            throw new HubException(RealtimeMessages.Get("Join.NotToday"));
        }

        var entrance = await board.EnterAsync(booking, today, Hash(deviceKey), Context.ConnectionId, Context.ConnectionAborted);
        if (entrance.RefusalKey is { } refusal)
        {
            throw new HubException(RealtimeMessages.Get(refusal));
        }

        var (entry, participant) = (entrance.Entry!, entrance.Participant!);
        await ReleaseAsync(entrance.PreviousConnection, participant.SessionId, today);
        if (entry.State == LobbyEntryState.Admitted)
        {
            var session = await db.Sessions.FindAsync([entry.SessionId!.Value], Context.ConnectionAborted);
            if (session is null || session.State != SessionState.Open)
            {
                throw new HubException(RealtimeMessages.Get("Session.Ended"));
            }

            return new LobbyStatus("admitted", 0, 0, entry.SessionId);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LobbyGroup(today), Context.ConnectionAborted);
        var status = await board.StatusOfAsync(entry, Context.ConnectionAborted);
        await Clients.Group(ConsoleGroup(today)).QueueChanged();
        return status;
    }

    /// <summary>Someone joins an ad-hoc session with its one-time link (e.g. a walk-in at the ward office's terminal).</summary>
    public async Task<JoinInfo> JoinWithLink(string token, string deviceKey, string displayName)
    {
        RequireText(token, MaxTokenLength);
        RequireText(deviceKey, 100);
        RequireText(displayName, 100);
        var entrance = await lifecycle.JoinWithLinkAsync(Hash(token), Hash(deviceKey), displayName, Context.ConnectionId, Context.ConnectionAborted);
        if (entrance.RefusalKey is { } refusal)
        {
            throw new HubException(RealtimeMessages.Get(refusal));
        }

        var (session, participant) = (entrance.Session!, entrance.Participant!);
        await ReleaseAsync(entrance.PreviousConnection, session.Id, null);
        return await EnterRoomAsync(session, participant);
    }

    // ---------------- every participant ----------------

    /// <summary>Enters (or re-enters) the session the caller is admitted to.</summary>
    public async Task<JoinInfo> JoinSession(Guid sessionId)
    {
        var session = await db.Sessions.FindAsync([sessionId], Context.ConnectionAborted);
        if (session is null || session.State != SessionState.Open)
        {
            throw new HubException(RealtimeMessages.Get("Session.NotFoundOrEnded"));
        }

        Participant? participant;
        if (StaffId is { } staffId)
        {
            participant = await db.Participants.SingleOrDefaultAsync(p => p.SessionId == sessionId && p.StaffId == staffId, Context.ConnectionAborted);
            if (participant is null || participant.State is not (ParticipantState.InRoom or ParticipantState.Invited))
            {
                throw Denied();
            }
        }
        else
        {
            // A citizen's connection was bound to their participant by EnterLobby or JoinWithLink.
            participant = await db.Participants.SingleOrDefaultAsync(p => p.ConnectionId == Context.ConnectionId && p.SessionId == sessionId, Context.ConnectionAborted);
            if (participant is null || participant.State != ParticipantState.InRoom)
            {
                throw Denied();
            }
        }

        var rejoining = participant.JoinedAt is not null;
        participant.State = ParticipantState.InRoom;
        var previousConnection = Rebind(participant);
        participant.JoinedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(Context.ConnectionAborted);
        await ReleaseAsync(previousConnection, session.Id, null);
        if (rejoining)
        {
            await ReportRecordingGapAsync(session.Id, participant.Id, back: true);
        }

        return await EnterRoomAsync(session, participant);
    }

    public async Task<string> Publish(string kind, string sdpOffer)
    {
        if (kind is not ("camera" or "screen"))
        {
            throw new HubException(RealtimeMessages.Get("Publish.BadKind"));
        }

        var (session, participant) = await CallerInRoomAsync();
        // One audio stream per participant, the camera's: the one a mute moderates (a screen share's sound would not be).
        var refusal = SdpGuard.CheckPublishOffer(sdpOffer, kind, Options.MaxSdpBytes, out var audioMid);
        if (refusal is not null)
        {
            throw new HubException(RealtimeMessages.Get(refusal switch
            {
                OfferRefusal.ScreenNotVideoOnly => "Publish.ScreenVideoOnly",
                OfferRefusal.CameraShape => "Publish.CameraShape",
                _ => "Publish.BadSdp",
            }));
        }

        // Consent first: in a recorded room nobody publishes (so nothing of theirs is recorded) before their
        // acknowledgment of the notice is stored.
        if (!await recording.MayPublishAsync(session.Id, participant.Id, Context.ConnectionAborted))
        {
            throw new HubException(RecordingConsentRequired);
        }

        try
        {
            return await media.PublishAsync(session.Id, participant.Id, Context.ConnectionId, kind, sdpOffer, audioMid, Context.ConnectionAborted);
        }
        catch (JanusException ex)
        {
            LogMediaFailed(ex.Code, ex.Message);
            throw new HubException(RealtimeMessages.Get("Media.NotReady"));
        }
    }

    public async Task Unpublish(string kind)
    {
        if (kind is not ("camera" or "screen"))
        {
            throw new HubException(RealtimeMessages.Get("Publish.BadKind"));
        }

        var (session, participant) = await CallerInRoomAsync();
        await media.UnpublishAsync(session.Id, participant.Id, kind, Context.ConnectionAborted);
        await lifecycle.BroadcastParticipantsAsync(session.Id, Context.ConnectionAborted);
    }

    public async Task AnswerSubscription(int version, string sdpAnswer)
    {
        var (session, participant) = await CallerInRoomAsync();
        if (!SdpGuard.IsAcceptable(sdpAnswer, Options.MaxSdpBytes, 64, out _))
        {
            throw new HubException(RealtimeMessages.Get("Publish.BadSdp"));
        }

        try
        {
            await media.AnswerSubscriptionAsync(session.Id, participant.Id, version, sdpAnswer, Context.ConnectionAborted);
        }
        catch (JanusException ex)
        {
            LogMediaFailed(ex.Code, ex.Message);
            throw new HubException(RealtimeMessages.Get("Media.NotReady"));
        }
    }

    /// <summary>
    /// The caller's ICE candidates for one of its PeerConnections (<paramref name="target"/>: camera, screen or
    /// subscription), as they are gathered, so no offer or answer waits for gathering; a null entry ends them.
    /// </summary>
    public async Task TrickleCandidates(string target, IReadOnlyList<IceCandidate?> candidates)
    {
        if (target is not ("camera" or "screen" or "subscription") || candidates is null || candidates.Count is 0 or > MaxCandidatesPerCall
            || candidates.Any(c => c is not null && !IsCandidateShaped(c)))
        {
            throw new HubException(RealtimeMessages.Get("Ice.BadCandidates"));
        }

        var (session, participant) = await CallerInRoomAsync();
        try
        {
            await media.TrickleAsync(session.Id, participant.Id, target, candidates, Context.ConnectionAborted);
        }
        catch (JanusException ex)
        {
            LogMediaFailed(ex.Code, ex.Message);
            throw new HubException(RealtimeMessages.Get("Media.NotReady"));
        }
    }

    private static bool IsCandidateShaped(IceCandidate c) =>
        c.Candidate is { Length: > 0 and <= 512 } text && text.StartsWith("candidate:", StringComparison.Ordinal)
        && !text.Any(char.IsControl) && (c.SdpMid is null or { Length: <= 32 }) && (c.SdpMLineIndex is null or (>= 0 and < 64));

    public async Task SendChat(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new HubException(RealtimeMessages.Get("Chat.Empty"));
        }

        if (text.Trim().Length > Options.MaxChatLength)
        {
            throw new HubException(RealtimeMessages.Format("Chat.TooLong", Options.MaxChatLength));
        }

        var (session, participant) = await CallerInRoomAsync();
        // Every joiner receives the whole history: a session's chat is bounded.
        if (await db.ChatMessages.CountAsync(m => m.SessionId == session.Id, Context.ConnectionAborted) >= Options.MaxChatMessagesPerSession)
        {
            throw new HubException(RealtimeMessages.Format("Chat.SessionFull", Options.MaxChatMessagesPerSession));
        }

        // In a denunciation's session the line is stored sealed; the room still reads it as typed (docs/adr/0081).
        var line = await chat.PostAsync(session, participant, text.Trim(), Context.ConnectionAborted);
        await Clients.Group(SessionGroup(session.Id)).ChatReceived(line);
    }

    public async Task LeaveSession()
    {
        var (session, participant) = await CallerInRoomAsync();
        if (participant.Role == ParticipantRole.Presiding)
        {
            throw new HubException(RealtimeMessages.Get("Session.PresidingMustEnd"));
        }

        participant.State = ParticipantState.Left;
        participant.LeftAt = time.GetUtcNow();
        participant.ConnectionId = null;
        await db.SaveChangesAsync(Context.ConnectionAborted);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, SessionGroup(session.Id), Context.ConnectionAborted);
        await media.DropParticipantAsync(session.Id, participant.Id, null, Context.ConnectionAborted);
        await lifecycle.BroadcastParticipantsAsync(session.Id, Context.ConnectionAborted);
    }

    // ---------------- presiding official ----------------

    /// <summary>The presiding console follows today's queue.</summary>
    public async Task<IReadOnlyList<QueueItem>> WatchQueue()
    {
        RequirePresiding();
        await Groups.AddToGroupAsync(Context.ConnectionId, ConsoleGroup(Today), Context.ConnectionAborted);
        return await lifecycle.QueueAsync(Today, Context.ConnectionAborted);
    }

    /// <summary>
    /// Admits the booking waiting in <paramref name="lobbyEntryId"/>, or the next one when null. When the recording
    /// storage is not ready the admission is refused with the problem, so the chairman decides (<see cref="AdmitUnrecorded"/>).
    /// </summary>
    public Task<Guid> Admit(Guid? lobbyEntryId) => AdmitCoreAsync(lobbyEntryId, runUnrecorded: false);

    /// <summary>The chairman's explicit, logged choice to receive the citizen without recording (storage not ready).</summary>
    public Task<Guid> AdmitUnrecorded(Guid? lobbyEntryId) => AdmitCoreAsync(lobbyEntryId, runUnrecorded: true);

    private async Task<Guid> AdmitCoreAsync(Guid? lobbyEntryId, bool runUnrecorded)
    {
        var staffId = RequirePresiding();
        var today = Today;
        var waiting = await board.WaitingAsync(today, Context.ConnectionAborted);
        // A day's citizens are received by that day's presiding official (docs/adr/0079): "next" is the next of the
        // caller's own days; a named citizen of another official's day is refused.
        LobbyEntry? entry = null;
        foreach (var candidate in lobbyEntryId is null ? waiting : waiting.Where(e => e.Id == lobbyEntryId))
        {
            var booking = await bookings.FindAsync(candidate.BookingId, Context.ConnectionAborted);
            if (booking is not null && PresidesOver(booking, staffId))
            {
                entry = candidate;
                break;
            }

            if (lobbyEntryId is not null)
            {
                LogAdmissionRefused(staffId, candidate.Id);
                throw new HubException(RealtimeMessages.Get("Admit.NotDelegated"));
            }
        }

        if (entry is null)
        {
            throw new HubException(RealtimeMessages.Get("Admit.NobodyWaiting"));
        }

        var unrecordedProblem = await CheckRecordingStorageAsync(entry.BookingId, runUnrecorded);
        var sessionId = await lifecycle.AdmitAsync(staffId, entry, unrecordedProblem, Context.ConnectionAborted);
        await board.BroadcastAsync(today, Context.ConnectionAborted);
        return sessionId;
    }

    /// <summary>
    /// Opens an ad-hoc session (no booking) about <paramref name="kind"/> for <paramref name="reason"/>, and returns the
    /// one-time join token for its link. Ad-hoc sessions record like booked ones, so the same storage check applies
    /// (<see cref="OpenAdHocSessionUnrecorded"/>); a denunciation is sealed as a booked one is (docs/adr/0066).
    /// </summary>
    public Task<AdHocSession> OpenAdHocSession(string reason, MatterKind kind) => OpenAdHocCoreAsync(reason, kind, runUnrecorded: false);

    /// <summary>The chairman's explicit, logged choice to hold the ad-hoc reception without recording (storage not ready).</summary>
    public Task<AdHocSession> OpenAdHocSessionUnrecorded(string reason, MatterKind kind) => OpenAdHocCoreAsync(reason, kind, runUnrecorded: true);

    private async Task<AdHocSession> OpenAdHocCoreAsync(string reason, MatterKind kind, bool runUnrecorded)
    {
        var staffId = RequirePresiding();
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > AdHocMatter.MaxReasonLength)
        {
            throw new HubException(RealtimeMessages.Get("WalkIn.ReasonRequired"));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new HubException(RealtimeMessages.Get("WalkIn.KindRequired"));
        }

        var unrecordedProblem = await CheckRecordingStorageAsync(bookingId: null, runUnrecorded);
        return await lifecycle.OpenAdHocAsync(staffId, Today, new AdHocMatter(kind, reason.Trim()), unrecordedProblem, Context.ConnectionAborted);
    }

    /// <summary>The pre-session storage check: refused with the problem, or the problem an explicitly unrecorded session logs.</summary>
    private async Task<string?> CheckRecordingStorageAsync(Guid? bookingId, bool runUnrecorded)
    {
        var verdict = await recording.CheckStorageAsync(bookingId, runUnrecorded, Context.ConnectionAborted);
        return verdict.Refused ? throw new HubException(RecordingNotReadyPrefix + verdict.Problem) : verdict.Problem;
    }

    /// <summary>Staff accounts the presiding official may invite.</summary>
    public async Task<IReadOnlyList<OfficialView>> ListOfficials()
    {
        RequirePresiding();
        var all = new Dictionary<Guid, OfficialView>();
        foreach (var role in new[] { StaffRoles.Chairman, StaffRoles.ViceChairman, StaffRoles.UnitHead, StaffRoles.Staff, StaffRoles.Inspector })
        {
            foreach (var m in (await staffDirectory.ListInRoleAsync(role, Context.ConnectionAborted)).Where(m => !m.Roles.Contains(StaffRoles.Admin)))
            {
                all.TryAdd(m.Id, new OfficialView(m.Id, m.FullName, m.Title));
            }
        }

        return [.. all.Values.Where(o => o.Id != StaffId).OrderBy(o => o.FullName, StringComparer.Ordinal)];
    }

    public async Task Invite(Guid staffId)
    {
        var (session, _) = await CallerPresidingAsync();
        await lifecycle.InviteAsync(session, staffId, Context.ConnectionAborted);
    }

    public async Task SetMuted(Guid participantId, bool muted)
    {
        var (session, _) = await CallerPresidingAsync();
        var target = await db.Participants.SingleOrDefaultAsync(p => p.Id == participantId && p.SessionId == session.Id && p.State == ParticipantState.InRoom, Context.ConnectionAborted)
            ?? throw new HubException(RealtimeMessages.Get("Participant.NotFound"));
        target.Muted = muted;
        await db.SaveChangesAsync(Context.ConnectionAborted);
        await media.SetMutedAsync(session.Id, target.Id, muted, Context.ConnectionAborted);
        if (target.ConnectionId is not null)
        {
            await Clients.Client(target.ConnectionId).MutedChanged(muted);
        }

        await lifecycle.BroadcastParticipantsAsync(session.Id, Context.ConnectionAborted);
    }

    public async Task RemoveParticipant(Guid participantId)
    {
        var (session, presiding) = await CallerPresidingAsync();
        var target = await db.Participants.SingleOrDefaultAsync(p => p.Id == participantId && p.SessionId == session.Id && p.State != ParticipantState.Removed, Context.ConnectionAborted);
        if (target is null || target.Id == presiding.Id)
        {
            throw new HubException(RealtimeMessages.Get("Participant.NotFound"));
        }

        var connection = target.ConnectionId;
        target.State = ParticipantState.Removed;
        target.LeftAt = time.GetUtcNow();
        target.ConnectionId = null;
        await db.SaveChangesAsync(Context.ConnectionAborted);
        await media.DropParticipantAsync(session.Id, target.Id, null, Context.ConnectionAborted);
        if (connection is not null)
        {
            await Groups.RemoveFromGroupAsync(connection, SessionGroup(session.Id), Context.ConnectionAborted);
            await Clients.Client(connection).Removed();
        }

        await lifecycle.BroadcastParticipantsAsync(session.Id, Context.ConnectionAborted);
    }

    public async Task EndSession(SessionOutcome outcome, RefusalGround? ground, string? note)
    {
        switch (SessionOutcomeRules.Check(outcome, ground, note))
        {
            case OutcomeInputError.GroundMismatch:
                throw new HubException(RealtimeMessages.Get("End.RefusalGround"));
            case OutcomeInputError.NoteTooLong:
                throw new HubException(RealtimeMessages.Get("End.NoteTooLong"));
        }

        var (session, _) = await CallerPresidingAsync();
        if (session.DialogueCaseId is not null && outcome == SessionOutcome.CaseAccepted)
        {
            // The dialogue's case exists already; a second case for the same matter would split its file.
            throw new HubException(RealtimeMessages.Get("Dialogue.NoNewCase"));
        }

        await lifecycle.EndAsync(session, outcome, ground, SessionOutcomeRules.NormalizeNote(note), Context.ConnectionAborted);
    }

    // ---------------- recording ----------------

    /// <summary>Whether the caller's session records, is paused, and whether the caller acknowledged the notice (with its text).</summary>
    public async Task<RecordingStatusView> RecordingStatus()
    {
        var (session, participant) = await CallerInRoomAsync();
        return await RecordingStatusOfAsync(session.Id, participant.Id);
    }

    /// <summary>The caller acknowledges the recording notice version they were shown; stored (who, when, which text) before they may publish.</summary>
    public async Task<RecordingStatusView> AcknowledgeRecordingNotice(string textVersion)
    {
        RequireText(textVersion, 100);
        var (session, participant) = await CallerInRoomAsync();
        if (!await recording.AcknowledgeAsync(session.Id, participant.Id, textVersion, Context.ConnectionAborted))
        {
            throw new HubException(RealtimeMessages.Get("Recording.NoticeChanged"));
        }

        return await RecordingStatusOfAsync(session.Id, participant.Id);
    }

    /// <summary>
    /// The caller refuses the recording notice they were shown: stored, and the presiding official is told; the caller
    /// publishes nothing until the official continues unrecorded or the caller agrees after all (docs/adr/0093).
    /// </summary>
    public async Task<RecordingStatusView> RefuseRecordingNotice(string textVersion)
    {
        RequireText(textVersion, 100);
        var (session, participant) = await CallerInRoomAsync();
        switch (await recording.RefuseAsync(session.Id, participant.Id, participant.Role == ParticipantRole.Presiding, textVersion, Context.ConnectionAborted))
        {
            case RefusalOutcome.NoticeChanged:
                throw new HubException(RealtimeMessages.Get("Recording.NoticeChanged"));
            case RefusalOutcome.PresidingCannotRefuse:
                throw new HubException(RealtimeMessages.Get("Recording.PresidingCannotRefuse"));
            case RefusalOutcome.Refused:
                await Clients.Group(SessionGroup(session.Id)).RecordingRefused(new RecordingRefusalView(participant.Id, participant.DisplayName));
                break;
        }

        return await RecordingStatusOfAsync(session.Id, participant.Id);
    }

    /// <summary>
    /// After a participant refused the notice, the presiding official continues the session without recording (logged;
    /// the room stops recording). Refused when nobody in the session refused: the choice answers a refusal only.
    /// </summary>
    public async Task ContinueUnrecorded()
    {
        var (session, presiding) = await CallerPresidingAsync();
        if (!await recording.ContinueUnrecordedAsync(session.Id, presiding.StaffId!.Value, Context.ConnectionAborted))
        {
            throw new HubException(RealtimeMessages.Get("Recording.NoRefusal"));
        }

        await Clients.Group(SessionGroup(session.Id)).RecordingChanged(new RecordingStateView(false, false));
    }

    /// <summary>The presiding official pauses the recording; the reason is required and logged.</summary>
    public async Task PauseRecording(string reason)
    {
        RequireText(reason, 500);
        var (session, presiding) = await CallerPresidingAsync();
        if (!await recording.PauseAsync(session.Id, presiding.StaffId!.Value, reason.Trim(), Context.ConnectionAborted))
        {
            throw new HubException(RealtimeMessages.Get("Recording.NotRecorded"));
        }

        await Clients.Group(SessionGroup(session.Id)).RecordingChanged(new RecordingStateView(true, true));
    }

    public async Task ResumeRecording()
    {
        var (session, presiding) = await CallerPresidingAsync();
        await recording.ResumeAsync(session.Id, presiding.StaffId!.Value, Context.ConnectionAborted);
        await Clients.Group(SessionGroup(session.Id)).RecordingChanged(new RecordingStateView(true, false));
    }

    private Task<RecordingStatusView> RecordingStatusOfAsync(Guid sessionId, Guid participantId) =>
        recording.StatusAsync(sessionId, participantId, Context.ConnectionAborted);

    private Task ReportRecordingGapAsync(Guid sessionId, Guid participantId, bool back) =>
        recording.ReportGapAsync(sessionId, participantId, back, CancellationToken.None);

    // ---------------- connection lifetime ----------------

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var participants = await db.Participants.Where(p => p.ConnectionId == Context.ConnectionId).ToListAsync(CancellationToken.None);
        foreach (var p in participants)
        {
            // Still admitted: a reload or a network drop gets them back in with the same participant row.
            p.ConnectionId = null;
        }

        await db.SaveChangesAsync(CancellationToken.None);
        // A citizen waiting in the lobby who closed the page no longer counts as connected in the console's queue.
        if (participants.Any(p => p.SessionId is null && p.State == ParticipantState.Waiting))
        {
            await Clients.Group(ConsoleGroup(Today)).QueueChanged();
        }

        // In a session the others see them as gone (ParticipantView.Connected) until they come back.
        foreach (var p in participants.Where(p => p.SessionId is not null))
        {
            await media.DropParticipantAsync(p.SessionId!.Value, p.Id, Context.ConnectionId, CancellationToken.None);
            await lifecycle.BroadcastParticipantsAsync(p.SessionId.Value, CancellationToken.None);
            if (p.State == ParticipantState.InRoom && await db.Sessions.AnyAsync(s => s.Id == p.SessionId && s.State == SessionState.Open, CancellationToken.None))
            {
                await ReportRecordingGapAsync(p.SessionId.Value, p.Id, back: false);
            }
        }

        await base.OnDisconnectedAsync(exception);
    }

    // ---------------- authorization helpers ----------------

    private Guid? StaffId => StaffConnections.StaffIdOf(Context.User);

    private Guid RequirePresiding()
    {
        if (StaffId is not { } id || !StaffRoles.MayPreside(Context.User!))
        {
            throw Denied();
        }

        return id;
    }

    /// <summary>The open session and participant this connection speaks for, or a refusal.</summary>
    private async Task<(ReceptionSession Session, Participant Participant)> CallerInRoomAsync()
    {
        var participant = await db.Participants.SingleOrDefaultAsync(
            p => p.ConnectionId == Context.ConnectionId && p.State == ParticipantState.InRoom && p.SessionId != null, Context.ConnectionAborted);
        if (participant is null)
        {
            throw Denied();
        }

        var session = await db.Sessions.FindAsync([participant.SessionId!.Value], Context.ConnectionAborted);
        if (session is null || session.State != SessionState.Open)
        {
            throw Denied();
        }

        // Staff rows are also bound to the account: a connection taken over by another account is refused.
        if (participant.StaffId is not null && participant.StaffId != StaffId)
        {
            throw Denied();
        }

        return (session, participant);
    }

    private async Task<(ReceptionSession Session, Participant Participant)> CallerPresidingAsync()
    {
        RequirePresiding();
        var (session, participant) = await CallerInRoomAsync();
        if (participant.Role != ParticipantRole.Presiding || session.PresidingOfficialId != participant.StaffId)
        {
            throw Denied();
        }

        return (session, participant);
    }

    private async Task<JoinInfo> EnterRoomAsync(ReceptionSession session, Participant participant)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, SessionGroup(session.Id), Context.ConnectionAborted);
        media.Register(session.Id, session.RoomId, session.RoomSecret);
        try
        {
            await media.AttachParticipantAsync(session.Id, participant.Id, Context.ConnectionId, participant.Muted, Context.ConnectionAborted);
        }
        catch (JanusException ex)
        {
            LogMediaFailed(ex.Code, ex.Message);
            throw new HubException(RealtimeMessages.Get("Media.NotReady"));
        }

        var participants = await lifecycle.BroadcastParticipantsAsync(session.Id, Context.ConnectionAborted);
        var history = await chat.HistoryAsync(session, Context.ConnectionAborted);
        return new JoinInfo(session.Id, participant.Id, participant.Role.ToString(), iceServers.For(participant.Id), iceServers.TransportPolicy, participants, history, participant.Muted, session.DialogueCaseNumber);
    }

    /// <summary>
    /// The day's presiding official; a day published for a role only (no named official yet) is the Chairman's, as
    /// the publisher resolves it.
    /// </summary>
    private bool PresidesOver(BookingSummary booking, Guid staffId) =>
        booking.PresidingOfficialId == staffId
        || (booking.PresidingOfficialId == Guid.Empty && Context.User!.IsInRole(StaffRoles.Chairman));

    /// <summary>Binds the participant to this connection; returns the connection it was bound to before, if another.</summary>
    private string? Rebind(Participant participant)
    {
        var previous = participant.ConnectionId;
        participant.ConnectionId = Context.ConnectionId;
        return previous is not null && previous != Context.ConnectionId ? previous : null;
    }

    /// <summary>
    /// The participant's previous connection (another tab, the phone before a reload) stops speaking for them: out of
    /// the session's and lobby's groups, so it receives no more chat or events.
    /// </summary>
    private async Task ReleaseAsync(string? previousConnection, Guid? sessionId, DateOnly? lobbyDate)
    {
        if (previousConnection is null)
        {
            return;
        }

        if (sessionId is { } id)
        {
            // Its media go when this connection attaches (SessionMedia replaces a participant's previous streams).
            await Groups.RemoveFromGroupAsync(previousConnection, SessionGroup(id), CancellationToken.None);
        }

        await Groups.RemoveFromGroupAsync(previousConnection, LobbyGroup(lobbyDate ?? Today), CancellationToken.None);
    }

    private static void RequireText(string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
        {
            throw new HubException(RealtimeMessages.Get("Hub.BadInput"));
        }
    }

    private static HubException Denied() => new(RealtimeMessages.Get("Hub.Denied"));

    /// <summary>Start of the refusal when the storage is not ready; the console recognises it and offers the unrecorded choice.</summary>
    internal const string RecordingNotReadyPrefix = "[recording-not-ready] ";

    /// <summary>What a sealed denouncer is called in the room, in the chat and in the record (a booked one shows the same).</summary>
    internal const string SealedCitizenLabel = "Công dân";

    internal const string RecordingConsentRequired = "Ông/bà cần đọc và xác nhận thông báo ghi hình trước khi tham gia.";

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Admission of lobby entry {LobbyEntryId} refused to {StaffId}: another official presides that day")]
    private partial void LogAdmissionRefused(Guid staffId, Guid lobbyEntryId);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Media request failed: {Code} {Reason}")]
    private partial void LogMediaFailed(int code, string reason);

    internal static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}

internal sealed record QueueItem(Guid LobbyEntryId, Guid BookingId, string Code, string? DisplayName, string Kind, string SubjectArea, string Summary, TimeOnly SlotStart, int Representatives, int ConnectedRepresentatives, IReadOnlyList<EarlierSession> EarlierSessions, IReadOnlyList<EarlierCaseEntry> EarlierCases);

/// <summary><paramref name="Outcome"/> is the <see cref="SessionOutcome"/> value: the console shows it with its outcome list's label.</summary>
internal sealed record EarlierSession(Guid SessionId, DateOnly Date, int Outcome);

internal sealed record AdHocSession(Guid SessionId, string JoinToken);

internal sealed record OfficialView(Guid Id, string FullName, string? Title);
