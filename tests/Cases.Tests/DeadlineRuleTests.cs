using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Scheduling.WorkingDays;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>The deadline table of docs/domain.md over weekends, holidays and Tết, with remote-area variants and extensions.</summary>
public sealed class DeadlineRuleTests
{
    // 30/4 (Thu) and 1/5 (Fri) 2026; 2/9 (Wed) national day with 1/9 (Tue) adjacent.
    private static readonly DateOnly[] Holidays2026 = [D("2026-04-30"), D("2026-05-01"), D("2026-09-01"), D("2026-09-02")];

    // Tết Đinh Mùi: lunar new year's day is Saturday 6/2/2027; five weekdays off around it.
    private static readonly DateOnly[] Tet2027 = [D("2027-02-04"), D("2027-02-05"), D("2027-02-08"), D("2027-02-09"), D("2027-02-10")];

    public static TheoryData<string, CaseKind, string, string, bool, string, string?, int[], string, string> Rules => new()
    {
        // name, kind, instance, complexity, remote, received, accepted, extensions, which deadline, expected due
        { "complaint acceptance: 10 working days, two weekends", CaseKind.Complaint, "First", "Normal", false, "2026-03-02", null, [], "Acceptance", "2026-03-16" },
        { "complaint acceptance over Tết", CaseKind.Complaint, "First", "Normal", false, "2027-02-03", null, [], "Acceptance", "2027-02-24" },
        { "denunciation initial processing: 7 working days over 30/4–1/5", CaseKind.Denunciation, "First", "Normal", false, "2026-04-28", null, [], "Acceptance", "2026-05-11" },
        { "petition acceptance: 10 working days", CaseKind.Petition, "First", "Normal", false, "2026-03-02", null, [], "Acceptance", "2026-03-16" },
        { "complaint 1st instance: 30 days", CaseKind.Complaint, "First", "Normal", false, "2026-02-20", "2026-03-02", [], "Resolution", "2026-04-01" },
        { "complaint 1st instance complex: 45 days", CaseKind.Complaint, "First", "Complex", false, "2026-02-20", "2026-03-02", [], "Resolution", "2026-04-16" },
        { "complaint 1st instance remote: 45 days", CaseKind.Complaint, "First", "Normal", true, "2026-02-20", "2026-03-02", [], "Resolution", "2026-04-16" },
        { "complaint 1st instance remote complex: 60 days ends 1/5 → Monday 4/5", CaseKind.Complaint, "First", "Complex", true, "2026-02-20", "2026-03-02", [], "Resolution", "2026-05-04" },
        { "complaint 2nd instance: 45 days", CaseKind.Complaint, "Second", "Normal", false, "2026-02-20", "2026-03-02", [], "Resolution", "2026-04-16" },
        { "complaint 2nd instance complex: 60 days ends 1/5 → 4/5", CaseKind.Complaint, "Second", "Complex", false, "2026-02-20", "2026-03-02", [], "Resolution", "2026-05-04" },
        { "complaint 2nd instance remote: 60 days", CaseKind.Complaint, "Second", "Normal", true, "2026-02-20", "2026-03-02", [], "Resolution", "2026-05-04" },
        { "complaint 2nd instance remote complex: 70 days", CaseKind.Complaint, "Second", "Complex", true, "2026-02-20", "2026-03-02", [], "Resolution", "2026-05-11" },
        { "complaint resolution ending on a Saturday moves to Monday", CaseKind.Complaint, "First", "Normal", false, "2026-02-20", "2026-03-04", [], "Resolution", "2026-04-03" },
        { "complaint resolution over Tết ends on a Tết day → next working day", CaseKind.Complaint, "First", "Normal", false, "2027-01-05", "2027-01-06", [], "Resolution", "2027-02-11" },
        { "denunciation resolution 30 days ends on 2/9 → 3/9", CaseKind.Denunciation, "First", "Normal", false, "2026-07-27", "2026-08-03", [], "Resolution", "2026-09-03" },
        { "denunciation complex + one extension of 30 days", CaseKind.Denunciation, "First", "Complex", false, "2026-02-20", "2026-03-02", [30], "Resolution", "2026-05-04" },
        { "denunciation especially complex + two extensions (90 days) ends Sunday → Monday", CaseKind.Denunciation, "First", "EspeciallyComplex", false, "2026-02-20", "2026-03-02", [30, 30], "Resolution", "2026-06-01" },
        { "denunciation extension of 15 days", CaseKind.Denunciation, "First", "Complex", false, "2026-02-20", "2026-03-02", [15], "Resolution", "2026-04-16" },
        { "denunciation notify: 5 working days", CaseKind.Denunciation, "First", "Normal", false, "2026-03-02", "2026-03-06", [], "Notification", "2026-03-13" },
        { "denunciation notify over 30/4–1/5", CaseKind.Denunciation, "First", "Normal", false, "2026-04-20", "2026-04-29", [], "Notification", "2026-05-08" },
        { "petition handling: 30 days", CaseKind.Feedback, "First", "Normal", false, "2026-02-20", "2026-03-02", [], "Resolution", "2026-04-01" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Due_DomainRule_FallsOnExpectedDate(string name, CaseKind kind, string instanceName, string complexityName, bool remote, string received, string? accepted, int[] extensions, string whichName, string expected)
    {
        var instance = Enum.Parse<ComplaintInstance>(instanceName);
        var complexity = Enum.Parse<CaseComplexity>(complexityName);
        var which = Enum.Parse<DeadlineKind>(whichName);
        var calendar = new WorkingCalendar([.. Holidays2026, .. Tet2027]);
        var specs = DeadlinePlanner.Plan(new DeadlineFacts(kind, instance, complexity, remote, false, D(received), accepted is null ? null : D(accepted), extensions), new DeadlineOptions());
        var spec = specs.Single(s => s.Kind == which);

        var due = DeadlinePlanner.Due(spec, calendar, shiftCalendarDeadline: true);

        Assert.True(D(expected) == due, $"{name}: expected {expected}, got {due:yyyy-MM-dd}");
        Assert.Contains(due.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), DeadlinePlanner.Describe(spec, due), StringComparison.Ordinal);
    }

    [Fact]
    public void Due_ReceptionReply_TenWorkingDaysOverTet()
    {
        var specs = DeadlinePlanner.Plan(new DeadlineFacts(CaseKind.Petition, ComplaintInstance.First, CaseComplexity.Normal, false, true, D("2027-02-03"), null, []), new DeadlineOptions());
        var reply = specs.Single(s => s.Kind == DeadlineKind.ReceptionReply);

        Assert.Equal(D("2027-02-24"), DeadlinePlanner.Due(reply, new WorkingCalendar(Tet2027), true));
        Assert.StartsWith("Luật Tiếp công dân 2013 Điều 28(1): 10 ngày làm việc", DeadlinePlanner.Describe(reply, D("2027-02-24")), StringComparison.Ordinal);
    }

    [Fact]
    public void Due_CalendarDaysWithoutShiftSetting_StaysOnTheHoliday()
    {
        var spec = DeadlinePlanner.Plan(new DeadlineFacts(CaseKind.Complaint, ComplaintInstance.First, CaseComplexity.Complex, true, false, D("2026-02-20"), D("2026-03-02"), []), new DeadlineOptions())
            .Single(s => s.Kind == DeadlineKind.Resolution);

        Assert.Equal(D("2026-05-01"), DeadlinePlanner.Due(spec, new WorkingCalendar(Holidays2026), shiftCalendarDeadline: false));
    }

    [Fact]
    public void Describe_ShiftedDeadline_SaysWhy()
    {
        var spec = new DeadlineSpec(DeadlineKind.Resolution, D("2026-08-03"), 30, DayCount.Calendar, 0, "Luật Tố cáo 2018 Điều 30");

        var text = DeadlinePlanner.Describe(spec, DeadlinePlanner.Due(spec, new WorkingCalendar(Holidays2026), true));

        Assert.Equal("Luật Tố cáo 2018 Điều 30: 30 ngày kể từ 03/08/2026 (ngày cuối rơi vào ngày nghỉ, chuyển sang ngày làm việc tiếp theo — BLDS 2015 Điều 148) → hạn 03/09/2026", text);
    }

    [Fact]
    public void Plan_SettingChanged_UsesTheSetting()
    {
        var options = new DeadlineOptions { ComplaintAcceptanceDays = 10, ComplaintAcceptanceInWorkingDays = false };
        var spec = DeadlinePlanner.Plan(new DeadlineFacts(CaseKind.Complaint, ComplaintInstance.First, CaseComplexity.Normal, false, false, D("2026-03-02"), null, []), options)
            .Single(s => s.Kind == DeadlineKind.Acceptance);

        Assert.Equal(D("2026-03-12"), DeadlinePlanner.Due(spec, new WorkingCalendar([]), true));
    }

    [Theory]
    [InlineData("Normal", 0)]
    [InlineData("Complex", 1)]
    [InlineData("EspeciallyComplex", 2)]
    public void MaxExtensions_ByComplexity_FollowsArticle30(string complexity, int expected) =>
        Assert.Equal(expected, DeadlinePlanner.MaxExtensions(Enum.Parse<CaseComplexity>(complexity), new DeadlineOptions()));

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
