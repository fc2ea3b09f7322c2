using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;

namespace DaoVien.OnlineReception.Cases.ReceptionBook;

/// <summary>
/// One reception of a citizen (online session or in person): a line of the reception book (Form 03,
/// Thông tư 04/2021/TT-TTCP). For a denunciation the identity columns are null and <see cref="SealedIdentity"/> holds them.
/// </summary>
internal sealed class ReceptionEntry
{
    public Guid Id { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Local (ward) date of the reception: the book is kept by day.</summary>
    public DateOnly Date { get; set; }

    public CaseChannel Channel { get; set; }

    public CaseKind Kind { get; set; }

    public string? CitizenName { get; set; }

    public string? CitizenAddress { get; set; }

    public string? CitizenIdNumber { get; set; }

    /// <summary>The first citizen's phone as given (not a column of the printed book; the case file it opens needs it).</summary>
    public string? CitizenPhone { get; set; }

    public string? SealedIdentity { get; set; }

    public string? CitizenIdHash { get; set; }

    public required string Content { get; set; }

    public required string SubjectArea { get; set; }

    public int PeopleCount { get; set; }

    public string? PreviouslyHandledBy { get; set; }

    public ReceptionOutcome Outcome { get; set; }

    public ReceptionRefusalGround? RefusalGround { get; set; }

    public string? GuidedTo { get; set; }

    public string? FollowUp { get; set; }

    public string? Notes { get; set; }

    public Guid? SessionId { get; set; }

    public Guid? BookingId { get; set; }

    public Guid? CaseId { get; set; }

    public Guid? RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public bool IsSealed => SealedIdentity is not null;
}
