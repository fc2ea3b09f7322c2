using System.Security.Cryptography;
using System.Text;
using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Notifications;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Dialogue;

/// <summary>A link just issued: the token exists in plain only in this answer (and the e-mail, when one was sent).</summary>
internal sealed record IssuedLink(Guid InvitationId, string FullName, string? Affiliation, string Token, bool Emailed);

internal sealed record DialogueOpened(Guid SessionId, IReadOnlyList<IssuedLink> Links);

/// <summary>
/// An invitation as the presiding console lists it; <paramref name="State"/>: <c>Pending</c> (link not opened yet),
/// <c>Waiting</c>, <c>InRoom</c>, <c>Left</c>, <c>Removed</c> or <c>Revoked</c>.
/// </summary>
internal sealed record InvitationView(Guid Id, string Kind, string FullName, string? Affiliation, string State, Guid? ParticipantId);

/// <summary>Where a guest stands after opening their link: <paramref name="State"/> <c>waiting</c> (for the presiding official) or <c>admitted</c>.</summary>
internal sealed record DialogueEntry(string State, Guid SessionId, string CaseNumber, string FullName);

/// <summary>A guest's connection entered: what the hub tells them, and the connection that spoke for them before (to release).</summary>
internal sealed record GuestEntered(DialogueEntry Entry, string? PreviousConnection);

