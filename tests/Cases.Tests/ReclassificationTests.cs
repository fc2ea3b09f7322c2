using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Reclassification;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>One row of the recomputation table: a case's facts before and after, and the rule the new deadline must cite.</summary>
internal sealed record ReclassifyRow(
    string Name,
    CaseKind FromKind,
    CaseComplexity FromComplexity,
    ComplaintInstance FromInstance,
    bool FromRemote,
    bool Accepted,
    CaseKind ToKind,
    CaseComplexity ToComplexity,
    ComplaintInstance ToInstance,
    bool ToRemote,
    DeadlineKind Deadline,
    string Rule,
    string? Due)
{
    public override string ToString() => Name;
}

/// <summary>Reclassification through the registry: deadlines placed again by intake's rules, and the history rows (issue 14 item 4).</summary>
public sealed class ReclassificationTests(CasesApp app) : IClassFixture<CasesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Received and accepted Monday 5/1/2026 (the app's clock). Dates after Tết depend on the proposed holidays, so those
    // rows compare with a case taken in with the new facts instead of a literal date.
    private static readonly ReclassifyRow[] Table =
    [
        new("phản ánh → khiếu nại, chưa thụ lý", CaseKind.Feedback, CaseComplexity.Normal, ComplaintInstance.First, false, false, CaseKind.Complaint, CaseComplexity.Normal, ComplaintInstance.First, false, DeadlineKind.Acceptance, "Luật Khiếu nại 2011 Điều 27: 10 ngày làm việc kể từ 05/01/2026", "2026-01-19"),
        new("phản ánh → tố cáo, chưa thụ lý", CaseKind.Feedback, CaseComplexity.Normal, ComplaintInstance.First, false, false, CaseKind.Denunciation, CaseComplexity.Normal, ComplaintInstance.First, false, DeadlineKind.Acceptance, "Luật Tố cáo 2018 Điều 24: 7 ngày làm việc kể từ 05/01/2026", "2026-01-14"),
        new("khiếu nại → kiến nghị, đã thụ lý", CaseKind.Complaint, CaseComplexity.Normal, ComplaintInstance.First, false, true, CaseKind.Petition, CaseComplexity.Normal, ComplaintInstance.First, false, DeadlineKind.Resolution, "Thông tư 05/2021/TT-TTCP (thời hạn do cơ quan xử lý ấn định): 30 ngày kể từ 05/01/2026", "2026-02-04"),
        new("kiến nghị → khiếu nại, đã thụ lý", CaseKind.Petition, CaseComplexity.Normal, ComplaintInstance.First, false, true, CaseKind.Complaint, CaseComplexity.Normal, ComplaintInstance.First, false, DeadlineKind.Resolution, "Luật Khiếu nại 2011 Điều 28: 30 ngày kể từ 05/01/2026", "2026-02-04"),
        new("khiếu nại lần đầu → lần hai", CaseKind.Complaint, CaseComplexity.Normal, ComplaintInstance.First, false, true, CaseKind.Complaint, CaseComplexity.Normal, ComplaintInstance.Second, false, DeadlineKind.Resolution, "Luật Khiếu nại 2011 Điều 37: 45 ngày kể từ 05/01/2026", null),
        new("khiếu nại bình thường → phức tạp", CaseKind.Complaint, CaseComplexity.Normal, ComplaintInstance.First, false, true, CaseKind.Complaint, CaseComplexity.Complex, ComplaintInstance.First, false, DeadlineKind.Resolution, "Luật Khiếu nại 2011 Điều 28 (vụ việc phức tạp): 45 ngày kể từ 05/01/2026", null),
        new("khiếu nại → vùng sâu, vùng xa", CaseKind.Complaint, CaseComplexity.Normal, ComplaintInstance.First, false, true, CaseKind.Complaint, CaseComplexity.Normal, ComplaintInstance.First, true, DeadlineKind.Resolution, "Luật Khiếu nại 2011 Điều 28 (vùng sâu, vùng xa): 45 ngày kể từ 05/01/2026", null),
        new("khiếu nại lần hai phức tạp → lần đầu bình thường", CaseKind.Complaint, CaseComplexity.Complex, ComplaintInstance.Second, false, true, CaseKind.Complaint, CaseComplexity.Normal, ComplaintInstance.First, false, DeadlineKind.Resolution, "Luật Khiếu nại 2011 Điều 28: 30 ngày kể từ 05/01/2026", "2026-02-04"),
        new("kiến nghị → tố cáo, đã thụ lý", CaseKind.Petition, CaseComplexity.Normal, ComplaintInstance.First, false, true, CaseKind.Denunciation, CaseComplexity.Normal, ComplaintInstance.First, false, DeadlineKind.Notification, "Luật Tố cáo 2018 Điều 29: 5 ngày làm việc kể từ 05/01/2026", "2026-01-12"),
        new("tố cáo bình thường → đặc biệt phức tạp", CaseKind.Denunciation, CaseComplexity.Normal, ComplaintInstance.First, false, true, CaseKind.Denunciation, CaseComplexity.EspeciallyComplex, ComplaintInstance.First, false, DeadlineKind.Resolution, "Luật Tố cáo 2018 Điều 30: 30 ngày kể từ 05/01/2026", "2026-02-04"),
        new("khiếu nại phức tạp → bình thường, chưa thụ lý", CaseKind.Complaint, CaseComplexity.Complex, ComplaintInstance.First, false, false, CaseKind.Complaint, CaseComplexity.Normal, ComplaintInstance.First, false, DeadlineKind.Acceptance, "Luật Khiếu nại 2011 Điều 27: 10 ngày làm việc kể từ 05/01/2026", "2026-01-19"),
    ];

    public static TheoryData<string> Rows => [.. Table.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Reclassify_EachKindComplexityInstanceChange_OpenDeadlinesAsIntakeOfTheNewFacts(string name)
    {
        var row = Table.Single(r => r.Name == name);
        var file = await PreparedAsync(row.FromKind, row.FromComplexity, row.FromInstance, row.FromRemote, row.Accepted);
        var before = await app.LoadAsync(file.Id);

        var result = await ReclassifyAsync(file.Id, new ReclassifyRequest("Phân loại lại theo nội dung đơn", row.ToKind, row.ToComplexity, row.ToInstance, row.ToRemote));

        Assert.True(result.Succeeded, result.Error);
        var after = await app.LoadAsync(file.Id);
        Assert.Equal((row.ToKind, row.ToComplexity, row.ToInstance, row.ToRemote), (after.Kind, after.Complexity, after.Instance, after.IsRemoteArea));
        var deadline = Assert.Single(after.Deadlines, d => d.Kind == row.Deadline);
        Assert.StartsWith(row.Rule, deadline.Rule, StringComparison.Ordinal);
        if (row.Due is { } due)
        {
            Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), deadline.DueDate);
        }

        // The same rules as intake: a case taken in with the new facts owes exactly these open deadlines.
        var fresh = await app.LoadAsync((await PreparedAsync(row.ToKind, row.ToComplexity, row.ToInstance, row.ToRemote, row.Accepted)).Id);
        Assert.Equal(Open(fresh), Open(after));
        // A met deadline is a fact of the past and stays as it was.
        Assert.Equal(Met(before), Met(after));

        var changes = await ChangesAsync(file.Id);
        var moved = Open(before).Where(b => !Open(after).Contains(b)).Select(b => b.Kind).Union(Open(after).Where(a => !Open(before).Contains(a)).Select(a => a.Kind)).ToList();
        Assert.Equal(moved.Order(), changes.Where(c => c.Field == CaseChangeField.Deadline).Select(c => (DeadlineKind)c.Item).Order());
        Assert.All(changes, c => Assert.Equal("Phân loại lại theo nội dung đơn", c.Reason));
    }

    [Fact]
    public async Task Reclassify_KindComplexityPersons_HistoryRowsWithWhoWhenOldNewReason_Immutable()
    {
        var (_, chairman) = await app.SignedInAsync("chutich.lichsu", TestRoles.Chairman);
        var file = await app.CreateAsync(CaseKind.Complaint, persons: TestData.Person("Đỗ Văn Cũ", "001090000001", "Tổ 1"));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var at = app.Clock.GetUtcNow();

        using var response = await PostAsync(chairman, file.Id, new
        {
            reason = "Đơn ghi sai tên và thiếu người đứng đơn thứ hai",
            kind = "Petition",
            complexity = "Complex",
            persons = new object[]
            {
                new { position = 1, fullName = "Đỗ Văn Mới", address = "Tổ 1", idNumber = "001090000001" },
                new { fullName = "Đỗ Thị Hai", address = "Tổ 2" },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changes = await ChangesAsync(file.Id);
        Assert.All(changes, c =>
        {
            Assert.Equal("chutich.lichsu", c.ActorName);
            Assert.Equal(at, c.At);
            Assert.Equal("Đơn ghi sai tên và thiếu người đứng đơn thứ hai", c.Reason);
            Assert.False(c.Sealed);
        });
        Assert.Contains(changes, c => c is { Field: CaseChangeField.Kind, OldValue: "Complaint", NewValue: "Petition" });
        Assert.Contains(changes, c => c is { Field: CaseChangeField.Complexity, OldValue: "Normal", NewValue: "Complex" });
        var corrected = Assert.Single(changes, c => c.Field == CaseChangeField.PersonCorrected);
        Assert.Equal(1, corrected.Item);
        Assert.StartsWith("Đỗ Văn Cũ", corrected.OldValue, StringComparison.Ordinal);
        Assert.StartsWith("Đỗ Văn Mới", corrected.NewValue, StringComparison.Ordinal);
        var added = Assert.Single(changes, c => c.Field == CaseChangeField.PersonAdded);
        Assert.Equal(2, added.Item);
        Assert.Null(added.OldValue);
        // Complaint → petition: the acceptance rule changes from Luật Khiếu nại to Thông tư 05 (same 10 working days).
        var acceptance = Assert.Single(changes, c => c.Field == CaseChangeField.Deadline);
        Assert.Contains("Luật Khiếu nại 2011 Điều 27", acceptance.OldValue, StringComparison.Ordinal);
        Assert.Contains("Thông tư 05/2021/TT-TTCP", acceptance.NewValue, StringComparison.Ordinal);

        var after = await app.LoadAsync(file.Id);
        Assert.Equal(["Đỗ Văn Mới", "Đỗ Thị Hai"], after.Persons.OrderBy(p => p.Position).Select(p => p.FullName));
        Assert.Equal(2, after.PeopleCount);
        Assert.Contains(after.History, h => h.Action == "Reclassified" && h.Details.Contains("loại đơn khiếu nại → kiến nghị", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Entries, e => e.Category.EndsWith(nameof(CaseReclassifier), StringComparison.Ordinal) && e.Message.Contains(file.Number, StringComparison.Ordinal) && e.Message.Contains("reclassified", StringComparison.Ordinal));

        // The case page shows the corrections with their reason.
        var page = await chairman.GetStringAsync(new Uri("/Cases/Details?id=" + file.Id, UriKind.Relative), Ct);
        Assert.Contains("Lịch sử điều chỉnh", page, StringComparison.Ordinal);
        Assert.Contains("Đơn ghi sai tên và thiếu người đứng đơn thứ hai", page, StringComparison.Ordinal);
        Assert.Contains("Sửa người thứ 1", page, StringComparison.Ordinal);
        Assert.Contains("Khiếu nại → Kiến nghị", page, StringComparison.Ordinal);

        // The rows cannot be edited or deleted, even with SQL.
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        foreach (var sql in new[] { "UPDATE cases.case_changes SET \"Reason\" = 'đã sửa' WHERE \"CaseId\" = @id", "DELETE FROM cases.case_changes WHERE \"CaseId\" = @id", "UPDATE cases.case_changes SET \"Sealed\" = true, \"SealingKeyFingerprint\" = 'x', \"Field\" = 'Kind' WHERE \"CaseId\" = @id" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("id", file.Id);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));
            Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        }

        Assert.Equal(changes.Select(c => (c.Id, c.Reason, c.OldValue, c.NewValue)), (await ChangesAsync(file.Id)).Select(c => (c.Id, c.Reason, c.OldValue, c.NewValue)));
    }

    [Fact]
    public async Task Reclassify_AcceptedPetitionToDenunciation_NotificationOwedFromAcceptance_MetAcceptanceKeptAsItWas()
    {
        var file = await PreparedAsync(CaseKind.Petition, CaseComplexity.Normal, ComplaintInstance.First, false, accepted: true);
        var acceptance = (await app.LoadAsync(file.Id)).Deadlines.Single(d => d.Kind == DeadlineKind.Acceptance);

        Assert.True((await ReclassifyAsync(file.Id, new ReclassifyRequest("Nội dung là tố cáo cán bộ", CaseKind.Denunciation))).Succeeded);

        var after = await app.LoadAsync(file.Id);
        var kept = after.Deadlines.Single(d => d.Kind == DeadlineKind.Acceptance);
        Assert.Equal((acceptance.DueDate, acceptance.Rule, acceptance.CompletedOn), (kept.DueDate, kept.Rule, kept.CompletedOn));
        Assert.Contains("Thông tư 05/2021", kept.Rule, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 1, 12), after.Deadlines.Single(d => d.Kind == DeadlineKind.Notification).DueDate);
        Assert.Contains(after.History, h => h.Action == "Reclassified" && h.Details.Contains("thông báo thụ lý mới, hạn 12/01/2026", StringComparison.Ordinal));
    }

    private async Task<CaseFile> PreparedAsync(CaseKind kind, CaseComplexity complexity, ComplaintInstance instance, bool remote, bool accepted)
    {
        var file = await app.CreateAsync(kind, complexity: complexity);
        Assert.True((await app.MoveAsync(file.Id, new Transition(CaseStatus.Classified, Complexity: complexity, Instance: instance, IsRemoteArea: remote))).Succeeded);
        if (accepted)
        {
            Assert.True((await app.MoveAsync(file.Id, new Transition(CaseStatus.Accepted))).Succeeded);
        }

        return file;
    }

    private static List<(DeadlineKind Kind, DateOnly Due, string Rule)> Open(CaseFile file) =>
        [.. file.Deadlines.Where(d => d.CompletedOn is null).OrderBy(d => d.Kind).Select(d => (d.Kind, d.DueDate, d.Rule))];

    private static List<(DeadlineKind Kind, DateOnly Due, string Rule, DateOnly? Done)> Met(CaseFile file) =>
        [.. file.Deadlines.Where(d => d.CompletedOn is not null).OrderBy(d => d.Kind).Select(d => (d.Kind, d.DueDate, d.Rule, d.CompletedOn))];

    private async Task<CaseResult> ReclassifyAsync(Guid id, ReclassifyRequest request)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<CaseReclassifier>().ReclassifyAsync(id, request, CaseActor.System, Ct);
    }

    private async Task<IReadOnlyList<CaseChange>> ChangesAsync(Guid id)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<CaseReclassifier>().ChangesAsync(id, Ct);
    }

    internal static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid id, object body) =>
        client.PostAsJsonAsync(new Uri($"/api/cases/{id}/reclassify", UriKind.Relative), body, Ct);
}

