using DaoVien.OnlineReception.Cases.Deadlines;

namespace DaoVien.OnlineReception.Cases.Registry;

/// <summary>A case file (đơn thư) and everything the ward does with it.</summary>
internal sealed class CaseFile
{
    public Guid Id { get; set; }

    /// <summary>Ward-wide number, e.g. 2026-00012.</summary>
    public required string Number { get; set; }

    public CaseKind Kind { get; set; }

    public CaseChannel Channel { get; set; }

    public required string SubjectArea { get; set; }

    /// <summary>What the citizen asks; for a denunciation this is the denunciation content, never published.</summary>
    public required string Summary { get; set; }

    public bool IsGroup { get; set; }

    /// <summary>How many people the letter or group speaks for (a group can be larger than its representatives).</summary>
    public int PeopleCount { get; set; } = 1;

    /// <summary>Complaint: the day the complainant learned of the decision (starts the filing window, Luật Khiếu nại Art. 9).</summary>
    public DateOnly? LearnedOfDecisionOn { get; set; }

    /// <summary>Complaint: the last day of the filing window, computed from <see cref="LearnedOfDecisionOn"/>.</summary>
    public DateOnly? FilingWindowEndsOn { get; set; }

    /// <summary>Denunciation: the initial processing was extended (Luật Tố cáo Art. 24) on this day, for <see cref="InitialProcessingExtensionReason"/>.</summary>
    public DateOnly? InitialProcessingExtendedOn { get; set; }

    public string? InitialProcessingExtensionReason { get; set; }

    public CaseStatus Status { get; set; }

    public ComplaintInstance Instance { get; set; }

    public CaseComplexity Complexity { get; set; }

    public bool IsRemoteArea { get; set; }

    public DateOnly ReceivedOn { get; set; }

    public DateOnly? AcceptedOn { get; set; }

    public Guid? AssigneeId { get; set; }

    public string? RefusalGround { get; set; }

    public string? TransferredTo { get; set; }

    public TransferKind TransferKind { get; set; }

    /// <summary>The ward's letter that sent the file on (số công văn).</summary>
    public string? TransferReference { get; set; }

    public DateOnly? TransferredOn { get; set; }

    /// <summary>Crime referral: what the investigation agency answered, and when (tracked by a deadline).</summary>
    public string? ReferralAnswer { get; set; }

    public DateOnly? ReferralAnsweredOn { get; set; }

    /// <summary>Refusal ground 3 (Luật TCD Art. 9(3)): the written notice that ends handling of a matter already resolved correctly.</summary>
    public string? EndNoticeNumber { get; set; }

    public DateOnly? EndNoticeDate { get; set; }

    public string? GuidedTo { get; set; }

    public string? DecisionNumber { get; set; }

    public DateOnly? DecisionDate { get; set; }

    public DateOnly? ResolvedOn { get; set; }

    public DateOnly? NotifiedOn { get; set; }

    public Guid? BookingId { get; set; }

    public Guid? ReceptionId { get; set; }

    /// <summary>SHA-256 of the citizen's ID number, to find earlier cases; never kept for a denunciation (a 12-digit number is guessable from its hash).</summary>
    public string? CitizenIdHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? CreatedBy { get; set; }

    public uint Version { get; set; }

    public List<CasePerson> Persons { get; set; } = [];

    public List<CaseHistoryEntry> History { get; set; } = [];

    public List<CaseDeadline> Deadlines { get; set; } = [];

    public List<CaseExtension> Extensions { get; set; } = [];

    public List<CaseLink> Links { get; set; } = [];

    public List<CaseDocument> Documents { get; set; } = [];

    public bool IsOpen => Status is not (CaseStatus.Closed or CaseStatus.Resolved or CaseStatus.Refused or CaseStatus.Transferred or CaseStatus.Guided);
}

/// <summary>
/// A person on a case (the citizen, or one of a group's representatives). For a denunciation every identity field
/// is null and <see cref="SealedIdentity"/> holds them sealed with the public key (docs/adr/0004).
/// </summary>
internal sealed class CasePerson
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public int Position { get; set; }

    public bool IsRepresentative { get; set; }

    public string? FullName { get; set; }

    public string? Address { get; set; }

    public string? IdNumber { get; set; }

    public string? Phone { get; set; }

    public string? SealedIdentity { get; set; }

    public string? SealingKeyFingerprint { get; set; }

    public bool IsSealed => SealedIdentity is not null;
}

internal sealed class CaseHistoryEntry
{
    public long Id { get; set; }

    public Guid CaseId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Staff account; null for the system (intake wiring, sweeps).</summary>
    public Guid? ActorId { get; set; }

    public required string ActorName { get; set; }

    public required string Action { get; set; }

    public required string Details { get; set; }
}

internal enum CaseLinkKind
{
    Session = 0,
    Recording = 1,
}

/// <summary>A reception session or recording archive of the realtime module, known here only by id and label.</summary>
internal sealed class CaseLink
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public CaseLinkKind Kind { get; set; }

    public Guid TargetId { get; set; }

    public required string Label { get; set; }

    public DateTimeOffset LinkedAt { get; set; }
}

/// <summary>A document in the file (register entry: title, reference, date); the paper or scan is kept by the office.</summary>
internal sealed class CaseDocument
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public required string Title { get; set; }

    public string? Reference { get; set; }

    public DateOnly DocumentDate { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public Guid? AddedBy { get; set; }
}