/// <summary>
/// Dialogue sessions (docs/adr/0088): opened by a presiding official for a group case, attended by the case's citizens
/// and outside participants who each join with a one-time link and are admitted one by one. The hub translates its
/// calls into these; every refusal is a <see cref="HubException"/> with a Vietnamese sentence and changes nothing.
/// </summary>
internal sealed partial class DialogueService(
    RealtimeDbContext db,
    SessionLifecycle lifecycle,
    SessionMedia media,
    IServiceProvider services,
    IOptions<RealtimeOptions> options,
    TimeProvider time,
    ILogger<DialogueService> logger)
{
    /// <summary>
    /// Opens a dialogue session about <paramref name="matter"/> (the caller checked the case in the Cases module) with
    /// its first <paramref name="invitees"/>; <paramref name="runUnrecordedProblem"/> as for an ad-hoc session.
    /// </summary>
    public async Task<DialogueOpened> OpenAsync(Guid staffId, DateOnly today, DialogueMatter matter, IReadOnlyList<DialogueInvitee> invitees, string? runUnrecordedProblem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matter);
        ArgumentNullException.ThrowIfNull(invitees);
        if (matter.Kind == MatterKind.Denunciation || !Enum.IsDefined(matter.Kind))
        {
            throw Refused("Dialogue.Denunciation", matter.CaseId);
        }

        if (DialogueRules.CheckSubject(matter.Subject, out var subject) is { } subjectError)
        {
            throw Refused(subjectError, matter.CaseId);
        }

        if (invitees.Count == 0)
        {
            throw Refused("Dialogue.NoInvitees", matter.CaseId);
        }

        if (invitees.Count > options.Value.MaxDialogueInvitees)
        {
            throw Refused("Dialogue.TooManyInvitees", matter.CaseId, options.Value.MaxDialogueInvitees);
        }

        var clean = new List<DialogueInvitee>(invitees.Count);
        for (var i = 0; i < invitees.Count; i++)
        {
            if (DialogueRules.Check(invitees[i], out var one) is { } error)
            {
                LogRefused(matter.CaseId, error);
                throw new HubException(RealtimeMessages.Format("Dialogue.Row", i + 1, RealtimeMessages.Get(error)));
            }

            clean.Add(one);
        }

        await lifecycle.EnsureNoOpenSessionAsync(staffId, cancellationToken);
        var presiding = await lifecycle.StaffNameAsync(staffId, cancellationToken);
        var session = lifecycle.NewSession(staffId, today);
        session.DialogueCaseId = matter.CaseId;
        session.DialogueCaseNumber = matter.CaseNumber;
        session.DialogueKind = matter.Kind;
        session.DialogueSubject = subject;
        session.Participants.Add(lifecycle.PresidingParticipant(session, staffId, presiding));
        db.Sessions.Add(session);
        var issued = clean.Select(invitee => (Invitee: invitee, Invitation: NewInvitation(session.Id, invitee, out var token), Token: token)).ToList();
        db.AddRange(issued.Select(i => i.Invitation));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index: this official opened another session a moment ago (two tabs).
            throw new HubException(RealtimeMessages.Get("Session.PresidingElsewhereEndFirst"));
        }

        if (runUnrecordedProblem is not null)
        {
            await services.GetRequiredService<Recordings.IRecordingStorage>().RecordRunUnrecordedAsync(session.Id, staffId, runUnrecordedProblem, cancellationToken);
        }

        media.Register(session.Id, session.RoomId, session.RoomSecret);
        LogOpened(session.Id, matter.CaseId, issued.Count);
        var links = new List<IssuedLink>(issued.Count);
        foreach (var (invitee, invitation, token) in issued)
        {
            links.Add(new IssuedLink(invitation.Id, invitation.FullName, invitation.Affiliation, token, await MailAsync(invitation, invitee.Email, token, session, cancellationToken)));
        }

        return new DialogueOpened(session.Id, links);
    }

    /// <summary>Invites one more person into the open dialogue <paramref name="session"/>.</summary>
    public async Task<IssuedLink> InviteAsync(ReceptionSession session, DialogueInvitee invitee, CancellationToken cancellationToken)
    {
        RequireDialogue(session);
        if (DialogueRules.Check(invitee, out var clean) is { } error)
        {
            throw Refused(error, session.DialogueCaseId);
        }

        await EnsureRoomForOneMoreAsync(session, cancellationToken);
        var invitation = NewInvitation(session.Id, clean, out var token);
        db.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        LogInvited(session.Id, invitation.Id);
        return new IssuedLink(invitation.Id, invitation.FullName, invitation.Affiliation, token, await MailAsync(invitation, clean.Email, token, session, cancellationToken));
    }

    /// <summary>
    /// A new link for the same invitee (another device, or a link that went astray): the old one stops working, and a
    /// participant who entered with it leaves the room (left, not removed: they come back with the new link).
    /// Returns the new link and the connection that spoke with the old one, if any.
    /// </summary>
    public async Task<(IssuedLink Link, string? OldConnection)> ReissueAsync(ReceptionSession session, Guid invitationId, CancellationToken cancellationToken)
    {
        RequireDialogue(session);
        var old = await LiveInvitationAsync(session, invitationId, cancellationToken);
        var connection = await EndUseAsync(session, old, ParticipantState.Left, cancellationToken);
        var invitation = NewInvitation(session.Id, new DialogueInvitee(old.Kind, old.FullName, old.Organisation, old.Position, null), out var token);
        db.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        LogReissued(session.Id, old.Id, invitation.Id);
        return (new IssuedLink(invitation.Id, invitation.FullName, invitation.Affiliation, token, Emailed: false), connection);
    }

    /// <summary>Withdraws a link: it no longer opens, and whoever entered with it is removed from the room. Returns their connection, if any.</summary>
    public async Task<string?> RevokeAsync(ReceptionSession session, Guid invitationId, CancellationToken cancellationToken)
    {
        RequireDialogue(session);
        var invitation = await LiveInvitationAsync(session, invitationId, cancellationToken);
        var connection = await EndUseAsync(session, invitation, ParticipantState.Removed, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        LogRevoked(session.Id, invitation.Id);
        return connection;
    }

    /// <summary>The session's invitations, in the order they were issued, with where each invitee is now.</summary>
    public async Task<IReadOnlyList<InvitationView>> ListAsync(ReceptionSession session, CancellationToken cancellationToken)
    {
        RequireDialogue(session);
        var rows = await db.DialogueInvitations.AsNoTracking().Where(i => i.SessionId == session.Id).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        var ids = rows.Where(r => r.ParticipantId is not null).Select(r => r.ParticipantId!.Value).ToList();
        var states = await db.Participants.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.State, cancellationToken);
        return [.. rows.Select(r => new InvitationView(r.Id, r.Kind.ToString(), r.FullName, r.Affiliation,
            r.RevokedAt is not null ? "Revoked"
            : r.ParticipantId is { } p && states.TryGetValue(p, out var state) ? state.ToString()
            : "Pending",
            r.ParticipantId))];
    }

    /// <summary>
    /// A guest opens their link on <paramref name="connectionId"/>: the first device binds it and waits to be admitted;
    /// the same device comes back where it was; any other device is refused.
    /// </summary>
    public async Task<GuestEntered> EnterAsync(string token, string deviceKey, string connectionId, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var invitation = await db.DialogueInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null)
        {
            throw Refused("Dialogue.LinkInvalid", null);
        }

        if (invitation.RevokedAt is not null)
        {
            throw Refused("Dialogue.LinkRevoked", invitation.SessionId);
        }

        var session = await db.Sessions.SingleAsync(s => s.Id == invitation.SessionId, cancellationToken);
        if (session.State != SessionState.Open)
        {
            throw Refused("Dialogue.Ended", session.Id);
        }

        var keyHash = Hash(deviceKey);
        if (invitation.ParticipantId is null)
        {
            // The claim is one conditional UPDATE: of two devices opening the link at the same moment, exactly one binds it.
            var participantId = Guid.NewGuid();
            var now = time.GetUtcNow();
            var claimed = await db.DialogueInvitations
                .Where(i => i.Id == invitation.Id && i.ParticipantId == null && i.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ParticipantId, participantId).SetProperty(i => i.DeviceKeyHash, keyHash).SetProperty(i => i.UsedAt, now), cancellationToken);
            await db.Entry(invitation).ReloadAsync(cancellationToken);
            if (claimed != 1 && invitation.RevokedAt is not null)
            {
                throw Refused("Dialogue.LinkRevoked", session.Id);
            }
        }

        if (invitation.DeviceKeyHash != keyHash)
        {
            throw Refused("Dialogue.LinkOtherDevice", session.Id);
        }

        var participant = await db.Participants.SingleOrDefaultAsync(p => p.Id == invitation.ParticipantId, cancellationToken);
        if (participant is null)
        {
            participant = new Participant
            {
                Id = invitation.ParticipantId!.Value,
                SessionId = session.Id,
                Role = invitation.Kind == InviteeKind.Organisation ? ParticipantRole.Guest : ParticipantRole.Citizen,
                DisplayName = invitation.FullName,
                Organisation = invitation.Affiliation,
                State = ParticipantState.Waiting,
                DeviceKeyHash = keyHash,
                CreatedAt = time.GetUtcNow(),
            };
            db.Participants.Add(participant);
        }
        else if (participant.State == ParticipantState.Removed)
        {
            throw Refused("Dialogue.Removed", session.Id);
        }
        else if (participant.State == ParticipantState.Left)
        {
            // Left by their own choice: back to waiting, admitted again by the presiding official.
            participant.State = ParticipantState.Waiting;
            participant.LeftAt = null;
        }

        var previous = participant.ConnectionId is { } before && before != connectionId ? before : null;
        participant.ConnectionId = connectionId;
        await db.SaveChangesAsync(cancellationToken);
        var state = participant.State == ParticipantState.InRoom ? "admitted" : "waiting";
        return new GuestEntered(new DialogueEntry(state, session.Id, session.DialogueCaseNumber!, participant.DisplayName), previous);
    }

    /// <summary>The presiding official admits a waiting guest; returns the guest's connection (to tell it), if connected.</summary>
    public async Task<string?> AdmitAsync(ReceptionSession session, Guid participantId, CancellationToken cancellationToken)
    {
        RequireDialogue(session);
        var guest = await db.Participants.SingleOrDefaultAsync(p => p.Id == participantId && p.SessionId == session.Id && p.State == ParticipantState.Waiting, cancellationToken)
            ?? throw Refused("Dialogue.NotWaiting", session.Id);
        guest.State = ParticipantState.InRoom;
        await db.SaveChangesAsync(cancellationToken);
        LogAdmitted(session.Id, guest.Id);
        return guest.ConnectionId;
    }

    internal static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>256 random bits, base64url: 43 characters, the shape the outbox blanks in a sent e-mail's stored copy.</summary>
    internal static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private DialogueInvitation NewInvitation(Guid sessionId, DialogueInvitee invitee, out string token)
    {
        token = NewToken();
        return new DialogueInvitation
        {
            Id = Guid.NewGuid(),
            SessionId = sessionId,
            Kind = invitee.Kind,
            FullName = invitee.FullName!,
            Organisation = invitee.Organisation,
            Position = invitee.Position,
            TokenHash = Hash(token),
            CreatedAt = time.GetUtcNow(),
        };
    }

    private async Task EnsureRoomForOneMoreAsync(ReceptionSession session, CancellationToken cancellationToken)
    {
        var live = await db.DialogueInvitations.CountAsync(i => i.SessionId == session.Id && i.RevokedAt == null, cancellationToken);
        if (live >= options.Value.MaxDialogueInvitees)
        {
            throw Refused("Dialogue.TooManyInvitees", session.DialogueCaseId, options.Value.MaxDialogueInvitees);
        }
    }

    private async Task<DialogueInvitation> LiveInvitationAsync(ReceptionSession session, Guid invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.DialogueInvitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.SessionId == session.Id, cancellationToken)
            ?? throw Refused("Dialogue.InvitationNotFound", session.Id);
        return invitation.RevokedAt is null ? invitation : throw Refused("Dialogue.AlreadyRevoked", session.Id);
    }

    /// <summary>Revokes <paramref name="invitation"/> and takes whoever entered with it out of the room (in the tracked context; the caller saves).</summary>
    private async Task<string?> EndUseAsync(ReceptionSession session, DialogueInvitation invitation, ParticipantState state, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        invitation.RevokedAt = now;
        if (invitation.ParticipantId is not { } participantId
            || await db.Participants.SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken) is not { } participant
            || participant.State is ParticipantState.Removed)
        {
            return null;
        }

        var connection = participant.ConnectionId;
        if (participant.State != ParticipantState.Left)
        {
            participant.State = state;
            participant.LeftAt = now;
        }

        participant.ConnectionId = null;
        await media.DropParticipantAsync(session.Id, participant.Id, null, cancellationToken);
        return connection;
    }

    /// <summary>Queues the link to <paramref name="email"/> through the outbox; true when queued.</summary>
    private async Task<bool> MailAsync(DialogueInvitation invitation, string? email, string token, ReceptionSession session, CancellationToken cancellationToken)
    {
        if (email is null)
        {
            return false;
        }

        var outbox = services.GetRequiredService<IMailOutbox>();
        var link = outbox.Link("/Reception/Join?t=" + Uri.EscapeDataString(token));
        var body = RealtimeMessages.Format("Dialogue.Mail.Body", invitation.FullName, session.DialogueCaseNumber, session.DialogueSubject, link);
        return await outbox.EnqueueAsync(new StaffMail(invitation.Id, email, RealtimeMessages.Format("Dialogue.Mail.Subject", session.DialogueCaseNumber), body), cancellationToken);
    }

    private void RequireDialogue(ReceptionSession session)
    {
        if (session.DialogueCaseId is null)
        {
            throw Refused("Dialogue.NotDialogue", session.Id);
        }
    }

    private HubException Refused(string key, Guid? about, params object?[] args)
    {
        LogRefused(about, key);
        return new HubException(args.Length == 0 ? RealtimeMessages.Get(key) : RealtimeMessages.Format(key, args));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialogue session {SessionId} opened for case {CaseId} with {Invitations} invitations")]
    private partial void LogOpened(Guid sessionId, Guid caseId, int invitations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialogue session {SessionId}: invitation {InvitationId} issued")]
    private partial void LogInvited(Guid sessionId, Guid invitationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialogue session {SessionId}: invitation {OldInvitationId} replaced by {InvitationId}")]
    private partial void LogReissued(Guid sessionId, Guid oldInvitationId, Guid invitationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialogue session {SessionId}: invitation {InvitationId} revoked")]
    private partial void LogRevoked(Guid sessionId, Guid invitationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialogue session {SessionId}: guest {ParticipantId} admitted")]
    private partial void LogAdmitted(Guid sessionId, Guid participantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dialogue request refused ({About}): {Reason}")]
    private partial void LogRefused(Guid? about, string reason);
}
