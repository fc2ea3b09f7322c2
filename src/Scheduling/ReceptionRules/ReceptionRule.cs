namespace DaoVien.OnlineReception.Scheduling.ReceptionRules;

/// <summary>
/// A recurring reception kept by staff: weekly on a weekday, or monthly on a day of the month or the n-th weekday.
/// The presiding official is an account when staff picked one; until then the rule names the role
/// (<see cref="PresidingRole"/>) and publishing resolves it to the active account holding that role, if any.
/// </summary>
internal sealed class ReceptionRule
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public RecurrenceKind Recurrence { get; set; }

    /// <summary>Weekday for <see cref="RecurrenceKind.Weekly"/> and <see cref="RecurrenceKind.MonthlyNthWeekday"/>.</summary>
    public DayOfWeek? DayOfWeek { get; set; }

    /// <summary>1–31 for <see cref="RecurrenceKind.MonthlyDayOfMonth"/> (a month without that day is skipped).</summary>
    public int? DayOfMonth { get; set; }

    /// <summary>1–4, or -1 for the last, for <see cref="RecurrenceKind.MonthlyNthWeekday"/>.</summary>
    public int? WeekOfMonth { get; set; }

    public TimeOnly StartTime { get; set; }

    public TimeOnly EndTime { get; set; }

    public Guid? PresidingOfficialId { get; set; }

    /// <summary>Role whose active holder presides while no account is picked (the default rule: Chairman).</summary>
    public string? PresidingRole { get; set; }

    public required string Place { get; set; }

    public bool Online { get; set; } = true;

    public int SlotMinutes { get; set; }

    /// <summary>How many slots of the day citizens may book online (the first ones); the rest stay for walk-ins.</summary>
    public int Capacity { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Whether online sessions of this rule's days are recorded (evidence); on unless staff turn it off.</summary>
    public bool RecordSessions { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }
}

internal enum RecurrenceKind
{
    Weekly = 0,
    MonthlyDayOfMonth = 1,
    MonthlyNthWeekday = 2,
}
