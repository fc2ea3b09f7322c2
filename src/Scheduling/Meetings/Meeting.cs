namespace DaoVien.OnlineReception.Scheduling.Meetings;

/// <summary>Another meeting of an official, booked by staff; refused when it overlaps a reception day or meeting.</summary>
internal sealed class Meeting
{
    public Guid Id { get; set; }

    public Guid OfficialId { get; set; }

    public required string Title { get; set; }

    public string? Place { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Set when a reception day was published over it: the reception day wins, staff must move the meeting.</summary>
    public bool NeedsRescheduling { get; set; }

    public Guid? DisplacedByReceptionDayId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One busy period of an official: a reception day or a meeting. Two exclusion constraints on this table make
/// overlaps impossible, even for concurrent requests: the exact times never overlap (official WITH =, tstzrange WITH
/// &amp;&amp;), and a meeting never overlaps a reception day's wider block (the whole day by default, docs/adr/0061).
/// </summary>
internal sealed class OfficialBusyPeriod
{
    public Guid Id { get; set; }

    public Guid OfficialId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    /// <summary>What the period keeps free of meetings: a meeting's own times; a reception day's whole day or its hours.</summary>
    public DateTimeOffset BlockStartsAt { get; set; }

    public DateTimeOffset BlockEndsAt { get; set; }

    public Guid? ReceptionDayId { get; set; }

    public Guid? MeetingId { get; set; }
}
