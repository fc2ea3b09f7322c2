using DaoVien.OnlineReception.Realtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Realtime.Sessions;

/// <summary>A session interrupted by a crash of the app that still has no outcome, as the staff page lists it.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="StartedAt">Start (UTC).</param>
/// <param name="EndedAt">When the crash was noticed at the next start (UTC).</param>
/// <param name="PresidingOfficialId">Who presided.</param>
/// <param name="PresidingName">The presiding official's name as shown in the session.</param>
/// <param name="OthersNames">Everyone else who took part (citizens, invited officials), by display name.</param>
internal sealed record InterruptedSession(Guid SessionId, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, Guid PresidingOfficialId, string PresidingName, IReadOnlyList<string> OthersNames);

/// <summary>Why a late outcome was not recorded (nothing was changed).</summary>
internal enum LateOutcomeError
{
    /// <summary>See <see cref="OutcomeInputError.GroundMismatch"/>.</summary>
    GroundMismatch,

    /// <summary>The note is longer than <see cref="SessionOutcomeRules.MaxLateNoteLength"/>.</summary>
    NoteTooLong,

    /// <summary>No such crashed session, or the caller neither presided over it nor is an Admin (the two are not told apart).</summary>
    NotFound,

    /// <summary>Its outcome was recorded already (perhaps a moment ago, by a concurrent submission).</summary>
    AlreadyRecorded,
}

/// <summary>
/// The outcome of a session cut off by a crash (<see cref="SessionState.Crashed"/>), recorded after the fact by its
/// presiding official or an Admin, once: then it enters the reception book like a session ended from the console.
/// </summary>
internal sealed partial class CrashedSessionOutcomes(RealtimeDbContext db, SessionLifecycle lifecycle, TimeProvider time, ILogger<CrashedSessionOutcomes> logger)
{
    /// <summary>Crashed sessions without an outcome, newest first: those <paramref name="presidingOfficialId"/> presided over, or all when null (Admin).</summary>
    public async Task<IReadOnlyList<InterruptedSession>> ListPendingAsync(Guid? presidingOfficialId, CancellationToken cancellationToken)
    {
        var sessions = await Pending(presidingOfficialId).AsNoTracking().OrderByDescending(s => s.StartedAt)
            .Select(s => new { s.Id, s.StartedAt, s.EndedAt, s.PresidingOfficialId }).ToListAsync(cancellationToken);
        var ids = sessions.Select(s => s.Id).ToList();
        var participants = await db.Participants.AsNoTracking()
            .Where(p => p.SessionId != null && ids.Contains(p.SessionId.Value) && p.State != ParticipantState.Waiting && p.State != ParticipantState.Invited)
            .OrderBy(p => p.Role).ThenBy(p => p.CreatedAt)
            .Select(p => new { SessionId = p.SessionId!.Value, p.Role, p.DisplayName }).ToListAsync(cancellationToken);
        return [.. sessions.Select(s =>
        {
            var mine = participants.Where(p => p.SessionId == s.Id).ToList();
            var presiding = mine.FirstOrDefault(p => p.Role == ParticipantRole.Presiding)?.DisplayName ?? "";
            return new InterruptedSession(s.Id, s.StartedAt, s.EndedAt, s.PresidingOfficialId, presiding,
                [.. mine.Where(p => p.Role != ParticipantRole.Presiding).Select(p => p.DisplayName)]);
        })];
    }

    /// <summary>How many crashed sessions without an outcome the official presided over (all when null).</summary>
    public Task<int> CountPendingAsync(Guid? presidingOfficialId, CancellationToken cancellationToken) =>
        Pending(presidingOfficialId).CountAsync(cancellationToken);

    /// <summary>
    /// Records the outcome of crashed session <paramref name="sessionId"/> on behalf of <paramref name="staffId"/>
    /// (who must have presided over it, unless <paramref name="isAdmin"/>), then hands it to every
    /// <see cref="ISessionOutcomeSink"/>. Null on success; otherwise why, and nothing changed.
    /// </summary>
    public async Task<LateOutcomeError?> RecordAsync(Guid sessionId, Guid staffId, bool isAdmin, SessionOutcome outcome, RefusalGround? ground, string? note, CancellationToken cancellationToken)
    {
        switch (SessionOutcomeRules.Check(outcome, ground, note, SessionOutcomeRules.MaxLateNoteLength))
        {
            case OutcomeInputError.GroundMismatch:
                return LateOutcomeError.GroundMismatch;
            case OutcomeInputError.NoteTooLong:
                return LateOutcomeError.NoteTooLong;
        }

        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId && s.State == SessionState.Crashed)
            .Select(s => new { s.PresidingOfficialId, s.Outcome }).SingleOrDefaultAsync(cancellationToken);
        if (session is null || (!isAdmin && session.PresidingOfficialId != staffId))
        {
            return LateOutcomeError.NotFound;
        }

        if (session.Outcome is not null)
        {
            return LateOutcomeError.AlreadyRecorded;
        }

        // Once only, decided by the database: of two submissions at the same moment, the second updates no row.
        var normalized = SessionOutcomeRules.NormalizeNote(note);
        var now = time.GetUtcNow();
        var updated = await db.Sessions
            .Where(s => s.Id == sessionId && s.State == SessionState.Crashed && s.Outcome == null)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Outcome, outcome)
                .SetProperty(s => s.RefusalGround, ground)
                .SetProperty(s => s.OutcomeNote, normalized)
                .SetProperty(s => s.OutcomeRecordedBy, staffId)
                .SetProperty(s => s.OutcomeRecordedAt, now), cancellationToken);
        if (updated == 0)
        {
            return LateOutcomeError.AlreadyRecorded;
        }

        LogRecorded(sessionId, outcome, staffId);
        await lifecycle.NotifyOutcomeSinksAsync(sessionId);
        return null;
    }

    private IQueryable<ReceptionSession> Pending(Guid? presidingOfficialId) =>
        db.Sessions.Where(s => s.State == SessionState.Crashed && s.Outcome == null
            && (presidingOfficialId == null || s.PresidingOfficialId == presidingOfficialId));

    [LoggerMessage(Level = LogLevel.Information, Message = "Outcome {Outcome} of crashed session {SessionId} recorded afterwards by staff {StaffId}")]
    private partial void LogRecorded(Guid sessionId, SessionOutcome outcome, Guid staffId);
}
