using System.Globalization;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Scheduling.WorkingDays;

namespace DaoVien.OnlineReception.Cases.Deadlines;

/// <summary>What a deadline counts: working days (Mon–Fri minus holidays) or calendar days.</summary>
internal enum DayCount
{
    Working = 0,
    Calendar = 1,
}

/// <summary>One deadline a case owes, before it is placed on the calendar.</summary>
internal sealed record DeadlineSpec(DeadlineKind Kind, DateOnly Start, int Days, DayCount Count, int ExtensionDays, string Law);

/// <summary>The facts of a case the deadline rules depend on.</summary>
internal sealed record DeadlineFacts(
    CaseKind Kind,
    ComplaintInstance Instance,
    CaseComplexity Complexity,
    bool IsRemoteArea,
    bool IsReception,
    DateOnly ReceivedOn,
    DateOnly? AcceptedOn,
    IReadOnlyList<int> ExtensionDays);

/// <summary>
/// The deadline table of docs/domain.md as code: which deadlines a case owes, from which date, how many days of which kind.
/// Pure: the calendar is passed in, so tests run it over any set of holidays.
/// </summary>
internal static class DeadlinePlanner
{
    public static IReadOnlyList<DeadlineSpec> Plan(DeadlineFacts facts, DeadlineOptions o)
    {
        var specs = new List<DeadlineSpec>();
        if (facts.IsReception)
        {
            specs.Add(new(DeadlineKind.ReceptionReply, facts.ReceivedOn, o.ReceptionReplyWorkingDays, DayCount.Working, 0, "Luật Tiếp công dân 2013 Điều 28(1)"));
        }

        switch (facts.Kind)
        {
            case CaseKind.Complaint:
                specs.Add(new(DeadlineKind.Acceptance, facts.ReceivedOn, o.ComplaintAcceptanceDays,
                    o.ComplaintAcceptanceInWorkingDays ? DayCount.Working : DayCount.Calendar, 0, "Luật Khiếu nại 2011 Điều 27"));
                if (facts.AcceptedOn is { } accepted)
                {
                    var complex = facts.Complexity != CaseComplexity.Normal;
                    var (days, law) = (facts.Instance, facts.IsRemoteArea, complex) switch
                    {
                        (ComplaintInstance.First, false, false) => (o.ComplaintFirstInstanceDays, "Luật Khiếu nại 2011 Điều 28"),
                        (ComplaintInstance.First, false, true) => (o.ComplaintFirstInstanceComplexDays, "Luật Khiếu nại 2011 Điều 28 (vụ việc phức tạp)"),
                        (ComplaintInstance.First, true, false) => (o.ComplaintFirstInstanceRemoteDays, "Luật Khiếu nại 2011 Điều 28 (vùng sâu, vùng xa)"),
                        (ComplaintInstance.First, true, true) => (o.ComplaintFirstInstanceRemoteComplexDays, "Luật Khiếu nại 2011 Điều 28 (vùng sâu, vùng xa, phức tạp)"),
                        (_, false, false) => (o.ComplaintSecondInstanceDays, "Luật Khiếu nại 2011 Điều 37"),
                        (_, false, true) => (o.ComplaintSecondInstanceComplexDays, "Luật Khiếu nại 2011 Điều 37 (vụ việc phức tạp)"),
                        (_, true, false) => (o.ComplaintSecondInstanceRemoteDays, "Luật Khiếu nại 2011 Điều 37 (vùng sâu, vùng xa)"),
                        (_, true, true) => (o.ComplaintSecondInstanceRemoteComplexDays, "Luật Khiếu nại 2011 Điều 37 (vùng sâu, vùng xa, phức tạp)"),
                    };
                    specs.Add(new(DeadlineKind.Resolution, accepted, days, DayCount.Calendar, 0, law));
                }

                break;
            case CaseKind.Denunciation:
                specs.Add(new(DeadlineKind.Acceptance, facts.ReceivedOn, o.DenunciationInitialProcessingWorkingDays, DayCount.Working, 0, "Luật Tố cáo 2018 Điều 24"));
                if (facts.AcceptedOn is { } acceptedOn)
                {
                    specs.Add(new(DeadlineKind.Notification, acceptedOn, o.DenunciationNotifyWorkingDays, DayCount.Working, 0, "Luật Tố cáo 2018 Điều 29"));
                    specs.Add(new(DeadlineKind.Resolution, acceptedOn, o.DenunciationResolutionDays, DayCount.Calendar, facts.ExtensionDays.Sum(), "Luật Tố cáo 2018 Điều 30"));
                }

                break;
            default:
                specs.Add(new(DeadlineKind.Acceptance, facts.ReceivedOn, o.PetitionAcceptanceWorkingDays, DayCount.Working, 0, "Thông tư 05/2021/TT-TTCP"));
                if (facts.AcceptedOn is { } from)
                {
                    specs.Add(new(DeadlineKind.Resolution, from, o.PetitionHandlingDays, DayCount.Calendar, 0, "Thông tư 05/2021/TT-TTCP (thời hạn do cơ quan xử lý ấn định)"));
                }

                break;
        }

        return specs;
    }

    /// <summary>Places a deadline on the calendar; the start day itself is not counted.</summary>
    public static DateOnly Due(DeadlineSpec spec, WorkingCalendar calendar, bool shiftCalendarDeadline)
    {
        if (spec.Count == DayCount.Working)
        {
            return calendar.AddWorkingDays(spec.Start, spec.Days + spec.ExtensionDays);
        }

        var due = spec.Start.AddDays(spec.Days + spec.ExtensionDays);
        return shiftCalendarDeadline ? calendar.OnOrNextWorkingDay(due) : due;
    }

    /// <summary>The rule in words, stored with the deadline so a reader sees why it falls on that date.</summary>
    public static string Describe(DeadlineSpec spec, DateOnly due)
    {
        var unit = spec.Count == DayCount.Working ? "ngày làm việc" : "ngày";
        var text = string.Create(CultureInfo.InvariantCulture, $"{spec.Law}: {spec.Days} {unit} kể từ {spec.Start:dd/MM/yyyy}");
        if (spec.ExtensionDays > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", gia hạn thêm {spec.ExtensionDays} ngày");
        }

        if (spec.Count == DayCount.Calendar && due != spec.Start.AddDays(spec.Days + spec.ExtensionDays))
        {
            text += " (ngày cuối rơi vào ngày nghỉ, chuyển sang ngày làm việc tiếp theo — BLDS 2015 Điều 148)";
        }

        return text + string.Create(CultureInfo.InvariantCulture, $" → hạn {due:dd/MM/yyyy}");
    }

    /// <summary>How many extensions a denunciation of that complexity may have (Luật Tố cáo Art. 30).</summary>
    public static int MaxExtensions(CaseComplexity complexity, DeadlineOptions o) => complexity switch
    {
        CaseComplexity.Complex => o.DenunciationComplexMaxExtensions,
        CaseComplexity.EspeciallyComplex => o.DenunciationEspeciallyComplexMaxExtensions,
        _ => 0,
    };
}
