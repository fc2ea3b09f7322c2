using DaoVien.OnlineReception.Cases.Registry;

namespace DaoVien.OnlineReception.Cases.Deadlines;

internal enum DeadlineKind
{
    /// <summary>Reply to the citizen after a reception (Luật TCD Art. 28(1)).</summary>
    ReceptionReply = 0,

    /// <summary>Acceptance (thụ lý) of a complaint or petition; initial processing of a denunciation.</summary>
    Acceptance = 1,

    /// <summary>Notify the denouncer after acceptance (Luật Tố cáo Art. 29).</summary>
    Notification = 2,

    /// <summary>Decision on the matter.</summary>
    Resolution = 3,

    /// <summary>Answer of the investigation agency after a crime referral (BLTTHS 2015 Art. 147(1)).</summary>
    ReferralAnswer = 4,
}

/// <summary>A computed deadline, stored with the rule that produced it; recomputed on extension and holiday changes.</summary>
internal sealed class CaseDeadline
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public CaseFile? Case { get; set; }

    public DeadlineKind Kind { get; set; }

    public DateOnly StartDate { get; set; }

    public DateOnly DueDate { get; set; }

    /// <summary>The rule and computation in words, e.g. "Luật Khiếu nại 2011 Điều 27: 10 ngày làm việc kể từ ngày nhận …".</summary>
    public required string Rule { get; set; }

    public DateOnly? CompletedOn { get; set; }

    public DateTimeOffset ComputedAt { get; set; }

    public bool IsOverdueOn(DateOnly today) => CompletedOn is null && today > DueDate;
}

/// <summary>A written extension decision of a denunciation's resolution deadline (Luật Tố cáo Art. 30).</summary>
internal sealed class CaseExtension
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>1 or 2: the database refuses a third (check constraint) and a duplicate (unique index).</summary>
    public int Ordinal { get; set; }

    public int Days { get; set; }

    public required string DecisionNumber { get; set; }

    public DateOnly DecisionDate { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public Guid? RecordedBy { get; set; }
}
