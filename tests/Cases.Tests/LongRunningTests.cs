using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoVien.OnlineReception.Cases.LongRunning;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>The register's rules (docs/adr/0087) as tables: what is refused, with which error, on Monday 5/1/2026.</summary>
public sealed class LongRunningRulesTests
{
    private static readonly DateOnly Today = new(2026, 1, 5);

    private static readonly DateOnly Registered = new(2026, 1, 2);

    public static TheoryData<string?, bool, string?, string?, string?> Entries => new()
    {
        // reason, hotspot, hotspot reason, next review, expected error
        { "Khiếu nại đông người về bồi thường", false, null, "2026-02-05", null },
        { "Khiếu nại đông người về bồi thường", true, "30 hộ tập trung trước trụ sở", "2026-01-05", null },
        { "Khiếu nại đông người về bồi thường", false, "bỏ qua khi không đánh dấu", "2027-01-06", null },
        { "   ", false, null, "2026-02-05", CaseErrors.LongRunningReason },
        { null, false, null, "2026-02-05", CaseErrors.LongRunningReason },
        { new string('a', 1001), false, null, "2026-02-05", CaseErrors.LongRunningReason },
        { "Lý do\u202E", false, null, "2026-02-05", CaseErrors.LongRunningBadText },
        { "Lý do", true, " ", "2026-02-05", CaseErrors.LongRunningHotspotReason },
        { "Lý do", true, null, "2026-02-05", CaseErrors.LongRunningHotspotReason },
        { "Lý do", true, "nguy\u200Bcơ", "2026-02-05", CaseErrors.LongRunningBadText },
        { "Lý do", false, null, "2026-01-04", CaseErrors.LongRunningNextReview },
        { "Lý do", false, null, "2027-01-07", CaseErrors.LongRunningNextReview },
        { "Lý do", false, null, null, CaseErrors.LongRunningNextReview },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void ValidateEntry_Input_RefusedWithItsErrorOrCleaned(string? reason, bool hotspot, string? hotspotReason, string? next, string? error)
    {
        var result = LongRunningRules.ValidateEntry(new RegisterInput(reason, hotspot, hotspotReason, D(next)), Today, out var clean);

        Assert.Equal(error, result);
        if (error is null)
        {
            // The flag and its reason go together: a reason left in the box after unticking is not kept.
            Assert.Equal(hotspot, clean.HotspotReason is not null);
        }
    }

    public static TheoryData<string?, bool, string?, int, string?> Steps => new()
    {
        // action, owner given, due, steps already in the plan, expected error
        { "Tổ chức đối thoại với các hộ dân", true, "2026-01-05", 0, null },
        { "Xác minh nguồn gốc đất", true, "2028-01-06", 29, null },
        { "Xác minh", true, "2028-01-07", 0, CaseErrors.LongRunningStepDue },
        { "Xác minh", true, "2026-01-04", 0, CaseErrors.LongRunningStepDue },
        { "Xác minh", true, null, 0, CaseErrors.LongRunningStepDue },
        { "Xác minh", false, "2026-01-20", 0, CaseErrors.LongRunningStepOwner },
        { " ", true, "2026-01-20", 0, CaseErrors.LongRunningStepAction },
        { new string('x', 501), true, "2026-01-20", 0, CaseErrors.LongRunningStepAction },
        { "Xác\0minh", true, "2026-01-20", 0, CaseErrors.LongRunningBadText },
        { "Xác minh", true, "2026-01-20", 30, CaseErrors.LongRunningTooManySteps },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void ValidateStep_Input_RefusedWithItsError(string? action, bool owner, string? due, int existing, string? error) =>
        Assert.Equal(error, LongRunningRules.ValidateStep(new PlanStepInput(action, owner ? Guid.NewGuid() : null, D(due)), Today, existing, out _));

    public static TheoryData<string?, string?, bool, string?> Done => new()
    {
        // done on, result, already done, expected error
        { "2026-01-05", "Đã đối thoại, 28/30 hộ đồng thuận", false, null },
        { "2026-01-02", "Xong", false, null },
        { "2026-01-01", "Xong", false, CaseErrors.LongRunningStepDoneOn },
        { "2026-01-06", "Xong", false, CaseErrors.LongRunningStepDoneOn },
        { null, "Xong", false, CaseErrors.LongRunningStepDoneOn },
        { "2026-01-05", "  ", false, CaseErrors.LongRunningStepResult },
        { "2026-01-05", "Xong", true, CaseErrors.LongRunningStepAlreadyDone },
    };

    [Theory]
    [MemberData(nameof(Done))]
    public void ValidateDone_Input_RefusedWithItsError(string? doneOn, string? result, bool alreadyDone, string? error)
    {
        var step = new PlanStep { Action = "Đối thoại", OwnerName = "A", DueOn = Today, DoneOn = alreadyDone ? Registered : null, Result = alreadyDone ? "Xong" : null };

        Assert.Equal(error, LongRunningRules.ValidateDone(new StepDoneInput(D(doneOn), result), step, Registered, Today, out _));
    }

    public static TheoryData<string?, string?, string?, string?> Reviews => new()
    {
        // reviewed on, notes, next review, expected error
        { "2026-01-05", "Đã làm rõ nội dung, chờ kết quả đo đạc", "2026-02-05", null },
        { "2026-01-02", "Rà soát", "2026-01-05", null },
        { "2026-01-06", "Rà soát", "2026-02-05", CaseErrors.LongRunningReviewedOn },
        { "2026-01-01", "Rà soát", "2026-02-05", CaseErrors.LongRunningReviewedOn },
        { "2026-01-05", "Rà soát", "2026-01-05", CaseErrors.LongRunningNextReview },
        { "2026-01-02", "Rà soát", "2026-01-04", CaseErrors.LongRunningNextReview },
        { "2026-01-05", "Rà soát", "2027-01-07", CaseErrors.LongRunningNextReview },
        { "2026-01-05", "", "2026-02-05", CaseErrors.LongRunningReviewNotes },
        { "2026-01-05", "Rà\u2066soát", "2026-02-05", CaseErrors.LongRunningBadText },
    };

    [Theory]
    [MemberData(nameof(Reviews))]
    public void ValidateReview_Input_RefusedWithItsError(string? reviewedOn, string? notes, string? next, string? error) =>
        Assert.Equal(error, LongRunningRules.ValidateReview(new ReviewInput(D(reviewedOn), notes, D(next)), Registered, Today, out _));

    [Theory]
    [InlineData("2026-01-16", "2026-01-16", false)]
    [InlineData("2026-01-16", "2026-01-17", true)]
    public void IsOverdueOn_DayAfterDue_Overdue(string due, string today, bool overdue)
    {
        var step = new PlanStep { Action = "a", OwnerName = "A", DueOn = D(due)!.Value };

        Assert.Equal(overdue, step.IsOverdueOn(D(today)!.Value));
        step.DoneOn = D(due);
        Assert.False(step.IsOverdueOn(D(today)!.Value));
    }

    internal static DateOnly? D(string? s) => s is null ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The register's API and pages: bad input changes nothing, authorization as for every case edit, no denouncer in it.</summary>
public sealed class LongRunningApiTests(PostgresServer server) : IAsyncLifetime
{
    private readonly CasesApp app = new(server);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await app.InitializeAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static object Entry(string? reason = "Khiếu nại đông người về bồi thường giải phóng mặt bằng", bool? hotspot = true, string? hotspotReason = "Nhiều hộ dân tập trung tại trụ sở", string? next = "2026-02-05") =>
        new { reason, isHotspot = hotspot, hotspotReason, nextReviewOn = next };

    [Fact]
    public async Task PutLongRunning_BadInput_VietnameseProblemAndNothingChanged()
    {
        var (staffId, staff) = await app.SignedInAsync("canbo.kd", TestRoles.Staff);
        var file = await app.CreateAsync(CaseKind.Complaint, staffId);
        var bad = new (object Body, string Error)[]
        {
            (Entry(reason: " "), CaseErrors.LongRunningReason),
            (Entry(reason: null), CaseErrors.LongRunningReason),
            (Entry(hotspotReason: null), CaseErrors.LongRunningHotspotReason),
            (Entry(hotspotReason: "a\u202Eb"), CaseErrors.LongRunningBadText),
            (Entry(next: "2026-01-04"), CaseErrors.LongRunningNextReview),
            (Entry(next: null), CaseErrors.LongRunningNextReview),
        };
        var logged = app.Logs.Entries.Count;
        foreach (var (body, error) in bad)
        {
            using var response = await staff.PutAsJsonAsync(Url(file.Id), body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(error, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        }

        using (var hotspot = await staff.PutAsJsonAsync(Url(file.Id), Entry(hotspotReason: " "), Ct))
        {
            Assert.Equal("Khi đánh dấu nguy cơ điểm nóng, vui lòng ghi lý do (tối đa 500 ký tự).", (await hotspot.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        }

        // Steps and reviews on a case that is not in the register: refused, nothing stored.
        using (var step = await staff.PostAsJsonAsync(new Uri(Url(file.Id) + "/steps", UriKind.Relative), new { action = "Xác minh", ownerId = staffId, dueOn = "2026-01-20" }, Ct))
        {
            Assert.Equal(CaseErrors.LongRunningNotRegistered, (await step.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        }

        using var get = await staff.GetAsync(Url(file.Id), Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(0, await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().LongRunningCases.CountAsync(Ct)));
        Assert.DoesNotContain((await app.LoadAsync(file.Id)).History, h => h.Action.StartsWith("LongRunning", StringComparison.Ordinal));
        var lines = app.Logs.Entries.Skip(logged).Where(e => e.Category.EndsWith(nameof(LongRunningService), StringComparison.Ordinal)).ToList();
        Assert.Equal(bad.Length + 2, lines.Count);
        Assert.All(lines, e => Assert.Null(e.Exception));
        Assert.All(lines, e => Assert.Equal(LogLevel.Information, e.Level));
    }

    [Fact]
    public async Task LongRunningEndpoints_CallerWhoMayNotOpenTheCase_SameReplyAsAnUnknownCase()
    {
        var (ownerId, owner) = await app.SignedInAsync("canbo.kd.chu", TestRoles.Staff);
        var (otherId, other) = await app.SignedInAsync("canbo.kd.khac", TestRoles.Staff);
        var file = await app.CreateAsync(CaseKind.Complaint, ownerId);
        var entry = await OkAsync(await owner.PutAsJsonAsync(Url(file.Id), Entry(), Ct));
        entry = await OkAsync(await owner.PostAsJsonAsync(new Uri(Url(file.Id) + "/steps", UriKind.Relative), new { action = "Xác minh", ownerId, dueOn = "2026-01-20" }, Ct));
        var stepId = entry.GetProperty("steps")[0].GetProperty("id").GetGuid();

        foreach (var id in new[] { file.Id, Guid.NewGuid() })
        {
            var responses = new[]
            {
                await other.GetAsync(Url(id), Ct),
                await other.PutAsJsonAsync(Url(id), Entry(reason: "Khác"), Ct),
                await other.PostAsJsonAsync(new Uri(Url(id) + "/steps", UriKind.Relative), new { action = "Khác", ownerId = otherId, dueOn = "2026-01-20" }, Ct),
                await other.PostAsJsonAsync(new Uri($"{Url(id)}/steps/{stepId}/done", UriKind.Relative), new { doneOn = "2026-01-05", result = "Xong" }, Ct),
                await other.PostAsJsonAsync(new Uri(Url(id) + "/reviews", UriKind.Relative), new { reviewedOn = "2026-01-05", notes = "Rà soát", nextReviewOn = "2026-02-05" }, Ct),
                await other.GetAsync(new Uri("/Cases/LongRunningPlan?id=" + id, UriKind.Relative), Ct),
            };
            foreach (var response in responses)
            {
                using (response)
                {
                    Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                }
            }
        }

        // The register lists only the cases the caller may open.
        using var list = await other.GetAsync(new Uri("/api/cases/long-running", UriKind.Relative), Ct);
        Assert.Equal(0, (await list.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetArrayLength());
        Assert.DoesNotContain(file.Number, await other.GetStringAsync(new Uri("/Cases/LongRunning", UriKind.Relative), Ct), StringComparison.Ordinal);
        var stored = await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().LongRunningCases.Include(l => l.Steps).Include(l => l.Reviews).AsNoTracking().SingleAsync(Ct));
        Assert.Equal(("Khiếu nại đông người về bồi thường giải phóng mặt bằng", 1, 0, (DateOnly?)null), (stored.Reason, stored.Steps.Count, stored.Reviews.Count, stored.Steps[0].DoneOn));
        // An account that is not staff (the public) never reaches the API.
        using var anonymous = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var denied = await anonymous.GetAsync(new Uri("/api/cases/long-running", UriKind.Relative), Ct);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    [Fact]
    public async Task Register_DenunciationWithPlanAndReviews_ListedAsHotspotWithOverdueStepsAndNoDenouncer()
    {
        var (staffId, staff) = await app.SignedInAsync("canbo.kd.tc", TestRoles.Staff);
        var (ownerId, _) = await app.SignedInAsync("truongphong.kd", TestRoles.UnitHead);
        var (adminId, _) = await app.SignedInAsync("quantri.kd", TestRoles.Admin);
        var file = await app.CreateAsync(CaseKind.Denunciation, staffId, persons: TestData.Person("Người Tố Cáo Kín", "001000000009", "Số 9 phố Kín"));
        await OkAsync(await staff.PutAsJsonAsync(Url(file.Id), Entry(reason: "Tố cáo kéo dài về quản lý đất công", hotspotReason: "Nhiều người cùng ký đơn"), Ct));
        var steps = new Uri(Url(file.Id) + "/steps", UriKind.Relative);
        // The owner must be an active staff member; an administrator's account is not one, an unknown id neither.
        foreach (var bad in new[] { adminId, Guid.NewGuid() })
        {
            using var refused = await staff.PostAsJsonAsync(steps, new { action = "Xác minh", ownerId = bad, dueOn = "2026-01-09" }, Ct);
            Assert.Equal(CaseErrors.LongRunningStepOwner, (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        }

        await OkAsync(await staff.PostAsJsonAsync(steps, new { action = "Xác minh hiện trạng khu đất", ownerId, dueOn = "2026-01-09" }, Ct));
        var entry = await OkAsync(await staff.PostAsJsonAsync(steps, new { action = "Tổ chức đối thoại", ownerId = staffId, dueOn = "2026-01-30" }, Ct));
        Assert.Equal([(1, "Cán bộ truongphong.kd"), (2, "Cán bộ canbo.kd.tc")], entry.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("position").GetInt32(), s.GetProperty("ownerName").GetString())));
        var firstStep = entry.GetProperty("steps")[0].GetProperty("id").GetGuid();

        // A week later step 1 is overdue; step 2 is done; the review moves the next review date.
        app.SetToday(new DateOnly(2026, 1, 12));
        staff = await ForwardedLetterMailTests.SignInAgainAsync(app, "canbo.kd.tc");
        var secondStep = entry.GetProperty("steps")[1].GetProperty("id").GetGuid();
        var done = new Uri($"{Url(file.Id)}/steps/{secondStep}/done", UriKind.Relative);
        using (var future = await staff.PostAsJsonAsync(done, new { doneOn = "2026-01-13", result = "Đã đối thoại" }, Ct))
        {
            Assert.Equal(CaseErrors.LongRunningStepDoneOn, (await future.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        }

        await OkAsync(await staff.PostAsJsonAsync(done, new { doneOn = "2026-01-12", result = "Đã đối thoại, các bên thống nhất hướng xác minh" }, Ct));
        using (var again = await staff.PostAsJsonAsync(done, new { doneOn = "2026-01-12", result = "Lần nữa" }, Ct))
        {
            Assert.Equal(CaseErrors.LongRunningStepAlreadyDone, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        }

        using (var unknown = await staff.PostAsJsonAsync(new Uri($"{Url(file.Id)}/steps/{Guid.NewGuid()}/done", UriKind.Relative), new { doneOn = "2026-01-12", result = "Xong" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        entry = await OkAsync(await staff.PostAsJsonAsync(new Uri(Url(file.Id) + "/reviews", UriKind.Relative), new { reviewedOn = "2026-01-12", notes = "Bước 1 chậm do chờ đo đạc", nextReviewOn = "2026-01-26" }, Ct));
        Assert.Equal(("2026-01-26", true, false), (entry.GetProperty("nextReviewOn").GetString(), entry.GetProperty("steps")[0].GetProperty("overdue").GetBoolean(), entry.GetProperty("steps")[1].GetProperty("overdue").GetBoolean()));

        using var list = await staff.GetAsync(new Uri("/api/cases/long-running", UriKind.Relative), Ct);
        var row = Assert.Single((await list.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray());
        Assert.Equal((file.Number, true, 1, 1, "2026-01-09", "2026-01-26"), (row.GetProperty("number").GetString(), row.GetProperty("isHotspot").GetBoolean(), row.GetProperty("openSteps").GetInt32(), row.GetProperty("overdueSteps").GetInt32(), row.GetProperty("nextStepDue").GetString(), row.GetProperty("nextReviewOn").GetString()));
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync(new Uri("/Cases/LongRunning", UriKind.Relative), Ct));
        Assert.Contains($"data-case=\"{file.Number}\" data-hotspot=\"true\" data-overdue-steps=\"1\"", page, StringComparison.Ordinal);
        Assert.Contains("1 bước chưa xong, 1 bước quá hạn", page, StringComparison.Ordinal);
        var plan = WebUtility.HtmlDecode(await staff.GetStringAsync(new Uri("/Cases/LongRunningPlan?id=" + file.Id, UriKind.Relative), Ct));
        Assert.Contains("data-step=\"1\" data-overdue=\"true\"", plan, StringComparison.Ordinal);
        Assert.Contains("quá hạn 3 ngày", plan, StringComparison.Ordinal);
        Assert.Contains("Xong ngày 12/01/2026: Đã đối thoại, các bên thống nhất hướng xác minh", plan, StringComparison.Ordinal);

        // Each change is a line of the case history; nothing of the denouncer is in the register, its history or its pages.
        var history = (await app.LoadAsync(file.Id)).History.Select(h => h.Action).ToList();
        Assert.Equal(["LongRunningRegistered", "LongRunningReviewed", "PlanStepAdded", "PlanStepAdded", "PlanStepDone"], history.Where(a => a.StartsWith("LongRunning", StringComparison.Ordinal) || a.StartsWith("PlanStep", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var (dump, tables) = await DatabaseDump.ReadAsync(app.ConnectionString, Ct);
        Assert.Contains("cases.long_running_cases", tables);
        Assert.Contains("Nhiều người cùng ký đơn", dump, StringComparison.Ordinal);
        foreach (var secret in new[] { "Người Tố Cáo Kín", "001000000009", "Số 9 phố Kín" })
        {
            Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, plan, StringComparison.Ordinal);
        }

        // Viewing a denunciation's plan is logged like viewing the case.
        Assert.Contains(await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().AccessLog.AsNoTracking().Where(a => a.CaseId == file.Id).Select(a => a.What).ToListAsync(Ct)), w => w.Contains("kế hoạch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlanPage_RegisterAndStep_BadInputExplainedInVietnamese_ThenSaved()
    {
        var (staffId, staff) = await app.SignedInAsync("canbo.kd.trang", TestRoles.Staff);
        var file = await app.CreateAsync(CaseKind.Complaint, staffId);
        var plan = new Uri("/Cases/LongRunningPlan?id=" + file.Id, UriKind.Relative);
        Assert.Contains("Hồ sơ này chưa có trong sổ theo dõi vụ việc phức tạp, kéo dài.", WebUtility.HtmlDecode(await staff.GetStringAsync(plan, Ct)), StringComparison.Ordinal);

        async Task<string> PostAsync(string handler, Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = await staff.AntiforgeryTokenAsync(plan, Ct);
            using var response = await staff.PostAsync(new Uri($"/Cases/LongRunningPlan?id={file.Id}&handler={handler}", UriKind.Relative), new FormUrlEncodedContent(fields), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return WebUtility.HtmlDecode(await staff.GetStringAsync(plan, Ct));
        }

        var refused = await PostAsync("Register", new() { ["Register.Reason"] = "Khiếu nại kéo dài", ["Register.IsHotspot"] = "true", ["Register.NextReviewOn"] = "2026-02-05" });
        Assert.Contains("Khi đánh dấu nguy cơ điểm nóng, vui lòng ghi lý do (tối đa 500 ký tự).", refused, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().LongRunningCases.CountAsync(Ct)));

        var saved = await PostAsync("Register", new() { ["Register.Reason"] = "Khiếu nại kéo dài", ["Register.IsHotspot"] = "true", ["Register.HotspotReason"] = "Tụ tập đông người", ["Register.NextReviewOn"] = "2026-02-05" });
        Assert.Contains("data-hotspot=\"true\"", saved, StringComparison.Ordinal);
        var noStep = await PostAsync("Step", new() { ["Step.Action"] = "Xác minh", ["Step.OwnerId"] = staffId.ToString(), ["Step.DueOn"] = "2026-01-02" });
        Assert.Contains("Hạn của bước phải từ hôm nay trở đi và trong vòng hai năm.", noStep, StringComparison.Ordinal);
        var step = await PostAsync("Step", new() { ["Step.Action"] = "Xác minh thực địa", ["Step.OwnerId"] = staffId.ToString(), ["Step.DueOn"] = "2026-01-20" });
        Assert.Contains("data-step=\"1\" data-overdue=\"false\" data-done=\"false\"", step, StringComparison.Ordinal);
        // Unticking the flag clears it and its reason.
        var cleared = await PostAsync("Register", new() { ["Register.Reason"] = "Khiếu nại kéo dài", ["Register.HotspotReason"] = "Tụ tập đông người", ["Register.NextReviewOn"] = "2026-02-05" });
        Assert.Contains("data-hotspot=\"false\"", cleared, StringComparison.Ordinal);
        Assert.Null(await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().LongRunningCases.AsNoTracking().Select(l => l.HotspotReason).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Register_FinishedCase_Refused()
    {
        var (staffId, staff) = await app.SignedInAsync("canbo.kd.xong", TestRoles.Staff);
        var file = await app.CreateAsync(CaseKind.Feedback, staffId);
        await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().Cases.Where(c => c.Id == file.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.Refused).SetProperty(c => c.RefusalGround, "Vụ việc đã được giải quyết đúng"), Ct));
        using var response = await staff.PutAsJsonAsync(Url(file.Id), Entry(), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(CaseErrors.LongRunningCaseClosed, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
    }

    private static Uri Url(Guid id) => new($"/api/cases/{id}/long-running", UriKind.Relative);

    private async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body + string.Join('\n', app.Logs.Entries.Where(e => e.Exception is not null).Select(e => e.Exception!.ToString())));
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
