using System.Net;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>Inspector and Chairman see all cases, Staff only theirs; every view of a denunciation is logged.</summary>
public sealed class AccessTests(CasesApp app) : IClassFixture<CasesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Details_StaffNotAssigned_Gets404_AssigneeAndInspectorSeeIt()
    {
        var (ownerId, owner) = await app.SignedInAsync("canbo.owner", TestRoles.Staff);
        var (_, other) = await app.SignedInAsync("canbo.other", TestRoles.Staff);
        var (_, inspector) = await app.SignedInAsync("thanhtra.a", TestRoles.Inspector);
        var file = await app.CreateAsync(CaseKind.Complaint, ownerId, persons: TestData.Person("Hoàng Văn Chủ Đơn"));
        var url = new Uri("/Cases/Details?id=" + file.Id, UriKind.Relative);

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url, Ct)).StatusCode);
        Assert.DoesNotContain(file.Number, await other.GetStringAsync(new Uri("/Cases", UriKind.Relative), Ct), StringComparison.Ordinal);
        Assert.Contains(file.Number, await owner.GetStringAsync(new Uri("/Cases", UriKind.Relative), Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_Denunciation_EveryViewLogged_LogPageForInspectorOnly()
    {
        var (_, inspector) = await app.SignedInAsync("thanhtra.b", TestRoles.Inspector);
        var (staffId, staff) = await app.SignedInAsync("canbo.log", TestRoles.Staff);
        var file = await app.CreateAsync(CaseKind.Denunciation, staffId, persons: TestData.Person("Người Tố Cáo Kín", "001099000111"));
        var url = new Uri("/Cases/Details?id=" + file.Id, UriKind.Relative);

        var page = await inspector.GetStringAsync(url, Ct);
        await staff.GetStringAsync(url, Ct);
        await inspector.GetStringAsync(url, Ct);

        Assert.Contains("đã niêm phong", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Người Tố Cáo Kín", page, StringComparison.Ordinal);
        await using (var scope = app.Scope())
        {
            var log = await scope.ServiceProvider.GetRequiredService<CasesDbContext>().AccessLog.Where(a => a.CaseId == file.Id).ToListAsync(Ct);
            Assert.Equal(3, log.Count);
            Assert.Equal(2, log.Count(a => a.ViewerName == "thanhtra.b"));
        }

        using (var denied = await staff.GetAsync(new Uri("/Cases/AccessLog", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var logPage = await inspector.GetStringAsync(new Uri("/Cases/AccessLog", UriKind.Relative), Ct);
        Assert.Contains(file.Number, logPage, StringComparison.Ordinal);
        Assert.Contains("canbo.log", logPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePages_Anonymous_RedirectedToSignIn()
    {
        using var client = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { "/Cases", "/Cases/Dashboard", "/Cases/Receptions", "/Cases/Report", "/Cases/Create" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Search_ByDenouncerName_FindsNothing()
    {
        var (_, inspector) = await app.SignedInAsync("thanhtra.c", TestRoles.Inspector);
        var file = await app.CreateAsync(CaseKind.Denunciation, persons: TestData.Person("Vũ Thị Ẩn Danh"));

        var list = await inspector.GetStringAsync(new Uri("/Cases?q=" + Uri.EscapeDataString("Ẩn Danh"), UriKind.Relative), Ct);

        Assert.DoesNotContain(file.Number, list, StringComparison.Ordinal);
        Assert.DoesNotContain("Vũ Thị Ẩn Danh", await inspector.GetStringAsync(new Uri("/Cases", UriKind.Relative), Ct), StringComparison.Ordinal);
    }
}
