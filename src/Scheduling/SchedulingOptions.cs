using System.ComponentModel.DataAnnotations;

namespace DaoVien.OnlineReception.Scheduling;

/// <summary>Calendar and booking settings (section <c>Scheduling</c>); every legal or practical number is named here.</summary>
internal sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How far ahead the publishing job publishes reception days (the plan: published in advance).</summary>
    [Range(1, 52)]
    public int PublishWeeksAhead { get; set; } = 8;

    /// <summary>A reception day on a holiday moves to the next working day (Bắc Ninh practice, kept as a setting: see docs/domain.md).</summary>
    public bool MoveHolidayToNextWorkingDay { get; set; } = true;

    /// <summary>
    /// What a reception day blocks in the presiding official's agenda: the whole day (the plan II.3: no other meeting
    /// on a reception day) or only the reception hours. Enforced by an exclusion constraint either way.
    /// </summary>
    public Meetings.ReceptionDayBlocking ReceptionDayBlocks { get; set; } = Meetings.ReceptionDayBlocking.WholeDay;

    /// <summary>Run the publishing job once at start (so a fresh install shows its calendar at once).</summary>
    public bool PublishOnStart { get; set; } = true;

    /// <summary>At start, add the computed holiday proposals for this year and the next when a year has none.</summary>
    public bool ProposeHolidaysOnStart { get; set; } = true;

    /// <summary>Longest range the calendar API and feed accept.</summary>
    [Range(1, 366)]
    public int MaxQueryDays { get; set; } = 366;

    [Required]
    public DefaultRuleOptions DefaultRule { get; set; } = new();

    [Required]
    public BookingOptions Bookings { get; set; } = new();
}

/// <summary>The rule created on first start when there is none (Luật TCD Art. 15: at least one day every week).</summary>
internal sealed class DefaultRuleOptions
{
    public bool Enabled { get; set; } = true;

    [Required]
    public string Name { get; set; } = "Tiếp công dân định kỳ của Chủ tịch UBND phường";

    public DayOfWeek DayOfWeek { get; set; } = DayOfWeek.Thursday;

    public TimeOnly StartTime { get; set; } = new(7, 30);

    public TimeOnly EndTime { get; set; } = new(11, 30);

    /// <summary>Role presiding until staff pick an account (docs/adr/0010).</summary>
    [Required]
    public string PresidingRole { get; set; } = Kernel.Staff.StaffRoles.Chairman;

    [Required]
    public string Place { get; set; } = "Phòng tiếp công dân, trụ sở UBND phường Đào Viên";

    public bool Online { get; set; } = true;

    [Range(5, 240)]
    public int SlotMinutes { get; set; } = 20;

    [Range(1, 100)]
    public int Capacity { get; set; } = 12;
}

internal sealed class BookingOptions
{
    /// <summary>Largest accepted attachment, in bytes.</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public int MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;

    [Range(0, 10)]
    public int MaxAttachments { get; set; } = 3;

    /// <summary>Look-ups by booking code one client may make per minute.</summary>
    [Range(1, 1000)]
    public int LookupsPerMinute { get; set; } = 10;

    /// <summary>Bookings (API or booking page) one client address may post per minute; the rest get 429.</summary>
    [Range(1, 10000)]
    public int CreatesPerMinute { get; set; } = 5;

    /// <summary>
    /// Active (pending or confirmed, on a day not yet past) bookings one ID number, and one phone number, may hold:
    /// a citizen needs one slot, a few for a family; nobody needs a whole reception day.
    /// </summary>
    [Range(1, 1000)]
    public int MaxActivePerPerson { get; set; } = 2;

    /// <summary>A booking staff have not confirmed within this time expires, freeing its slot (the citizen is told).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan UnconfirmedExpiry { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Path of the citizen's private join link; <c>{token}</c> is replaced (the lobby page is Realtime's).</summary>
    [Required]
    public string JoinPathTemplate { get; set; } = "/Reception/Join?t={token}";
}
