using DaoVien.OnlineReception.Scheduling.Bookings;

namespace DaoVien.OnlineReception.Realtime.Sessions;

internal enum SessionState
{
    Open = 0,
    Ended = 1,

    /// <summary>
    /// Left open by a crash of the app and closed at the next start: it has an end time but no outcome (nobody
    /// decided one), so it does not enter the reception book on a guess. The presiding official (or an Admin) records
    /// the outcome later (<see cref="CrashedSessionOutcomes"/>); the state stays Crashed so the record shows the interruption.
    /// </summary>
    Crashed = 2,
}

/// <summary>One online reception: a citizen's booking admitted by the presiding official, an ad-hoc reception, or a dialogue held for a group case.</summary>
internal sealed class ReceptionSession
{
    public Guid Id { get; set; }

    /// <summary>The booking admitted; null for an ad-hoc reception.</summary>
    public Guid? BookingId { get; set; }

    public DateOnly ReceptionDate { get; set; }

    public Guid PresidingOfficialId { get; set; }

    public SessionState State { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public SessionOutcome? Outcome { get; set; }

    public RefusalGround? RefusalGround { get; set; }

    public string? OutcomeNote { get; set; }

    /// <summary>
    /// Who recorded the outcome of a <see cref="SessionState.Crashed"/> session after the fact (its presiding official or
    /// an Admin); null for a session ended from the console, whose outcome the presiding official gave at the end.
    /// </summary>
    public Guid? OutcomeRecordedBy { get; set; }

    /// <summary>When that late outcome was recorded (UTC).</summary>
    public DateTimeOffset? OutcomeRecordedAt { get; set; }

    /// <summary>The Janus VideoRoom number (numeric room ids in Janus); recreated with the same number after a restart.</summary>
    public long RoomId { get; set; }

    /// <summary>Per-room secret (destroy, moderate, kick); never sent to a browser.</summary>
    public string RoomSecret { get; set; } = "";

    /// <summary>SHA-256 of the one-time join link of an ad-hoc reception.</summary>
    public string? AdHocTokenHash { get; set; }

    public bool AdHocTokenUsed { get; set; }

    /// <summary>The matter an ad-hoc reception is about, chosen by the presiding official when opening it; null for a booked session (the booking has it).</summary>
    public MatterKind? AdHocKind { get; set; }

    /// <summary>Why the ad-hoc reception is held (the presiding official's words); null for a booked session.</summary>
    public string? AdHocReason { get; set; }

    /// <summary>A dialogue session's case (Cases module) and its number; null for every other session (docs/adr/0088).</summary>
    public Guid? DialogueCaseId { get; set; }

    public string? DialogueCaseNumber { get; set; }

    /// <summary>The dialogue case's kind; never a denunciation (a check constraint says so too).</summary>
    public MatterKind? DialogueKind { get; set; }

    /// <summary>What the dialogue is about, in the presiding official's words.</summary>
    public string? DialogueSubject { get; set; }

    public List<Participant> Participants { get; } = [];
}
