using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>Issue 14 item 7 on real case files: the new rules through the registry, against PostgreSQL.</summary>
public sealed class LegalRuleCaseTests(CasesApp app) : IClassFixture<CasesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ComplaintAfterNinetyDays_IsAcceptedWithAWarningInTheHistory()
    {
        // Learned on 1/9/2025: 90 days end on Sunday 30/11 → Monday 1/12; received 5/1/2026 is 35 days late.
        var (result, file) = await CreateAsync(new NewCase(CaseKind.Complaint, CaseChannel.Post, "Đất đai", "Khiếu nại quyết định thu hồi đất", app.Today,
            [TestData.Person("Trần Thị B")], false, null, LearnedOfDecisionOn: new DateOnly(2025, 9, 1)));

        Assert.True(result.Succeeded, result.Error);
        var after = await app.LoadAsync(file!.Id);
        Assert.Equal(new DateOnly(2025, 12, 1), after.FilingWindowEndsOn);
        var warning = Assert.Single(after.History, h => h.Action == "FilingWindowWarning");
        Assert.Contains("quá thời hiệu khiếu nại 35 ngày", warning.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ComplaintInTime_HasNoWarning()
    {
        var (result, file) = await CreateAsync(new NewCase(CaseKind.Complaint, CaseChannel.Post, "Đất đai", "Khiếu nại", app.Today,
            [TestData.Person("Lê Văn C")], false, null, LearnedOfDecisionOn: app.Today.AddDays(-10)));

        Assert.True(result.Succeeded, result.Error);
        var after = await app.LoadAsync(file!.Id);
        Assert.Equal(app.Today.AddDays(80), after.FilingWindowEndsOn);
        Assert.DoesNotContain(after.History, h => h.Action == "FilingWindowWarning");
    }

    [Fact]
    public async Task Create_LearnedAfterReceipt_IsRefused() =>
        Assert.Equal(CaseErrors.LearnedAfterReceipt, (await CreateAsync(new NewCase(CaseKind.Complaint, CaseChannel.Post, "Đất đai", "Khiếu nại", app.Today.AddDays(-3),
            [TestData.Person("Lê Văn C")], false, null, LearnedOfDecisionOn: app.Today))).Result.Error);

    [Theory]
    [InlineData(7, 2, null)]
    [InlineData(7, 3, CaseErrors.TooManyRepresentatives)]
    [InlineData(12, 5, null)]
    [InlineData(12, 6, CaseErrors.TooManyRepresentatives)]
    [InlineData(3, 3, null)]
    [InlineData(2, 3, CaseErrors.PeopleCount)]
    public async Task Create_GroupRepresentatives_FollowDecree124AndRefusalsChangeNothing(int people, int named, string? error)
    {
        var before = await CountAsync();
        var persons = Enumerable.Range(1, named).Select(i => new Intake.ReceptionParticipant("Người đại diện " + i, null, null, null, true)).ToArray();

        var (result, file) = await CreateAsync(new NewCase(CaseKind.Petition, CaseChannel.Post, "Môi trường", "Kiến nghị tập thể", app.Today, persons, true, null, PeopleCount: people));

        Assert.Equal(error, result.Error);
        Assert.Equal(before + (error is null ? 1 : 0), await CountAsync());
        if (error is null)
        {
            Assert.Equal(people, (await app.LoadAsync(file!.Id)).PeopleCount);
        }
    }

    [Fact]
    public async Task ExtendInitialProcessing_Denunciation_MovesSevenToTenWorkingDaysOnceWithItsReason()
    {
        var file = await app.CreateAsync(CaseKind.Denunciation);
        var initial = (await app.LoadAsync(file.Id)).Deadlines.Single(d => d.Kind == DeadlineKind.Acceptance).DueDate;

        Assert.Equal(CaseErrors.ReasonRequired, (await ExtendInitialAsync(file.Id, " ")).Error);
        var result = await ExtendInitialAsync(file.Id, "Cần xác minh địa chỉ người bị tố cáo");
        var again = await ExtendInitialAsync(file.Id, "Lần hai");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(CaseErrors.InitialExtensionNotAllowed, again.Error);
        var after = await app.LoadAsync(file.Id);
        var acceptance = after.Deadlines.Single(d => d.Kind == DeadlineKind.Acceptance);
        // Monday 5/1/2026: 7 working days → Wednesday 14/1, 10 → Monday 19/1.
        Assert.Equal(new DateOnly(2026, 1, 14), initial);
        Assert.Equal(new DateOnly(2026, 1, 19), acceptance.DueDate);
        Assert.Contains("kéo dài do cần xác minh", acceptance.Rule, StringComparison.Ordinal);
        Assert.Equal(app.Today, after.InitialProcessingExtendedOn);
        var entry = Assert.Single(after.History, h => h.Action == "InitialExtended");
        Assert.Contains("7 → 10 ngày làm việc, hạn 14/01/2026 → 19/01/2026. Lý do: Cần xác minh", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtendInitialProcessing_NotADenunciation_IsRefused()
    {
        var file = await app.CreateAsync(CaseKind.Complaint);

        Assert.Equal(CaseErrors.ExtensionNotDenunciation, (await ExtendInitialAsync(file.Id, "Cần xác minh")).Error);
        Assert.Null((await app.LoadAsync(file.Id)).InitialProcessingExtendedOn);
    }

    [Fact]
    public async Task Refuse_AlreadyResolvedCorrectly_NeedsTheWrittenNoticeWhichJoinsTheFile()
    {
        var file = await app.CreateAsync(CaseKind.Complaint);
        Assert.True((await app.MoveAsync(file.Id, new Transition(CaseStatus.Classified))).Succeeded);
        var refusal = new Transition(CaseStatus.Refused, RefusalGround: "Vụ việc đã được giải quyết đúng pháp luật, đã rà soát", AlreadyResolvedCorrectly: true);

        var withoutNotice = await app.MoveAsync(file.Id, refusal);
        Assert.Equal(CaseErrors.EndNoticeRequired, withoutNotice.Error);
        Assert.Equal(CaseStatus.Classified, (await app.LoadAsync(file.Id)).Status);

        var result = await app.MoveAsync(file.Id, refusal with { Reference = "07/TB-UBND", Date = app.Today });

        Assert.True(result.Succeeded, result.Error);
        var after = await app.LoadAsync(file.Id);
        Assert.Equal(CaseStatus.Refused, after.Status);
        Assert.Equal("07/TB-UBND", after.EndNoticeNumber);
        var notice = Assert.Single(after.Documents);
        Assert.Equal(CaseRegistry.EndNoticeTitle, notice.Title);
        Assert.Equal("07/TB-UBND", notice.Reference);
        Assert.Contains(after.History, h => h.Details.Contains("Luật Tiếp công dân 2013 Điều 9 khoản 3", StringComparison.Ordinal));
    }

    private async Task<(CaseResult Result, CaseFile? File)> CreateAsync(NewCase input) =>
        await WithRegistryAsync(r => r.CreateAsync(input, CaseActor.System, Ct));

    private Task<CaseResult> ExtendInitialAsync(Guid id, string reason) =>
        WithRegistryAsync(r => r.ExtendInitialProcessingAsync(id, reason, CaseActor.System, Ct));

    private Task<T> WithRegistryAsync<T>(Func<CaseRegistry, Task<T>> action) => app.WithAsync(sp => action(sp.GetRequiredService<CaseRegistry>()));

    private Task<int> CountAsync() => app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().Cases.CountAsync(Ct));
}

/// <summary>The referral test moves the clock, so it has its own app (the others pin dates of 5/1/2026).</summary>
public sealed class CrimeReferralTests(CasesApp app) : IClassFixture<CasesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CrimeReferral_DuringResolution_IsItsOwnTransferWithATrackedAnswer()
    {
        var file = await app.CreateAsync(CaseKind.Denunciation);
        await app.AdvanceAsync(file.Id, CaseStatus.UnderResolution);
        var referral = new Transition(CaseStatus.Transferred, Agency: "Cơ quan Cảnh sát điều tra Công an thị xã", TransferKind: TransferKind.CrimeReferral);

        var withoutLetter = await app.MoveAsync(file.Id, referral);
        var plainTransfer = await app.MoveAsync(file.Id, referral with { TransferKind = TransferKind.CompetentAgency, Reference = "12/UBND" });
        var result = await app.MoveAsync(file.Id, referral with { Reference = "15/UBND-TCD" });

        Assert.Equal(CaseErrors.ReferenceRequired, withoutLetter.Error);
        Assert.Equal(CaseErrors.InvalidTransition, plainTransfer.Error);
        Assert.True(result.Succeeded, result.Error);
        var after = await app.LoadAsync(file.Id);
        Assert.Equal(CaseStatus.Transferred, after.Status);
        Assert.Equal(TransferKind.CrimeReferral, after.TransferKind);
        Assert.Equal("15/UBND-TCD", after.TransferReference);
        // Referred Monday 5/1/2026: the agency's 20 days end on Sunday 25/1 → Monday 26/1.
        var answer = after.Deadlines.Single(d => d.Kind == DeadlineKind.ReferralAnswer);
        Assert.Equal(new DateOnly(2026, 1, 26), answer.DueDate);
        Assert.Null(answer.CompletedOn);
        Assert.Contains(after.History, h => h.Details.Contains("Chuyển cơ quan điều tra (có dấu hiệu tội phạm", StringComparison.Ordinal));

        app.SetToday(new DateOnly(2026, 1, 27));
        Assert.True(answer.IsOverdueOn(app.Today));
        var recorded = await WithRegistryAsync(r => r.RecordReferralAnswerAsync(file.Id, "Đã khởi tố vụ án", app.Today, CaseActor.System, Ct));
        var twice = await WithRegistryAsync(r => r.RecordReferralAnswerAsync(file.Id, "Lần hai", app.Today, CaseActor.System, Ct));

        Assert.True(recorded.Succeeded, recorded.Error);
        Assert.Equal(CaseErrors.ReferralNotPending, twice.Error);
        var answered = await app.LoadAsync(file.Id);
        Assert.Equal(app.Today, answered.Deadlines.Single(d => d.Kind == DeadlineKind.ReferralAnswer).CompletedOn);
        Assert.Equal("Đã khởi tố vụ án", answered.ReferralAnswer);
    }

    private Task<T> WithRegistryAsync<T>(Func<CaseRegistry, Task<T>> action) => app.WithAsync(sp => action(sp.GetRequiredService<CaseRegistry>()));
}
