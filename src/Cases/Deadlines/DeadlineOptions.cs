using System.ComponentModel.DataAnnotations;

namespace DaoVien.OnlineReception.Cases.Deadlines;

/// <summary>
/// Every legal time limit of a case (section <c>Cases:Deadlines</c>); defaults and sources in docs/domain.md. Values the
/// sources disagree on are settings so the ward's legal officer can correct them without a release.
/// </summary>
internal sealed class DeadlineOptions
{
    public const string Section = "Cases:Deadlines";

    /// <summary>Luật TCD Art. 28(1): reply after a reception, working days.</summary>
    [Range(1, 60)]
    public int ReceptionReplyWorkingDays { get; set; } = 10;

    /// <summary>Luật Khiếu nại Art. 27: acceptance within 10 days of receipt (DOMAIN: check; default working days).</summary>
    [Range(1, 60)]
    public int ComplaintAcceptanceDays { get; set; } = 10;

    public bool ComplaintAcceptanceInWorkingDays { get; set; } = true;

    /// <summary>Luật Khiếu nại Art. 28: first instance, calendar days from acceptance.</summary>
    [Range(1, 120)]
    public int ComplaintFirstInstanceDays { get; set; } = 30;

    [Range(1, 120)]
    public int ComplaintFirstInstanceComplexDays { get; set; } = 45;

    [Range(1, 120)]
    public int ComplaintFirstInstanceRemoteDays { get; set; } = 45;

    [Range(1, 120)]
    public int ComplaintFirstInstanceRemoteComplexDays { get; set; } = 60;

    /// <summary>Luật Khiếu nại Art. 37: second instance.</summary>
    [Range(1, 120)]
    public int ComplaintSecondInstanceDays { get; set; } = 45;

    [Range(1, 120)]
    public int ComplaintSecondInstanceComplexDays { get; set; } = 60;

    [Range(1, 120)]
    public int ComplaintSecondInstanceRemoteDays { get; set; } = 60;

    [Range(1, 120)]
    public int ComplaintSecondInstanceRemoteComplexDays { get; set; } = 70;

    /// <summary>Luật Tố cáo Art. 24: initial processing of a denunciation letter, working days (DOMAIN: check).</summary>
    [Range(1, 60)]
    public int DenunciationInitialProcessingWorkingDays { get; set; } = 7;

    /// <summary>Luật Tố cáo Art. 29: notify the denouncer after acceptance, working days.</summary>
    [Range(1, 60)]
    public int DenunciationNotifyWorkingDays { get; set; } = 5;

    /// <summary>Luật Tố cáo Art. 30: resolution, calendar days from acceptance.</summary>
    [Range(1, 120)]
    public int DenunciationResolutionDays { get; set; } = 30;

    /// <summary>Luật Tố cáo Art. 30: longest single extension, calendar days.</summary>
    [Range(1, 60)]
    public int DenunciationExtensionMaxDays { get; set; } = 30;

    /// <summary>Extensions allowed for a complex denunciation.</summary>
    [Range(0, 2)]
    public int DenunciationComplexMaxExtensions { get; set; } = 1;

    /// <summary>Extensions allowed for an especially complex denunciation (at most 2: the database enforces it too).</summary>
    [Range(0, 2)]
    public int DenunciationEspeciallyComplexMaxExtensions { get; set; } = 2;

    /// <summary>Petition / feedback: acceptance by the handling agency (Thông tư 05/2021/TT-TTCP, check), working days.</summary>
    [Range(1, 60)]
    public int PetitionAcceptanceWorkingDays { get; set; } = 10;

    /// <summary>Petition / feedback: handling, calendar days from acceptance (set by the handling agency; check).</summary>
    [Range(1, 120)]
    public int PetitionHandlingDays { get; set; } = 30;

    /// <summary>
    /// Bộ luật Dân sự 2015 Art. 148(5): a limit counted in calendar days that ends on a day off ends on the next
    /// working day.
    /// </summary>
    public bool ShiftCalendarDeadlineOffNonWorkingDay { get; set; } = true;
}

/// <summary>When the daily sweep reminds (section <c>Cases:Reminders</c>).</summary>
internal sealed class ReminderOptions
{
    public const string Section = "Cases:Reminders";

    /// <summary>Working days before a deadline at which the assignee is reminded, comma-separated.</summary>
    [Required]
    [RegularExpression(@"^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$")]
    public string WorkingDaysBefore { get; set; } = "5,1";

    /// <summary>Local time (ward zone) of the daily sweep.</summary>
    [Range(typeof(TimeOnly), "00:00", "23:59")]
    public TimeOnly SweepAt { get; set; } = new(6, 30);

    public IReadOnlyList<int> Thresholds => [.. WorkingDaysBefore.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).Distinct().OrderDescending()];
}
