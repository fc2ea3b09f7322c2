namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

/// <summary>A published reception day (regular from a rule, or ad hoc), with its local times and instants.</summary>
internal sealed class ReceptionDay
{
    public Guid Id { get; set; }

    public DateOnly Date { get; set; }

    public TimeOnly StartTime { get; set; }

    public TimeOnly EndTime { get; set; }

    /// <summary>UTC instant of <see cref="Date"/> + <see cref="StartTime"/> in the ward's zone.</summary>
    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public ReceptionDayKind Kind { get; set; }

    /// <summary>The rule that produced a regular day.</summary>
    public Guid? RuleId { get; set; }

    /// <summary>The rule's own date for a regular day (unique per rule: publishing twice adds nothing).</summary>
    public DateOnly? RuleDate { get; set; }

    /// <summary>Where the day was before a holiday or staff moved it; null when it never moved.</summary>
    public DateOnly? MovedFrom { get; set; }

    /// <summary>Why an ad-hoc day was added, or why a day was moved.</summary>
    public string? Reason { get; set; }

    public Guid? PresidingOfficialId { get; set; }

    /// <summary>Name shown publicly: the official's name, or the role's title while no account presides.</summary>
    public required string PresidingName { get; set; }

    public required string Place { get; set; }

    public bool Online { get; set; }

    public int SlotMinutes { get; set; }

    public int Capacity { get; set; }

    /// <summary>
    /// The official the day was published for, while another presides in their place (docs/adr/0083): the calendar
    /// shows "X (thay Y)". Null when the day was never handed over, or was handed back to them.
    /// </summary>
    public Guid? SubstituteForOfficialId { get; set; }

    /// <summary>Name of <see cref="SubstituteForOfficialId"/> as the calendar showed it (or the role's title).</summary>
    public string? SubstituteForName { get; set; }

    /// <summary>Sign-in name of whoever last handed the day to another presiding official.</summary>
    public string? DelegatedBy { get; set; }

    public DateTimeOffset? DelegatedAt { get; set; }

    /// <summary>Why the day was last handed over (e.g. the chairman fell ill).</summary>
    public string? DelegationReason { get; set; }

    public ReceptionDayStatus Status { get; set; }

    public string? CancelReason { get; set; }

    public DateTimeOffset PublishedAt { get; set; }
}

internal enum ReceptionDayKind
{
    Regular = 0,
    AdHoc = 1,
}

internal enum ReceptionDayStatus
{
    Published = 0,
    Cancelled = 1,
}
