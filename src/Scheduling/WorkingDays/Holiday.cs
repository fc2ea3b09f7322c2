namespace DaoVien.OnlineReception.Scheduling.WorkingDays;

/// <summary>A public holiday or compensatory day off: one row per non-working date.</summary>
internal sealed class Holiday
{
    public Guid Id { get; set; }

    public DateOnly Date { get; set; }

    public required string Name { get; set; }

    public HolidayKind Kind { get; set; }

    /// <summary>False while the date is only the system's proposal; staff confirm or change it.</summary>
    public bool IsConfirmed { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal enum HolidayKind
{
    FixedSolar = 0,
    Lunar = 1,
    Compensatory = 2,
    Other = 3,
}
