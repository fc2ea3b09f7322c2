using System.Security.Cryptography;
using System.Text.Json;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Realtime.Lobby;
using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Sessions;

/// <summary>Opening, staffing and ending sessions; the state changes are stored first, then pushed to the browsers.</summary>
internal sealed partial class SessionLifecycle(
    RealtimeDbContext db,
    SessionMedia media,
    IHubContext<ReceptionHub, IReceptionClient> hub,
    IServiceProvider services,
    IIdentitySealer sealer,
    IOptions<RealtimeOptions> options,
    TimeProvider time,
    ILogger<SessionLifecycle> logger)
{
    /// <summary>Opens a session for the admitted lobby entry; <paramref name="runUnrecordedProblem"/> (the storage problem the chairman was shown) is logged as the explicit choice to run unrecorded, before the room exists.</summary>
    public async Task<Guid> AdmitAsync(Guid staffId, LobbyEntry entry, string? runUnrecordedProblem, CancellationToken cancellationToken)
    {
        await EnsureNoOpenSessionAsync(staffId, cancellationToken);
        var presiding = await StaffNameAsync(staffId, cancellationToken);
        var session = NewSession(staffId, entry.ReceptionDate);
        session.BookingId = entry.BookingId;
        session.Participants.Add(PresidingParticipant(session, staffId, presiding));
        db.Sessions.Add(session);
        entry.State = LobbyEntryState.Admitted;
        entry.SessionId = session.Id;
        var citizens = await db.Participants.Where(p => p.LobbyEntryId == entry.Id && p.State == ParticipantState.Waiting).ToListAsync(cancellationToken);
        foreach (var c in citizens)
        {
            c.SessionId = session.Id;
            c.State = ParticipantState.InRoom;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Unique indexes: the booking was admitted by another console a moment ago, or this official opened one.
            throw new HubException(RealtimeMessages.Get("Admit.TakenOrPresidingElsewhere"));
        }

        if (runUnrecordedProblem is not null)
        {
            await services.GetRequiredService<Recordings.IRecordingStorage>().RecordRunUnrecordedAsync(session.Id, staffId, runUnrecordedProblem, cancellationToken);
        }

        media.Register(session.Id, session.RoomId, session.RoomSecret);
        try
        {
            await media.EnsureRoomAsync(session.Id, session.RoomId, session.RoomSecret, cancellationToken);
        }
        catch (JanusException ex)
        {
            // The session is stored; the room is created when participants arrive and the media server is back.
            LogRoomDeferred(session.Id, ex.Message);
        }

        LogAdmitted(session.Id, entry.BookingId);
        foreach (var c in citizens.Where(c => c.ConnectionId is not null))
        {
            await hub.Clients.Client(c.ConnectionId!).Admitted(session.Id);
        }

        return session.Id;
    }

    /// <summary>Opens an ad-hoc session about <paramref name="matter"/> (validated by the caller); <paramref name="runUnrecordedProblem"/> as in <see cref="AdmitAsync"/>.</summary>
    public async Task<AdHocSession> OpenAdHocAsync(Guid staffId, DateOnly today, AdHocMatter matter, string? runUnrecordedProblem, CancellationToken cancellationToken)
    {
        await EnsureNoOpenSessionAsync(staffId, cancellationToken);
        var presiding = await StaffNameAsync(staffId, cancellationToken);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var session = NewSession(staffId, today);
        session.AdHocTokenHash = ReceptionHub.Hash(token);
        session.AdHocKind = matter.Kind;
        session.AdHocReason = matter.Reason;
        session.Participants.Add(PresidingParticipant(session, staffId, presiding));
        db.Sessions.Add(session);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new HubException(RealtimeMessages.Get("Session.PresidingElsewhere"));
        }

        if (runUnrecordedProblem is not null)
        {
            await services.GetRequiredService<Recordings.IRecordingStorage>().RecordRunUnrecordedAsync(session.Id, staffId, runUnrecordedProblem, cancellationToken);
        }

        media.Register(session.Id, session.RoomId, session.RoomSecret);
        return new AdHocSession(session.Id, token);
    }

    /// <summary>
    /// Someone joins the open ad-hoc session whose one-time link hashes to <paramref name="tokenHash"/> on the device
    /// <paramref name="deviceKeyHash"/>, bound to <paramref name="connectionId"/>: the first use claims the link (within
    /// its validity) and creates their participant; the same device comes back while still in the room.
    /// </summary>
    public async Task<LinkEntrance> JoinWithLinkAsync(string tokenHash, string deviceKeyHash, string displayName, string connectionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.AdHocTokenHash == tokenHash, cancellationToken);
        if (session is null)
        {
            return LinkEntrance.Refused("Join.LinkInvalid");
        }

        if (session.State != SessionState.Open)
        {
            return LinkEntrance.Refused("Session.Ended");
        }

        var participant = await db.Participants.SingleOrDefaultAsync(p => p.SessionId == session.Id && p.Role == ParticipantRole.Citizen && p.DeviceKeyHash == deviceKeyHash, cancellationToken);
        if (participant is null)
        {
            // The claim is one conditional UPDATE: of two simultaneous first uses, exactly one changes the row.
            var linkValidFrom = time.GetUtcNow().AddMinutes(-options.Value.AdHocLinkMinutes);
            var claimed = await db.Sessions
                .Where(s => s.Id == session.Id && !s.AdHocTokenUsed && s.StartedAt >= linkValidFrom)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.AdHocTokenUsed, true), cancellationToken);
            if (claimed != 1)
            {
                return LinkEntrance.Refused("Join.LinkUsedOrExpired");
            }

            // A denouncer's name is sealed at once and never stored or shown in plain, as for a denunciation booking.
            var denunciation = session.AdHocKind == MatterKind.Denunciation;
            participant = new Participant
            {
                Id = Guid.NewGuid(),
                SessionId = session.Id,
                Role = ParticipantRole.Citizen,
                DisplayName = denunciation ? ReceptionHub.SealedCitizenLabel : displayName.Trim(),
                SealedIdentity = denunciation ? sealer.Seal(JsonSerializer.Serialize(new { FullName = displayName.Trim() }, SealedJson)) : null,
                State = ParticipantState.InRoom,
                DeviceKeyHash = deviceKeyHash,
                CreatedAt = time.GetUtcNow(),
            };
            db.Participants.Add(participant);
        }
        else if (participant.State != ParticipantState.InRoom)
        {
            return LinkEntrance.Refused("Session.NoRejoin");
        }

        var previous = participant.ConnectionId;
        participant.ConnectionId = connectionId;
        await db.SaveChangesAsync(cancellationToken);
        return new LinkEntrance(session, participant, previous is not null && previous != connectionId ? previous : null, null);
    }

    // Readable Vietnamese for the officer who opens it offline (the sealed JSON never reaches a browser).
    private static readonly JsonSerializerOptions SealedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task InviteAsync(ReceptionSession session, Guid staffId, CancellationToken cancellationToken)
    {
        var member = await services.GetRequiredService<IStaffDirectory>().FindAsync(staffId, cancellationToken);
        if (member is not { IsActive: true } || member.Id == session.PresidingOfficialId)
        {
            throw new HubException(RealtimeMessages.Get("Invite.NotFound"));
        }

        // An administrator's account manages accounts; it never sits in a reception (docs/adr/0079).
        if (member.Roles.Contains(StaffRoles.Admin))
        {
            throw new HubException(RealtimeMessages.Get("Invite.Admin"));
        }

        var existing = await db.Participants.SingleOrDefaultAsync(p => p.SessionId == session.Id && p.StaffId == staffId, cancellationToken);
        if (existing is not null)
        {
            if (existing.State == ParticipantState.Removed)
            {
                throw new HubException(RealtimeMessages.Get("Invite.StaffRemoved"));
            }

            return;
        }

        var invited = await db.Participants.CountAsync(p => p.SessionId == session.Id && p.Role == ParticipantRole.Official, cancellationToken);
        if (invited >= options.Value.MaxInvitedOfficials)
        {
            throw new HubException(RealtimeMessages.Get("Invite.TooMany"));
        }

        db.Participants.Add(new Participant
        {
            Id = Guid.NewGuid(),
            SessionId = session.Id,
            Role = ParticipantRole.Official,
            StaffId = staffId,
            DisplayName = member.Title is null ? member.FullName : $"{member.FullName} ({member.Title})",
            State = ParticipantState.Invited,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await BroadcastParticipantsAsync(session.Id, cancellationToken);
    }

    public async Task EndAsync(ReceptionSession session, SessionOutcome outcome, RefusalGround? ground, string? note, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        session.State = SessionState.Ended;
        session.EndedAt = now;
        session.Outcome = outcome;
        session.RefusalGround = ground;
        session.OutcomeNote = note;
        var participants = await db.Participants.Where(p => p.SessionId == session.Id).ToListAsync(cancellationToken);
        // A dialogue's guests still waiting to be admitted are not in the session's group: they are told one by one.
        var waiting = participants.Where(p => p.State == ParticipantState.Waiting && p.ConnectionId is not null).Select(p => p.ConnectionId!).ToList();
        // The citizens' pages show a receipt; the case on it exists only once the outcome sinks ran.
        var citizens = participants.Where(p => p.Role == ParticipantRole.Citizen && p.State == ParticipantState.InRoom && p.ConnectionId is not null).Select(p => p.ConnectionId!).ToList();
        foreach (var p in participants.Where(p => p.State is ParticipantState.InRoom or ParticipantState.Invited or ParticipantState.Waiting))
        {
            p.State = ParticipantState.Left;
            p.LeftAt = now;
            p.ConnectionId = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        // The plain text of a sealed chat lives only as long as the session (docs/adr/0081).
        services.GetRequiredService<LiveSealedChat>().Forget(session.Id);
        LogEnded(session.Id, outcome);
        // The end is stored: what follows must happen even though the presiding console, told "ended", closes the
        // very connection whose token we were given (it did, and the reception book entry was lost).
        var ended = CancellationToken.None;
        await hub.Clients.Group(ReceptionHub.SessionGroup(session.Id)).SessionEnded(outcome.ToString());
        if (waiting.Count > 0)
        {
            await hub.Clients.Clients(waiting).SessionEnded(outcome.ToString());
        }

        await media.DestroyRoomAsync(session.Id, ended);
        await services.GetRequiredService<LobbyBoard>().BroadcastAsync(session.ReceptionDate, ended);
        await NotifyOutcomeSinksAsync(session.Id);
        if (citizens.Count > 0)
        {
            await hub.Clients.Clients(citizens).ReceiptReady();
        }
    }

    /// <summary>
    /// Hands the stored outcome of the session to every <see cref="ISessionOutcomeSink"/> (reception book, case,
    /// archive); a failing sink is logged and undoes nothing. Runs to the end whatever the caller's connection does.
    /// </summary>
    public async Task NotifyOutcomeSinksAsync(Guid sessionId)
    {
        var ended = CancellationToken.None;
        var info = await SessionDirectory.LoadAsync(db, sessionId, ended);
        foreach (var sink in services.GetServices<ISessionOutcomeSink>())
        {
            try
            {
                await sink.SessionEndedAsync(info!, ended);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                LogSinkFailed(ex, sessionId, sink.GetType().Name);
            }
        }
    }

    /// <summary>Pushes the current participant list to the session and returns it.</summary>
    public async Task<IReadOnlyList<ParticipantView>> BroadcastParticipantsAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var rows = await db.Participants.AsNoTracking()
            .Where(p => p.SessionId == sessionId && (p.State == ParticipantState.InRoom || p.State == ParticipantState.Invited || p.State == ParticipantState.Waiting))
            .OrderBy(p => p.Role).ThenBy(p => p.CreatedAt)
            .ToListAsync(cancellationToken);
        // Only a dialogue's guest waits with a session already (lobby citizens have none until admitted): the presiding
        // console shows them to admit.
        IReadOnlyList<ParticipantView> views = [.. rows.Select(p => new ParticipantView(
            p.Id, p.DisplayName, p.State switch { ParticipantState.Invited => "Invited", ParticipantState.Waiting => "Waiting", _ => p.Role.ToString() },
            p.Muted, p.ConnectionId is not null, media.FeedsOf(sessionId, p.Id), p.Organisation))];
        await hub.Clients.Group(ReceptionHub.SessionGroup(sessionId)).ParticipantsChanged(views);
        return views;
    }

    public async Task<IReadOnlyList<QueueItem>> QueueAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var board = services.GetRequiredService<LobbyBoard>();
        var bookings = services.GetRequiredService<IBookingDirectory>();
        var waiting = await board.WaitingAsync(date, cancellationToken);
        var items = new List<QueueItem>(waiting.Count);
        foreach (var e in waiting)
        {
            var booking = await bookings.FindAsync(e.BookingId, cancellationToken);
            if (booking is null)
            {
                continue;
            }

            var connected = await db.Participants.CountAsync(p => p.LobbyEntryId == e.Id && p.State == ParticipantState.Waiting && p.ConnectionId != null, cancellationToken);
            var history = await services.GetRequiredService<ICitizenHistory>().ForBookingAsync(booking.Id, cancellationToken);
            items.Add(new QueueItem(e.Id, booking.Id, booking.Code, booking.DisplayName, booking.Kind.ToString(), booking.SubjectArea, booking.Summary, e.SlotStart, e.RepresentativeCount, connected,
                [.. history.Sessions.Select(h => new EarlierSession(h.SessionId, h.Date, (int)h.Outcome))], history.Cases));
        }

        return items;
    }

    public async Task EnsureNoOpenSessionAsync(Guid staffId, CancellationToken cancellationToken)
    {
        if (await db.Sessions.AnyAsync(s => s.PresidingOfficialId == staffId && s.State == SessionState.Open, cancellationToken))
        {
            throw new HubException(RealtimeMessages.Get("Session.PresidingElsewhereEndFirst"));
        }
    }

    public async Task<string> StaffNameAsync(Guid staffId, CancellationToken cancellationToken)
    {
        var member = await services.GetRequiredService<IStaffDirectory>().FindAsync(staffId, cancellationToken);
        return member is null ? "Chủ trì" : member.Title is null ? member.FullName : $"{member.FullName} ({member.Title})";
    }

    public ReceptionSession NewSession(Guid staffId, DateOnly date) => new()
    {
        Id = Guid.NewGuid(),
        ReceptionDate = date,
        PresidingOfficialId = staffId,
        State = SessionState.Open,
        StartedAt = time.GetUtcNow(),
        RoomId = SessionMedia.NewFeedId(),
        RoomSecret = SessionMedia.NewRoomSecret(),
    };

    public Participant PresidingParticipant(ReceptionSession session, Guid staffId, string name) => new()
    {
        Id = Guid.NewGuid(),
        SessionId = session.Id,
        Role = ParticipantRole.Presiding,
        StaffId = staffId,
        DisplayName = name,
        State = ParticipantState.InRoom,
        CreatedAt = time.GetUtcNow(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} opened for booking {BookingId}")]
    private partial void LogAdmitted(Guid sessionId, Guid bookingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} ended: {Outcome}")]
    private partial void LogEnded(Guid sessionId, SessionOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room of session {SessionId} deferred: {Reason}")]
    private partial void LogRoomDeferred(Guid sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outcome sink {Sink} failed for session {SessionId}")]
    private partial void LogSinkFailed(Exception ex, Guid sessionId, string sink);
}

/// <summary>
/// Entry by an ad-hoc session's link: the session and the caller's participant, bound to the connection
/// (<paramref name="PreviousConnection"/>: the one it was bound to before, to release); or the message key of the refusal.
/// </summary>
internal sealed record LinkEntrance(ReceptionSession? Session, Participant? Participant, string? PreviousConnection, string? RefusalKey)
{
    public static LinkEntrance Refused(string key) => new(null, null, null, key);
}