/// <summary>The reclassification API: every bad input and every caller who may not is refused with nothing changed.</summary>
public sealed class ReclassificationApiTests(CasesApp app) : IClassFixture<CasesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "kind không có", """{"reason":"Sai loại","kind":"Bribery"}""", "Error.ReclassifyUnknownKind" },
        { "kind là số", """{"reason":"Sai loại","kind":"1"}""", "Error.ReclassifyUnknownKind" },
        { "complexity không có", """{"reason":"Sai mức độ","complexity":"Huge"}""", "Error.ReclassifyUnknownKind" },
        { "lý do trống", """{"reason":"","kind":"Petition"}""", "Error.ReclassifyReason" },
        { "không có lý do", """{"kind":"Petition"}""", "Error.ReclassifyReason" },
        { "lý do chỉ có khoảng trắng", """{"reason":"   \n ","kind":"Petition"}""", "Error.ReclassifyReason" },
        { "lý do quá dài", "{\"reason\":\"" + new string('a', 501) + "\",\"kind\":\"Petition\"}", "Error.ReclassifyReason" },
        { "lý do có ký tự đảo chiều", """{"reason":"Sửa\u202Eloại","kind":"Petition"}""", "Error.ReclassifyBadText" },
        { "không thay đổi gì", """{"reason":"Giữ nguyên","kind":"Complaint","complexity":"Normal","instance":"First","isRemoteArea":false}""", "Error.ReclassifyNoChange" },
        { "người cùng giá trị cũ", """{"reason":"Giữ nguyên","persons":[{"position":1,"fullName":"Trương Văn Gốc","address":"Tổ 9","idNumber":"001091000009"}]}""", "Error.ReclassifyNoChange" },
        { "tên có ký tự đảo chiều", """{"reason":"Sửa tên","persons":[{"position":1,"fullName":"Trương\u202EVăn Gốc"}]}""", "Error.ReclassifyBadText" },
        { "tên có ký tự điều khiển", """{"reason":"Sửa tên","persons":[{"position":1,"fullName":"Trương\u0007Văn Gốc"}]}""", "Error.ReclassifyBadText" },
        { "tên có ký tự không độ rộng", """{"reason":"Thêm người","persons":[{"fullName":"Lê\u200BVăn B"}]}""", "Error.ReclassifyBadText" },
        { "tên trống", """{"reason":"Sửa tên","persons":[{"position":1,"fullName":"  "}]}""", "Error.ReclassifyPersonName" },
        { "số CCCD có chữ", """{"reason":"Thêm người","persons":[{"fullName":"Lê Văn B","idNumber":"12ab5678"}]}""", "Error.ReclassifyIdNumber" },
        { "người không có trong hồ sơ", """{"reason":"Sửa","persons":[{"position":4,"fullName":"Lê Văn B"}]}""", "Error.ReclassifyUnknownPerson" },
        { "bỏ người duy nhất", """{"reason":"Bỏ","persons":[{"position":1,"remove":true}]}""", "Error.PersonRequired" },
        { "lần giải quyết của kiến nghị", """{"reason":"Lần hai","kind":"Petition","instance":"Second"}""", "Error.ReclassifyInstanceNotComplaint" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Reclassify_BadInput_400InVietnamese_NothingChanged(string name, string json, string error)
    {
        var (_, chairman) = await app.SignedInAsync("chutich." + Guid.NewGuid().ToString("N")[..6], TestRoles.Chairman);
        var file = await app.CreateAsync(CaseKind.Complaint, persons: TestData.Person("Trương Văn Gốc", "001091000009", "Tổ 9"));
        var before = await SnapshotAsync(file.Id);

        using var response = await chairman.PostAsync(new Uri($"/api/cases/{file.Id}/reclassify", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, name + ": " + response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(error, problem.RootElement.GetProperty("error").GetString());
        Assert.Equal("Dữ liệu không hợp lệ", problem.RootElement.GetProperty("title").GetString());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.NotEqual(error, detail);
        Assert.Matches("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", detail);
        Assert.Equal(before, await SnapshotAsync(file.Id));
    }

    [Fact]
    public async Task Reclassify_DenunciationToComplaint_RefusedWithReason_StaysSealed()
    {
        var (_, inspector) = await app.SignedInAsync("thanhtra.khongmo", TestRoles.Inspector);
        var file = await app.CreateAsync(CaseKind.Denunciation, persons: TestData.Person("Người Tố Cáo Không Mở"));
        var before = await SnapshotAsync(file.Id);

        using var response = await ReclassificationTests.PostAsync(inspector, file.Id, new { reason = "Thực ra là khiếu nại", kind = "Complaint" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Error.ReclassifyFromDenunciation", body, StringComparison.Ordinal);
        Assert.Contains("niêm phong", body, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(file.Id));
    }

    [Fact]
    public async Task Reclassify_CallerWhoMayNotOpenTheCase_404AsUnknown_NothingChanged_OneLogLineWithoutStackTrace()
    {
        var (ownerId, _) = await app.SignedInAsync("canbo.chuho", TestRoles.Staff);
        var (otherId, other) = await app.SignedInAsync("canbo.nguoikhac", TestRoles.Staff);
        var file = await app.CreateAsync(CaseKind.Feedback, ownerId);
        var before = await SnapshotAsync(file.Id);
        var logged = app.Logs.Entries.Count;

        using var response = await ReclassificationTests.PostAsync(other, file.Id, new { reason = "Tố cáo", kind = "Denunciation" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy hồ sơ.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(file.Id));
        var line = Assert.Single(app.Logs.Entries.Skip(logged), e => e.Category.EndsWith(nameof(CaseReclassifier), StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Null(line.Exception);
        Assert.Contains(file.Id.ToString(), line.Message, StringComparison.Ordinal);
        Assert.Contains(otherId.ToString(), line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line.Message);
    }

    [Fact]
    public async Task Reclassify_AssigneeChangesKindOtherThanIntoDenunciation_403_NothingChanged()
    {
        var (ownerId, owner) = await app.SignedInAsync("canbo.doiloai", TestRoles.Staff);
        var file = await app.CreateAsync(CaseKind.Complaint, ownerId);
        var before = await SnapshotAsync(file.Id);
        var logged = app.Logs.Entries.Count;

        using var response = await ReclassificationTests.PostAsync(owner, file.Id, new { reason = "Là kiến nghị", kind = "Petition" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Chủ tịch hoặc Thanh tra", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(file.Id));
        var line = Assert.Single(app.Logs.Entries.Skip(logged), e => e.Category.EndsWith(nameof(CaseReclassifier), StringComparison.Ordinal));
        Assert.Null(line.Exception);

        // The same assignee may correct the complexity of their own case.
        using var allowed = await ReclassificationTests.PostAsync(owner, file.Id, new { reason = "Nhiều hộ liên quan", complexity = "Complex" });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Reclassify_AnonymousOrNotACaseWorker_RefusedBeforeTheCase_NothingChanged()
    {
        var (_, admin) = await app.SignedInAsync("quantri.x", TestRoles.Admin);
        var file = await app.CreateAsync(CaseKind.Complaint);
        var before = await SnapshotAsync(file.Id);
        using var anonymous = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using (var response = await ReclassificationTests.PostAsync(anonymous, file.Id, new { reason = "x", kind = "Denunciation" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var response = await ReclassificationTests.PostAsync(admin, file.Id, new { reason = "x", kind = "Denunciation" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(before, await SnapshotAsync(file.Id));
    }

    /// <summary>Everything a reclassification could touch, as one comparable string.</summary>
    private async Task<string> SnapshotAsync(Guid id)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
        var file = await db.Cases.AsNoTracking().Include(c => c.Persons).Include(c => c.Deadlines).Include(c => c.History).AsSplitQuery().SingleAsync(c => c.Id == id, Ct);
        var changes = await db.Changes.CountAsync(c => c.CaseId == id, Ct);
        return JsonSerializer.Serialize(new
        {
            file.Kind, file.Complexity, file.Instance, file.IsRemoteArea, file.PeopleCount, file.CitizenIdHash, file.Version,
            Persons = file.Persons.OrderBy(p => p.Position).Select(p => new { p.Position, p.FullName, p.Address, p.IdNumber, p.Phone, p.SealedIdentity }),
            Deadlines = file.Deadlines.OrderBy(d => d.Kind).Select(d => new { d.Kind, d.DueDate, d.Rule, d.CompletedOn }),
            History = file.History.Count,
            Changes = changes,
        });
    }
}

/// <summary>
/// Feedback → denunciation: identities are sealed as intake seals them, everywhere the server kept them — the
/// case's persons, earlier correction rows, the reception-book row and the booking — and only the offline key opens them.
/// </summary>
public sealed class ReclassificationSealingTests(CasesApp app) : IClassFixture<CasesApp>
{
    private const string Name = "Lương Thị Kín Tiếng";
    private const string CorrectedName = "Lương Thị Kín Đáo";
    private const string IdNumber = "079188877766";
    private const string Address = "Ngõ 7 Hẻm Riêng, Đào Viên";
    private const string BookedName = "Châu Văn Đặt Lịch";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reclassify_FeedbackToDenunciation_DatabaseHoldsNoPlainIdentity_OfflineKeyOpensIt()
    {
        var (chairmanId, chairman) = await app.SignedInAsync("chutich.niemphong", TestRoles.Chairman);
        var (staffId, staff) = await app.SignedInAsync("canbo.niemphong", TestRoles.Staff);
        Guid fromReception, fromBooking;
        await using (var scope = app.Scope())
        {
            var intake = scope.ServiceProvider.GetRequiredService<ICaseIntake>();
            var reception = await intake.RecordReceptionAsync(new ReceptionRecord(
                app.Clock.GetUtcNow(), CaseChannel.InPerson, CaseKind.Feedback, "Quản lý đất đai", "Phản ánh việc san lấp ao",
                [new ReceptionParticipant(Name, Address, IdNumber, "0987000111", false)], 1, ReceptionOutcome.CaseAccepted,
                null, null, null, null, null, null, chairmanId), Ct);
            fromReception = (await intake.CreateCaseFromReceptionAsync(reception.Value, staffId, Ct)).Value!.CaseId;

            var bookings = new ReceptionBookings(app.Factory.Services);
            var booked = await bookings.BookAsync(await bookings.OpenDayAsync(chairmanId), 0, BookedName, Scheduling.Bookings.MatterKind.Feedback, citizenIdNumber: "001077766655");
            fromBooking = (await intake.CreateCaseFromBookingAsync(booked.BookingId, chairmanId, Ct)).Value!.CaseId;
        }

        await using (var scope = app.Scope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<CaseRegistry>().AssignAsync(fromReception, staffId, CaseActor.System, Ct)).Succeeded);
        }

        // An earlier, plain correction: its row holds the name the denouncer gave.
        using (var corrected = await ReclassificationTests.PostAsync(chairman, fromReception, new { reason = "Sửa tên theo CCCD của bà " + Name, persons = new[] { new { position = 1, fullName = CorrectedName, address = Address, idNumber = IdNumber } } }))
        {
            Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        }

        // The assignee (a staff member) turns it into a denunciation: protection must not wait for the chairman.
        using (var response = await ReclassificationTests.PostAsync(staff, fromReception, new { reason = "Nội dung là tố cáo cán bộ địa chính", kind = "Denunciation" }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var response = await ReclassificationTests.PostAsync(chairman, fromBooking, new { reason = "Nội dung là tố cáo", kind = "Denunciation" }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var database = await DumpDatabaseAsync();
        foreach (var secret in new[] { Name, CorrectedName, IdNumber, Address, BookedName, "001077766655", JsonSerializer.Serialize(Name).Trim('"'), JsonSerializer.Serialize(BookedName).Trim('"') })
        {
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
        }

        var file = await app.LoadAsync(fromReception);
        Assert.Equal(CaseKind.Denunciation, file.Kind);
        Assert.All(file.Persons, p => Assert.True(p.IsSealed));
        Assert.Null(file.CitizenIdHash);
        var page = await staff.GetStringAsync(new Uri("/Cases/Details?id=" + fromReception, UriKind.Relative), Ct);
        Assert.DoesNotContain(CorrectedName, page, StringComparison.Ordinal);
        Assert.Contains("đã niêm phong", page, StringComparison.Ordinal);

        // Only the offline key opens what was sealed: the persons, the history row, the book row, the booking.
        var sealedValues = await SealedValuesAsync(fromReception, fromBooking);
        Assert.All(sealedValues, v => Assert.StartsWith(Kernel.Sealing.SealedBox.Prefix, v, StringComparison.Ordinal));
        var privateKey = Path.Combine(app.DataDirectory, Kernel.Sealing.IdentitySealer.PrivateKeyFileName);
        var (exit, output) = await IdentityVaultTool.RunAsync(["open", "--key", privateKey, .. sealedValues]);
        Assert.Equal(0, exit);
        foreach (var secret in new[] { Name, CorrectedName, IdNumber, Address, BookedName, "001077766655" })
        {
            Assert.Contains(secret, output, StringComparison.Ordinal);
        }
    }

    private async Task<List<string>> SealedValuesAsync(Guid fromReception, Guid fromBooking)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
        var persons = await db.Persons.Where(p => p.CaseId == fromReception || p.CaseId == fromBooking).Select(p => p.SealedIdentity!).ToListAsync(Ct);
        var changes = await db.Changes.Where(c => c.CaseId == fromReception && c.Sealed).ToListAsync(Ct);
        var receptions = await db.Receptions.Where(r => r.CaseId == fromReception).Select(r => r.SealedIdentity!).ToListAsync(Ct);
        var bookingId = await db.Cases.Where(c => c.Id == fromBooking).Select(c => c.BookingId!.Value).SingleAsync(Ct);
        var booking = await scope.ServiceProvider.GetRequiredService<Scheduling.Persistence.SchedulingDbContext>().Bookings.Where(b => b.Id == bookingId).Select(b => b.SealedIdentity!).SingleAsync(Ct);
        Assert.Single(receptions);
        Assert.NotEmpty(changes);
        return [.. persons, .. receptions, .. changes.SelectMany(c => new[] { c.OldValue, c.NewValue, c.Reason }).OfType<string>().Where(v => v.StartsWith(Kernel.Sealing.SealedBox.Prefix, StringComparison.Ordinal)), booking];
    }

    private async Task<string> DumpDatabaseAsync()
    {
        var (rows, tables) = await DatabaseDump.ReadAsync(app.ConnectionString, Ct);
        Assert.Contains("cases.case_changes", tables);
        return rows;
    }
}

/// <summary>
/// After a reclassification the daily sweep reminds and alerts by the new deadline, and the quarterly report and the
/// reception book count the new kind (own app: the clock moves forward).
/// </summary>
public sealed class ReclassificationFollowUpTests(PostgresServer server) : IAsyncLifetime
{
    private readonly CasesApp app = new(server);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Reclassify_FeedbackToDenunciation_SweepRemindsAndAlertsByTheNewDeadline_ReportAndBookCountTheNewKind()
    {
        var assignee = await app.Factory.CreateStaffAsync("canbo.nhachan", "Test-pass-2026", "Cán bộ Nhắc", TestRoles.Staff);
        var chairman = await app.Factory.CreateStaffAsync("chutich.nhachan", "Test-pass-2026", "Chủ tịch", TestRoles.Chairman);
        // Feedback by post on Monday 5/1: 10 working days (19/1). As a denunciation: 7 working days (14/1).
        var file = await app.CreateAsync(CaseKind.Feedback, assignee);
        Guid fromBook;
        await using (var scope = app.Scope())
        {
            var intake = scope.ServiceProvider.GetRequiredService<ICaseIntake>();
            var reception = await intake.RecordReceptionAsync(new ReceptionRecord(
                app.Clock.GetUtcNow(), CaseChannel.InPerson, CaseKind.Feedback, "Môi trường", "Phản ánh tiếng ồn công trường",
                [new ReceptionParticipant("Kha Văn Ồn", null, "001066655544", null, false)], 1, ReceptionOutcome.CaseAccepted,
                null, null, null, null, null, null, null), Ct);
            fromBook = (await intake.CreateCaseFromReceptionAsync(reception.Value, null, Ct)).Value!.CaseId;
            var reclassifier = scope.ServiceProvider.GetRequiredService<CaseReclassifier>();
            Assert.True((await reclassifier.ReclassifyAsync(file.Id, new ReclassifyRequest("Đơn tố cáo cán bộ", CaseKind.Denunciation), CaseActor.System, Ct)).Succeeded);
            Assert.True((await reclassifier.ReclassifyAsync(fromBook, new ReclassifyRequest("Là kiến nghị về quy hoạch", CaseKind.Petition), CaseActor.System, Ct)).Succeeded);
        }

        Assert.Equal(new DateOnly(2026, 1, 14), (await app.LoadAsync(file.Id)).Deadlines.Single(d => d.Kind == DeadlineKind.Acceptance).DueDate);

        // One working day before the new deadline the assignee is reminded of 14/1 (the old 19/1 would be 4 days away).
        app.SetToday(new DateOnly(2026, 1, 13));
        await SweepAsync();
        var reminder = Assert.Single(await NotificationsAsync(file.Id), n => n.Kind == Notifications.NotificationKind.Reminder && n.DueDate == new DateOnly(2026, 1, 14));
        Assert.Equal(assignee, reminder.RecipientId);
        Assert.Contains("14/01/2026", reminder.Message, StringComparison.Ordinal);

        // The day after the new deadline the chairman is alerted, although the old one is still days away.
        app.SetToday(new DateOnly(2026, 1, 15));
        await SweepAsync();
        var overdue = Assert.Single(await NotificationsAsync(file.Id), n => n.Kind == Notifications.NotificationKind.Overdue);
        Assert.Equal(chairman, overdue.RecipientId);
        Assert.True((await app.LoadAsync(file.Id)).Deadlines.Single(d => d.Kind == DeadlineKind.Acceptance).IsOverdueOn(app.Today));

        await using (var scope = app.Scope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<Reports.QuarterlyReportBuilder>().BuildAsync(2026, 1, Ct);
            Assert.Equal([new("Denunciation", 1), new("Petition", 1)], report.ByKind);
            var book = await scope.ServiceProvider.GetRequiredService<ReceptionBook.ReceptionBookQuery>()
                .ReadAsync(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), CaseActor.System, ReceptionBook.ReceptionBookFormat.View, Ct);
            Assert.Equal(CaseKind.Petition, Assert.Single(book).Kind);
        }
    }

    private async Task SweepAsync()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<Notifications.DeadlineSweep>().RunAsync(Ct);
    }

    private async Task<List<Notifications.CaseNotification>> NotificationsAsync(Guid caseId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<CasesDbContext>().Notifications.Where(n => n.CaseId == caseId).ToListAsync(Ct);
    }
}
