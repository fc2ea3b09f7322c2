using System.Globalization;
using System.Security.Claims;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using DaoVien.OnlineReception.Scheduling.ReceptionRules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Web.Pages.Office.Rules;

[Authorize(Roles = SchedulingModule.OfficeRoles)]
internal sealed class IndexModel(
    SchedulingDbContext db,
    ReceptionDayPublisher publisher,
    RecordingSwitch recording,
    IStaffDirectory staff,
    WardClock clock,
    IOptions<SchedulingOptions> options,
    IStringLocalizer<SchedulingResource> s,
    IStringLocalizer<RecordingsResource> recordingText,
    ILogger<IndexModel> logger) : PageModel
{
    /// <summary>How many changes of the recording switch the page lists.</summary>
    public const int SwitchLogRows = 200;

    public IReadOnlyList<ReceptionRule> Rules { get; private set; } = [];

    public IReadOnlyList<StaffMember> Officials { get; private set; } = [];

    public IReadOnlyList<RecordingSwitchChange> SwitchLog { get; private set; } = [];

    /// <summary>Only the Chairman switches recording (docs/adr/0082); everyone else sees the state and the log.</summary>
    public bool MaySwitchRecording => User.IsInRole(RecordingSwitch.Role);

    public TimeZoneInfo Zone => clock.Zone;

    public int WeeksAhead => options.Value.PublishWeeksAhead;

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(RuleInput input, CancellationToken cancellationToken)
    {
        if (!TimeOnly.TryParseExact(input.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(input.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            || input.ValidFrom is not { } from
            || end <= start || string.IsNullOrWhiteSpace(input.Name) || string.IsNullOrWhiteSpace(input.Place)
            || input.SlotMinutes is < 5 or > 240 || input.Capacity is < 1 or > 100
            || (input.Recurrence == RecurrenceKind.MonthlyDayOfMonth && input.DayOfMonth is not (>= 1 and <= 31))
            || (input.Recurrence == RecurrenceKind.MonthlyNthWeekday && input.WeekOfMonth is not (>= 1 and <= 4 or -1)))
        {
            return await FailAsync(SchedulingErrorText.BadDateTime, cancellationToken);
        }

        if (!input.RecordSessions && !MaySwitchRecording)
        {
            LogRefused("create an unrecorded rule");
            return await FailAsync(recordingText["Rules.OnlyChairman"], cancellationToken);
        }

        var to = input.ValidTo;
        var rule = new ReceptionRule
        {
            Id = Guid.CreateVersion7(),
            Name = input.Name.Trim(),
            Recurrence = input.Recurrence,
            DayOfWeek = input.Recurrence == RecurrenceKind.MonthlyDayOfMonth ? null : input.DayOfWeek,
            DayOfMonth = input.Recurrence == RecurrenceKind.MonthlyDayOfMonth ? input.DayOfMonth : null,
            WeekOfMonth = input.Recurrence == RecurrenceKind.MonthlyNthWeekday ? input.WeekOfMonth : null,
            StartTime = start,
            EndTime = end,
            PresidingOfficialId = input.Official,
            PresidingRole = input.Official is null ? StaffRoles.Chairman : null,
            Place = input.Place.Trim(),
            Online = true,
            SlotMinutes = input.SlotMinutes,
            Capacity = input.Capacity,
            ValidFrom = from,
            ValidTo = to,
            RecordSessions = input.RecordSessions,
            UpdatedAt = clock.UtcNow,
        };
        db.ReceptionRules.Add(rule);
        if (!rule.RecordSessions)
        {
            recording.LogCreatedUnrecorded(rule, StaffId, StaffName);
        }

        await db.SaveChangesAsync(cancellationToken);
        Message = s["Office.Done"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPresidingAsync(Guid id, Guid? official, CancellationToken cancellationToken)
    {
        await db.ReceptionRules.Where(r => r.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.PresidingOfficialId, official)
            .SetProperty(r => r.PresidingRole, official == null ? StaffRoles.Chairman : null)
            .SetProperty(r => r.UpdatedAt, clock.UtcNow), cancellationToken);
        Message = s["Office.Done"];
        return RedirectToPage();
    }

    /// <summary>Turns recording of the rule's online sessions on or off (applies to sessions admitted from now on).</summary>
    public async Task<IActionResult> OnPostRecordingAsync(Guid id, bool record, CancellationToken cancellationToken)
    {
        // Razor Pages cannot authorize one handler by attribute: the page admits every office role, this handler one.
        if (!MaySwitchRecording)
        {
            LogRefused("switch recording");
            return Forbid();
        }

        if (!await recording.SetAsync(id, record, StaffId, StaffName, cancellationToken))
        {
            return NotFound();
        }

        Message = s["Office.Done"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken)
    {
        await db.ReceptionRules.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.IsActive, false).SetProperty(r => r.UpdatedAt, clock.UtcNow), cancellationToken);
        Message = s["Office.Done"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        var result = await publisher.PublishAheadAsync(cancellationToken);
        Message = s["Office.Rules.Published", result.Added, result.MeetingsFlagged];
        return RedirectToPage();
    }

    public string Official(ReceptionRule rule) =>
        rule.PresidingOfficialId is { } id ? Officials.FirstOrDefault(o => o.Id == id)?.FullName ?? id.ToString() : s["Office.Rules.RoleOnly"];

    private async Task<IActionResult> FailAsync(string message, CancellationToken cancellationToken)
    {
        Error = message;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private Guid? StaffId => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private string StaffName => User.Identity?.Name ?? "?";

    private void LogRefused(string what) =>
        logger.LogWarning("Refused: {UserName} may not {Action} (Chairman only)", StaffName, what);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        SwitchLog = await recording.RecentAsync(SwitchLogRows, cancellationToken);
        Rules = await db.ReceptionRules.AsNoTracking().OrderByDescending(r => r.IsActive).ThenBy(r => r.Name).ToListAsync(cancellationToken);
        Officials = await staff.ListPresidingAsync(cancellationToken);
    }

    internal sealed class RuleInput
    {
        public string? Name { get; set; }

        public RecurrenceKind Recurrence { get; set; }

        public DayOfWeek DayOfWeek { get; set; } = DayOfWeek.Thursday;

        public int? DayOfMonth { get; set; }

        public int? WeekOfMonth { get; set; }

        public string? Start { get; set; }

        public string? End { get; set; }

        public Guid? Official { get; set; }

        public string? Place { get; set; }

        public int SlotMinutes { get; set; } = 20;

        public int Capacity { get; set; } = 12;

        public DateOnly? ValidFrom { get; set; }

        public DateOnly? ValidTo { get; set; }

        /// <summary>Checkbox followed by a hidden "false": the first value wins, so unchecked posts false.</summary>
        public bool RecordSessions { get; set; } = true;
    }
}
