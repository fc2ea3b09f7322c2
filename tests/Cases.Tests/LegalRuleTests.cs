using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Scheduling.Representation;
using DaoVien.OnlineReception.Scheduling.WorkingDays;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>Issue 14 item 7: the rules DOMAIN.md lists that were not encoded, as tables over their settings.</summary>
public sealed class LegalRuleTests
{
    private static readonly DateOnly[] Holidays2026 = [D("2026-04-30"), D("2026-05-01")];

    public static TheoryData<int, int> Representatives => new()
    {
        // people in the group → most representatives (NĐ 124/2020 Art. 7)
        { 1, 1 },
        { 4, 4 },
        { 5, 2 },
        { 10, 2 },
        { 11, 5 },
        { 300, 5 },
    };

    [Theory]
    [MemberData(nameof(Representatives))]
    public void MaxFor_GroupSize_FollowsDecree124(int people, int expected)
    {
        var rule = new RepresentationOptions();

        Assert.Equal(expected, rule.MaxFor(people));
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"tối đa {expected} người đại diện"), rule.Describe(people), StringComparison.Ordinal);
    }

    [Fact]
    public void MaxFor_LowerSessionCap_AlsoCapsSmallGroups()
    {
        var rule = new RepresentationOptions { MaxRepresentatives = 3, SmallGroupMaxRepresentatives = 2 };

        Assert.Equal(3, rule.MaxFor(4));
        Assert.Equal(3, rule.MaxFor(40));
        Assert.True(rule.IsConsistent);
        Assert.False(new RepresentationOptions { SmallGroupMaxRepresentatives = 6 }.IsConsistent);
    }

    public static TheoryData<string, string, string?, bool, string?> Windows => new()
    {
        // name, received, learned of the decision, late?, last day of the window
        { "90 days end on Sunday 5/4 → Monday 6/4: in time on 6/4", "2026-04-06", "2026-01-05", false, "2026-04-06" },
        { "one day after the window", "2026-04-07", "2026-01-05", true, "2026-04-06" },
        { "90 days end on Saturday 2/5 after 30/4–1/5 → Monday 4/5", "2026-05-04", "2026-02-01", false, "2026-05-04" },
        { "filed the same day", "2026-03-02", "2026-03-02", false, "2026-06-01" },
        { "day of learning unknown: no check", "2026-03-02", null, false, null },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void FilingWindow_Complaint_WarnsAfterNinetyDays(string name, string received, string? learned, bool late, string? lastDay)
    {
        var check = FilingWindow.Check(CaseKind.Complaint, learned is null ? null : D(learned), D(received), new WorkingCalendar(Holidays2026), new DeadlineOptions());

        Assert.True(lastDay is null ? check is null : check?.LastDay == D(lastDay), $"{name}: last day {check?.LastDay}");
        Assert.True((check?.IsLate ?? false) == late, name);
        if (check is not null)
        {
            Assert.StartsWith("Luật Khiếu nại 2011 Điều 9 (thời hiệu khiếu nại): 90 ngày", check.Rule, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(CaseKind.Denunciation)]
    [InlineData(CaseKind.Petition)]
    [InlineData(CaseKind.Feedback)]
    public void FilingWindow_NotAComplaint_DoesNotApply(CaseKind kind) =>
        Assert.Null(FilingWindow.Check(kind, D("2025-01-01"), D("2026-03-02"), new WorkingCalendar([]), new DeadlineOptions()));

    public static TheoryData<string, bool, string, string> InitialProcessing => new()
    {
        // name, extended?, received, due
        { "7 working days over 30/4–1/5", false, "2026-04-28", "2026-05-11" },
        { "extended to 10 working days over 30/4–1/5", true, "2026-04-28", "2026-05-14" },
        { "extended, two weekends", true, "2026-03-02", "2026-03-16" },
    };

    [Theory]
    [MemberData(nameof(InitialProcessing))]
    public void Plan_DenunciationInitialProcessing_SevenOrTenWorkingDays(string name, bool extended, string received, string due)
    {
        var spec = DeadlinePlanner.Plan(new DeadlineFacts(CaseKind.Denunciation, ComplaintInstance.First, CaseComplexity.Normal, false, false, D(received), null, [], extended), new DeadlineOptions())
            .Single(s => s.Kind == DeadlineKind.Acceptance);

        Assert.True(D(due) == DeadlinePlanner.Due(spec, new WorkingCalendar(Holidays2026), true), name);
        Assert.Equal(extended, DeadlinePlanner.Describe(spec, D(due)).Contains("kéo dài do cần xác minh", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-03-02", "2026-03-23")] // 20 days end on Sunday 22/3
    [InlineData("2026-04-10", "2026-05-04")] // 20 days end on 30/4 → after 1/5 and the weekend
    public void Plan_CrimeReferral_TracksTheInvestigationAgencysAnswer(string referred, string due)
    {
        var specs = DeadlinePlanner.Plan(new DeadlineFacts(CaseKind.Complaint, ComplaintInstance.First, CaseComplexity.Normal, false, false, D("2026-03-02"), null, [], CrimeReferredOn: D(referred)), new DeadlineOptions());
        var answer = specs.Single(s => s.Kind == DeadlineKind.ReferralAnswer);

        Assert.Equal(D(due), DeadlinePlanner.Due(answer, new WorkingCalendar(Holidays2026), true));
        Assert.StartsWith("Bộ luật Tố tụng hình sự 2015 Điều 147(1)", answer.Law, StringComparison.Ordinal);
    }

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
