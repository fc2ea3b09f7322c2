using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Cases.Tests;

internal static class TestData
{
    public static ReceptionParticipant Person(string name, string? id = null, string? address = null, string? phone = null) => new(name, address, id, phone, false);

    public static async Task<CaseFile> CreateAsync(this CasesApp app, CaseKind kind, Guid? assignee = null, CaseComplexity complexity = CaseComplexity.Normal, DateOnly? receivedOn = null, params ReceptionParticipant[] persons)
    {
        await using var scope = app.Scope();
        var registry = scope.ServiceProvider.GetRequiredService<CaseRegistry>();
        var clock = scope.ServiceProvider.GetRequiredService<WardClock>();
        var (result, file) = await registry.CreateAsync(
            new NewCase(kind, CaseChannel.Post, "Đất đai", "Nội dung đơn", receivedOn ?? clock.Today, persons.Length > 0 ? persons : [Person("Nguyễn Văn A")], false, assignee, Complexity: complexity),
            CaseActor.System, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Error);
        return file!;
    }

    public static async Task<CaseResult> MoveAsync(this CasesApp app, Guid caseId, Transition transition, CaseActor? actor = null)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<CaseRegistry>().TransitionAsync(caseId, transition, actor ?? CaseActor.System, TestContext.Current.CancellationToken);
    }

    public static async Task<CaseFile> LoadAsync(this CasesApp app, Guid caseId)
    {
        await using var scope = app.Scope();
        return (await scope.ServiceProvider.GetRequiredService<CaseRegistry>().LoadAsync(caseId, TestContext.Current.CancellationToken))!;
    }

    /// <summary>Moves a case along received → classified → accepted (→ under resolution → resolved) on today's date.</summary>
    public static async Task AdvanceAsync(this CasesApp app, Guid caseId, CaseStatus until, CaseComplexity complexity = CaseComplexity.Normal, DateOnly? decisionDate = null)
    {
        foreach (var step in new[] { CaseStatus.Classified, CaseStatus.Accepted, CaseStatus.UnderResolution, CaseStatus.Resolved })
        {
            var result = await app.MoveAsync(caseId, new Transition(step, Complexity: complexity, DecisionNumber: step == CaseStatus.Resolved ? "15/QĐ-UBND" : null, Date: step == CaseStatus.Resolved ? decisionDate ?? app.Today : null));
            Assert.True(result.Succeeded, result.Error);
            if (step == until)
            {
                return;
            }
        }
    }
}
