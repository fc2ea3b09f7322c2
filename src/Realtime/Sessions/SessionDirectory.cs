using DaoVien.OnlineReception.Realtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Realtime.Sessions;

internal sealed class SessionDirectory(RealtimeDbContext db) : IReceptionSessionDirectory
{
    public Task<ReceptionSessionInfo?> FindAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        LoadAsync(db, sessionId, cancellationToken);

    public async Task<IReadOnlyList<ReceptionSessionInfo>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var ids = await db.Sessions.AsNoTracking().Where(s => s.ReceptionDate >= from && s.ReceptionDate <= to)
            .OrderBy(s => s.StartedAt).Select(s => s.Id).ToListAsync(cancellationToken);
        return await LoadManyAsync(ids, cancellationToken);
    }

    public async Task<IReadOnlyList<ReceptionSessionInfo>> ListForBookingAsync(Guid bookingId, CancellationToken cancellationToken = default)
    {
        var ids = await db.Sessions.AsNoTracking().Where(s => s.BookingId == bookingId)
            .OrderBy(s => s.StartedAt).Select(s => s.Id).ToListAsync(cancellationToken);
        return await LoadManyAsync(ids, cancellationToken);
    }

    public async Task<IReadOnlyList<SessionChatLine>> ChatLogAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        await db.ChatMessages.AsNoTracking().Where(m => m.SessionId == sessionId).OrderBy(m => m.Id)
            .Select(m => new SessionChatLine(m.SentAt, m.AuthorName, m.SealedText != null ? SessionChat.SealedText : m.Text, m.SealedText != null)).ToListAsync(cancellationToken);

    private async Task<IReadOnlyList<ReceptionSessionInfo>> LoadManyAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var list = new List<ReceptionSessionInfo>(ids.Count);
        foreach (var id in ids)
        {
            if (await LoadAsync(db, id, cancellationToken) is { } info)
            {
                list.Add(info);
            }
        }

        return list;
    }

    internal static async Task<ReceptionSessionInfo?> LoadAsync(RealtimeDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        var s = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == sessionId, cancellationToken);
        if (s is null)
        {
            return null;
        }

        var participants = await db.Participants.AsNoTracking()
            .Where(p => p.SessionId == sessionId && p.State != ParticipantState.Invited && p.State != ParticipantState.Waiting)
            // A dialogue's invitee who was never let into the room did not take part (a link opened, then replaced).
            .Where(p => s.DialogueCaseId == null || p.StaffId != null || p.JoinedAt != null)
            .OrderBy(p => p.Role).ThenBy(p => p.CreatedAt)
            .Select(p => new SessionParticipantInfo(p.Id, p.Role, p.StaffId, p.DisplayName, p.JoinedAt, p.LeftAt, p.State == ParticipantState.Removed, p.SealedIdentity, p.Organisation))
            .ToListAsync(cancellationToken);
        var chat = await db.ChatMessages.CountAsync(m => m.SessionId == sessionId, cancellationToken);
        return new ReceptionSessionInfo(s.Id, s.BookingId, s.ReceptionDate, s.PresidingOfficialId, s.StartedAt, s.EndedAt, s.Outcome, s.RefusalGround, s.OutcomeNote, participants, chat,
            Interrupted: s.State == SessionState.Crashed, OutcomeRecordedBy: s.OutcomeRecordedBy,
            AdHoc: s.AdHocKind is { } kind ? new AdHocMatter(kind, s.AdHocReason ?? "") : null,
            Dialogue: s.DialogueCaseId is { } caseId ? new DialogueMatter(caseId, s.DialogueCaseNumber!, s.DialogueKind!.Value, s.DialogueSubject!) : null);
    }
}
