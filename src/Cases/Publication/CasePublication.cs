namespace DaoVien.OnlineReception.Cases.Publication;

/// <summary>
/// The public text of a resolved complaint or petition, written by staff in a redaction review; shown on the public
/// results page only once approved. Denunciations never get one (the database refuses it too).
/// </summary>
internal sealed class CasePublication
{
    public Guid CaseId { get; set; }

    public required string CaseNumber { get; set; }

    public Registry.CaseKind Kind { get; set; }

    public required string SubjectArea { get; set; }

    public required string PublicText { get; set; }

    public string? DecisionNumber { get; set; }

    public DateOnly? DecisionDate { get; set; }

    public bool IsApproved { get; set; }

    public Guid? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
