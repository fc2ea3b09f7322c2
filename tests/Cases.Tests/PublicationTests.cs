using System.Net;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Publication;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>The public results page shows reviewed results only, never personal data nor anything of a denunciation.</summary>
public sealed class PublicationTests(CasesApp app) : IClassFixture<CasesApp>
{
    private const string Name = "Lê Văn Riêng Tư";
    private const string IdNumber = "001200300400";
    private const string Summary = "Tranh chấp ranh giới thửa đất số 123 của gia đình";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Results_ApprovedComplaint_ShowsReviewedTextWithoutPersonalDataOrDenunciations()
    {
        var complaint = await app.CreateAsync(CaseKind.Complaint, persons: TestData.Person(Name, IdNumber, "45 Đường Hoa Sữa", "0987654321"));
        await app.AdvanceAsync(complaint.Id, CaseStatus.Resolved);
        var denunciation = await app.CreateAsync(CaseKind.Denunciation, persons: TestData.Person("Đỗ Văn Tố Cáo", "001111222333"));
        await app.AdvanceAsync(denunciation.Id, CaseStatus.Resolved);
        var actor = new CaseActor(Guid.NewGuid(), "canbo.pub", true, false);

        await using (var scope = app.Scope())
        {
            var publications = scope.ServiceProvider.GetRequiredService<PublicationService>();
            // The review refuses a text that still names the citizen, and anything of a denunciation.
            Assert.Equal(CaseErrors.PublishPersonalData, (await publications.SaveAsync(complaint.Id, "Ông " + Name + " được công nhận quyền sử dụng đất.", true, actor, Ct)).Error);
            Assert.Equal(CaseErrors.PublishPersonalData, (await publications.SaveAsync(complaint.Id, "Người có CCCD " + IdNumber + " được công nhận.", true, actor, Ct)).Error);
            Assert.Equal(CaseErrors.PublishDenunciation, (await publications.SaveAsync(denunciation.Id, "Kết luận tố cáo", true, actor, Ct)).Error);
            Assert.True((await publications.SaveAsync(complaint.Id, "Khiếu nại đúng một phần; UBND phường điều chỉnh ranh giới theo bản đồ địa chính.", true, actor, Ct)).Succeeded);
        }

        using var anonymous = app.Factory.CreateClient();
        using var response = await anonymous.GetAsync(new Uri("/Results", UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(complaint.Number, html, StringComparison.Ordinal);
        Assert.Contains("điều chỉnh ranh giới theo bản đồ địa chính", html, StringComparison.Ordinal);
        Assert.Contains("15/QĐ-UBND", html, StringComparison.Ordinal);
        foreach (var secret in new[] { Name, IdNumber, "45 Đường Hoa Sữa", "0987654321", "Nội dung đơn", denunciation.Number, "Đỗ Văn Tố Cáo", "001111222333" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Results_DraftNotApproved_NotShown()
    {
        var petition = await app.CreateAsync(CaseKind.Petition);
        await app.AdvanceAsync(petition.Id, CaseStatus.Resolved);
        await using (var scope = app.Scope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<PublicationService>().SaveAsync(petition.Id, "Bản nháp chưa duyệt số 77", false, CaseActor.System, Ct);
            Assert.True(result.Succeeded);
        }

        using var anonymous = app.Factory.CreateClient();
        Assert.DoesNotContain("Bản nháp chưa duyệt số 77", await anonymous.GetStringAsync(new Uri("/Results", UriKind.Relative), Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_PublicationOfDenunciation_RefusedByCheckConstraint()
    {
        var denunciation = await app.CreateAsync(CaseKind.Denunciation);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
        db.Publications.Add(new CasePublication { CaseId = denunciation.Id, CaseNumber = denunciation.Number, Kind = CaseKind.Denunciation, SubjectArea = "x", PublicText = "x", IsApproved = true });

        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        Assert.Equal(PostgresErrorCodes.CheckViolation, ((PostgresException)ex.InnerException!).SqlState);
    }

    [Fact]
    public async Task PublishPage_StaffOfAnotherCase_Gets404()
    {
        var (_, stranger) = await app.SignedInAsync("canbo.stranger", TestRoles.Staff);
        var complaint = await app.CreateAsync(CaseKind.Complaint);
        await app.AdvanceAsync(complaint.Id, CaseStatus.Resolved);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri("/Cases/Publish?id=" + complaint.Id, UriKind.Relative), Ct)).StatusCode);
    }
}
