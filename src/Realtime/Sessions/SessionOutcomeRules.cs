namespace DaoVien.OnlineReception.Realtime.Sessions;

/// <summary>What is wrong with an outcome someone submitted (nothing is stored when there is an error).</summary>
internal enum OutcomeInputError
{
    /// <summary>Unknown outcome or ground, a refusal without one of the Art. 9 grounds, or a ground on another outcome.</summary>
    GroundMismatch,

    /// <summary>The note is longer than <see cref="SessionOutcomeRules.MaxNoteLength"/>.</summary>
    NoteTooLong,
}

/// <summary>
/// The one validation of a session's outcome, shared by the console's end form (hub <c>EndSession</c>) and the late
/// outcome of a crashed session, so both accept exactly the same choices.
/// </summary>
internal static class SessionOutcomeRules
{
    /// <summary>Same as the <c>outcome_note</c> column.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>
    /// The note of an outcome recorded after a crash: shorter, so the remark that the reception was interrupted still
    /// fits beside it in the reception book's notes (2000 characters there too).
    /// </summary>
    public const int MaxLateNoteLength = 1800;

    public static OutcomeInputError? Check(SessionOutcome outcome, RefusalGround? ground, string? note, int maxNoteLength = MaxNoteLength)
    {
        if (!Enum.IsDefined(outcome) || (ground is { } g && !Enum.IsDefined(g)) || (outcome == SessionOutcome.Refused) != (ground is not null))
        {
            return OutcomeInputError.GroundMismatch;
        }

        return NormalizeNote(note) is { } normalized && normalized.Length > maxNoteLength ? OutcomeInputError.NoteTooLong : null;
    }

    /// <summary>The note as stored: trimmed, null when blank.</summary>
    public static string? NormalizeNote(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
