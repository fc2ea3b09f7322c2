using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DaoVien.OnlineReception.Cases.Tests;

public sealed class CaseWorkflowTests(CasesApp app) : IClassFixture<CasesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Transition_ReceivedStraightToAccepted_IsRefusedAndChangesNothing()
    {
        var file = await app.CreateAsync(CaseKind.Complaint);

        var result = await app.MoveAsync(file.Id, new Transition(CaseStatus.Accepted));

        Assert.Equal(CaseErrors.InvalidTransition, result.Error);
        var after = await app.LoadAsync(file.Id);
        Assert.Equal(CaseStatus.Received, after.Status);
        Assert.Null(after.AcceptedOn);
        Assert.Single(after.History);
    }

    [Fact]
    public async Task Transition_FullPath_EveryStepInHistoryWithWhoAndDeadlinesCompleted()
    {
        var file = await app.CreateAsync(CaseKind.Complaint);
        var officer = new CaseActor(Guid.NewGuid(), "canbo.test", true, false);

        foreach (var t in new[]
        {
            new Transition(CaseStatus.Classified, Complexity: CaseComplexity.Complex),
            new Transition(CaseStatus.Accepted),
            new Transition(CaseStatus.UnderResolution),
            new Transition(CaseStatus.Resolved, DecisionNumber: "12/QĐ-UBND", Date: app.Today),
            new Transition(CaseStatus.Closed),
        })
        {
            var result = await app.MoveAsync(file.Id, t, officer);
            Assert.True(result.Succeeded, result.Error);
        }

        var after = await app.LoadAsync(file.Id);
        Assert.Equal(CaseStatus.Closed, after.Status);
        Assert.Equal("12/QĐ-UBND", after.DecisionNumber);
        Assert.Equal(6, after.History.Count);
        Assert.All(after.History.Skip(1), h => Assert.Equal("canbo.test", h.ActorName));
        Assert.Contains(after.History, h => h.Details.Contains("12/QĐ-UBND", StringComparison.Ordinal));
        // Complex complaint, first instance: 45 days from acceptance; all deadlines met today.
        var resolution = after.Deadlines.Single(d => d.Kind == DeadlineKind.Resolution);
        Assert.True(resolution.DueDate >= app.Today.AddDays(45));
        Assert.Contains(": 45 ngày kể từ", resolution.Rule, StringComparison.Ordinal);
        Assert.All(after.Deadlines, d => Assert.Equal(app.Today, d.CompletedOn));
        Assert.Contains("Điều 28 (vụ việc phức tạp)", resolution.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transition_RefusedWithoutLegalGround_IsRefused_WithGroundIsRecorded()
    {
        var file = await app.CreateAsync(CaseKind.Petition);
        Assert.True((await app.MoveAsync(file.Id, new Transition(CaseStatus.Classified))).Succeeded);

        Assert.Equal(CaseErrors.RefusalGroundRequired, (await app.MoveAsync(file.Id, new Transition(CaseStatus.Refused))).Error);
        Assert.Equal(CaseErrors.AgencyRequired, (await app.MoveAsync(file.Id, new Transition(CaseStatus.Transferred))).Error);
        Assert.True((await app.MoveAsync(file.Id, new Transition(CaseStatus.Refused, RefusalGround: "Luật Khiếu nại Điều 11 khoản 4"))).Succeeded);

        var after = await app.LoadAsync(file.Id);
        Assert.Equal(CaseStatus.Refused, after.Status);
        Assert.Equal("Luật Khiếu nại Điều 11 khoản 4", after.RefusalGround);
        Assert.Equal(CaseErrors.InvalidTransition, (await app.MoveAsync(file.Id, new Transition(CaseStatus.UnderResolution))).Error);
    }

    [Fact]
    public async Task Create_SixRepresentatives_IsRefused()
    {
        await using var scope = app.Scope();
        var registry = scope.ServiceProvider.GetRequiredService<CaseRegistry>();
        var persons = Enumerable.Range(1, 6).Select(i => TestData.Person("Người đại diện " + i)).ToList();

        var (result, file) = await registry.CreateAsync(new NewCase(CaseKind.Complaint, CaseChannel.Post, "Đất đai", "Đơn đông người", app.Today, persons, true, null), CaseActor.System, Ct);

        Assert.Equal(CaseErrors.TooManyRepresentatives, result.Error);
        Assert.Null(file);
    }

    [Fact]
    public async Task Extend_NormalDenunciationOrComplaint_IsRefused()
    {
        var denunciation = await app.CreateAsync(CaseKind.Denunciation);
        await app.AdvanceAsync(denunciation.Id, CaseStatus.Accepted);
        var complaint = await app.CreateAsync(CaseKind.Complaint);
        await app.AdvanceAsync(complaint.Id, CaseStatus.Accepted, CaseComplexity.Complex);

        await using var scope = app.Scope();
        var registry = scope.ServiceProvider.GetRequiredService<CaseRegistry>();
        Assert.Equal(CaseErrors.ExtensionNotAllowed, (await registry.ExtendAsync(denunciation.Id, 30, "1/QĐ", app.Today, CaseActor.System, Ct)).Error);
        Assert.Equal(CaseErrors.ExtensionNotDenunciation, (await registry.ExtendAsync(complaint.Id, 30, "1/QĐ", app.Today, CaseActor.System, Ct)).Error);
    }

    [Fact]
    public async Task Extend_ComplexDenunciation_OneExtensionMovesTheDeadline_SecondIsRefused()
    {
        var file = await app.CreateAsync(CaseKind.Denunciation, complexity: CaseComplexity.Complex);
        await app.AdvanceAsync(file.Id, CaseStatus.UnderResolution, CaseComplexity.Complex);
        var before = (await app.LoadAsync(file.Id)).Deadlines.Single(d => d.Kind == DeadlineKind.Resolution).DueDate;

        await using var scope = app.Scope();
        var registry = scope.ServiceProvider.GetRequiredService<CaseRegistry>();
        Assert.Equal(CaseErrors.ExtensionDays, (await registry.ExtendAsync(file.Id, 31, "7/QĐ-UBND", app.Today, CaseActor.System, Ct)).Error);
        Assert.True((await registry.ExtendAsync(file.Id, 30, "7/QĐ-UBND", app.Today, CaseActor.System, Ct)).Succeeded);
        Assert.Equal(CaseErrors.ExtensionCapReached, (await registry.ExtendAsync(file.Id, 10, "8/QĐ-UBND", app.Today, CaseActor.System, Ct)).Error);

        var after = await app.LoadAsync(file.Id);
        var resolution = after.Deadlines.Single(d => d.Kind == DeadlineKind.Resolution);
        Assert.True(resolution.DueDate >= before.AddDays(30), $"{resolution.DueDate} should be 30 days after {before}");
        Assert.Contains("gia hạn thêm 30 ngày", resolution.Rule, StringComparison.Ordinal);
        Assert.Contains(after.History, h => h.Action == "Extended" && h.Details.Contains("7/QĐ-UBND", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Extend_TwoRacingRequestsOnComplexCase_ExactlyOneLands()
    {
        var file = await app.CreateAsync(CaseKind.Denunciation, complexity: CaseComplexity.Complex);
        await app.AdvanceAsync(file.Id, CaseStatus.Accepted, CaseComplexity.Complex);

        async Task<CaseResult> ExtendAsync(string number)
        {
            await using var scope = app.Scope();
            return await scope.ServiceProvider.GetRequiredService<CaseRegistry>().ExtendAsync(file.Id, 20, number, app.Today, CaseActor.System, Ct);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => ExtendAsync("race-" + i)));

        var after = await app.LoadAsync(file.Id);
        Assert.Single(after.Extensions);
        Assert.Equal(1, results.Count(r => r.Succeeded));
    }

    [Fact]
    public async Task Database_ThirdExtension_RefusedByCheckConstraint()
    {
        var file = await app.CreateAsync(CaseKind.Denunciation, complexity: CaseComplexity.EspeciallyComplex);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();

        var ex = await Assert.ThrowsAsync<DbUpdateException>(async () =>
        {
            db.Extensions.Add(new CaseExtension { Id = Guid.NewGuid(), CaseId = file.Id, Ordinal = 3, Days = 30, DecisionNumber = "x", DecisionDate = app.Today, RecordedAt = app.Clock.GetUtcNow() });
            await db.SaveChangesAsync(Ct);
        });
        Assert.Equal(PostgresErrorCodes.CheckViolation, ((PostgresException)ex.InnerException!).SqlState);
    }
}
