using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>The public contracts the web host wires: session outcome → reception → case, recordings, earlier cases.</summary>
public sealed class IntakeTests(CasesApp app) : IClassFixture<CasesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateCaseFromReception_Twice_OneCaseLinkedToTheSession()
    {
        var session = Guid.NewGuid();
        await using var scope = app.Scope();
        var intake = scope.ServiceProvider.GetRequiredService<ICaseIntake>();
        var reception = await intake.RecordReceptionAsync(Record(session, ReceptionOutcome.CaseAccepted, "Cao Văn Phiên", "001234000111"), Ct);

        var first = await intake.CreateCaseFromReceptionAsync(reception.Value, null, Ct);
        var second = await intake.CreateCaseFromReceptionAsync(reception.Value, null, Ct);

        Assert.Equal(first.Value, second.Value);
        var file = await app.LoadAsync(first.Value!.CaseId);
        Assert.Equal(CaseChannel.OnlineSession, file.Channel);
        Assert.Contains(file.Links, l => l.Kind == CaseLinkKind.Session && l.TargetId == session);
        Assert.Equal(first.Value, await scope.ServiceProvider.GetRequiredService<ICaseHistoryReader>().ForSessionAsync(session, Ct));
    }

    [Fact]
    public async Task RecordReception_RefusedWithoutGround_OrSixPeople_IsRefusedAndNothingRecorded()
    {
        await using var scope = app.Scope();
        var intake = scope.ServiceProvider.GetRequiredService<ICaseIntake>();

        var noGround = await intake.RecordReceptionAsync(Record(Guid.NewGuid(), ReceptionOutcome.Refused, "Ai Đó", null), Ct);
        var six = await intake.RecordReceptionAsync(Record(Guid.NewGuid(), ReceptionOutcome.AnsweredOnSpot, "Ai Đó", null) with
        {
            Participants = [.. Enumerable.Range(1, 6).Select(i => TestData.Person("Người " + i))],
        }, Ct);
        var byPost = await intake.RecordReceptionAsync(Record(Guid.NewGuid(), ReceptionOutcome.AnsweredOnSpot, "Ai Đó", null) with { Channel = CaseChannel.Post }, Ct);

        Assert.Equal(CaseErrors.ReceptionOutcomeGround, noGround.Error);
        Assert.Equal(CaseErrors.TooManyRepresentatives, six.Error);
        Assert.Equal(CaseErrors.ReceptionChannel, byPost.Error);
    }

    [Fact]
    public async Task Recordings_AttachToSessionCasesThenDetach_LinkedOnceAndLoggedInHistory()
    {
        var session = Guid.NewGuid();
        var archive = Guid.NewGuid();
        await using var scope = app.Scope();
        var intake = scope.ServiceProvider.GetRequiredService<ICaseIntake>();
        var recordings = scope.ServiceProvider.GetRequiredService<ICaseRecordings>();
        var reception = await intake.RecordReceptionAsync(Record(session, ReceptionOutcome.CaseAccepted, "Đàm Văn Ghi", null), Ct);
        var created = await intake.CreateCaseFromReceptionAsync(reception.Value, null, Ct);

        Assert.Equal(1, await recordings.AttachToSessionCasesAsync(session, archive, "Bản ghi phiên 05/01/2026", Ct));
        Assert.True(await recordings.AttachAsync(created.Value!.CaseId, archive, "lặp lại", null, Ct));
        Assert.Contains((await app.LoadAsync(created.Value.CaseId)).Links, l => l.Kind == CaseLinkKind.Recording && l.TargetId == archive);
        Assert.Single((await app.LoadAsync(created.Value.CaseId)).Links, l => l.Kind == CaseLinkKind.Recording);

        Assert.True(await recordings.DetachAsync(created.Value.CaseId, archive, Guid.NewGuid(), Ct));
        Assert.False(await recordings.DetachAsync(created.Value.CaseId, archive, null, Ct));
        Assert.False(await recordings.AttachAsync(Guid.NewGuid(), archive, "x", null, Ct));

        var file = await app.LoadAsync(created.Value.CaseId);
        Assert.DoesNotContain(file.Links, l => l.Kind == CaseLinkKind.Recording);
        Assert.Contains(file.History, h => h.Action == "RecordingAttached" && h.Details.Contains("Bản ghi phiên 05/01/2026", StringComparison.Ordinal));
        Assert.Contains(file.History, h => h.Action == "RecordingDetached");
    }

    [Fact]
    public async Task EarlierCases_ByCitizenIdNumber_FindsComplaintsNeverDenunciations()
    {
        const string id = "038090001234";
        var complaint = await app.CreateAsync(CaseKind.Complaint, persons: TestData.Person("Kiều Văn Cũ", id));
        await app.CreateAsync(CaseKind.Denunciation, persons: TestData.Person("Kiều Văn Cũ", id));

        await using var scope = app.Scope();
        var earlier = await scope.ServiceProvider.GetRequiredService<ICaseHistoryReader>().ForCitizenIdNumberAsync("038 090 001 234", Ct);

        var found = Assert.Single(earlier);
        Assert.Equal(complaint.Number, found.Number);
        Assert.Equal("Đã tiếp nhận", found.Status);
    }

    private ReceptionRecord Record(Guid session, ReceptionOutcome outcome, string name, string? id) => new(
        app.Clock.GetUtcNow(), CaseChannel.OnlineSession, CaseKind.Complaint, "Chính sách xã hội", "Đề nghị xem xét chế độ", [TestData.Person(name, id)], 1,
        outcome, null, null, null, null, session, null, null);
}

/// <summary>A case opened from a citizen's booking, read through the scheduling module's <c>IBookingDirectory</c>.</summary>
public sealed class BookingIntakeTests(CasesApp app) : IClassFixture<CasesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateCaseFromBooking_Twice_OneCaseWithTheBookingsMatter()
    {
        var bookingId = await SeedBookingAsync(Scheduling.Bookings.MatterKind.Petition, "Trương Văn Đặt Lịch");
        await using var scope = app.Scope();
        var intake = scope.ServiceProvider.GetRequiredService<ICaseIntake>();

        var first = await intake.CreateCaseFromBookingAsync(bookingId, null, Ct);
        var second = await intake.CreateCaseFromBookingAsync(bookingId, null, Ct);
        var unknown = await intake.CreateCaseFromBookingAsync(Guid.NewGuid(), null, Ct);

        Assert.True(first.Succeeded, first.Error);
        Assert.Equal(first.Value, second.Value);
        Assert.Equal(CaseErrors.BookingUnknown, unknown.Error);
        var file = await app.LoadAsync(first.Value!.CaseId);
        Assert.Equal((CaseKind.Petition, CaseChannel.Booking, "Giao thông"), (file.Kind, file.Channel, file.SubjectArea));
        Assert.Equal("Trương Văn Đặt Lịch", Assert.Single(file.Persons).FullName);
        Assert.Contains(await scope.ServiceProvider.GetRequiredService<ICaseHistoryReader>().ForBookingAsync(bookingId, Ct), c => c.CaseId == first.Value.CaseId);
    }

    [Fact]
    public async Task CreateCaseFromBooking_Denunciation_PersonSealedOnTheCase()
    {
        var bookingId = await SeedBookingAsync(Scheduling.Bookings.MatterKind.Denunciation, null);
        await using var scope = app.Scope();

        var created = await scope.ServiceProvider.GetRequiredService<ICaseIntake>().CreateCaseFromBookingAsync(bookingId, null, Ct);

        var file = await app.LoadAsync(created.Value!.CaseId);
        Assert.Equal(CaseKind.Denunciation, file.Kind);
        Assert.All(file.Persons, p => Assert.True(p.IsSealed && p.FullName is null));
    }

    private async Task<Guid> SeedBookingAsync(Scheduling.Bookings.MatterKind kind, string? name)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Scheduling.Persistence.SchedulingDbContext>();
        var day = new Scheduling.ReceptionDays.ReceptionDay
        {
            Id = Guid.NewGuid(), Date = app.Today, StartTime = new TimeOnly(7, 30), EndTime = new TimeOnly(11, 30),
            StartsAt = app.Clock.GetUtcNow(), EndsAt = app.Clock.GetUtcNow().AddHours(4), PresidingName = "Chủ tịch UBND phường", Place = "Trụ sở",
            SlotMinutes = 30, Capacity = 8, PublishedAt = app.Clock.GetUtcNow(),
        };
        var booking = new Scheduling.Bookings.Booking
        {
            Id = Guid.NewGuid(), Code = "T" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant(), JoinTokenHash = Guid.NewGuid().ToByteArray(), ReceptionDayId = day.Id,
            SlotStart = new TimeOnly(7, 30), SlotEnd = new TimeOnly(8, 0), Kind = kind, SubjectArea = "Giao thông", Summary = "Đề nghị sửa đường",
            FullName = name, SealedIdentity = name is null ? "ds1.sealed-in-scheduling" : null, CreatedAt = app.Clock.GetUtcNow(), PrivacyAcknowledgedAt = app.Clock.GetUtcNow(),
        };
        db.ReceptionDays.Add(day);
        db.Bookings.Add(booking);
        await db.SaveChangesAsync(Ct);
        return booking.Id;
    }
}

/// <summary>An in-person reception typed in by staff lands in the reception book and opens a case the staff member handles.</summary>
public sealed class InPersonReceptionPageTests(CasesApp app) : IClassFixture<CasesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReceptionCreatePage_CaseAccepted_RecordsInPersonReceptionAndOpensAssignedCase()
    {
        var (staffId, staff) = await app.SignedInAsync("canbo.taiquay", Testing.TestRoles.Staff);
        var form = await staff.GetStringAsync(new Uri("/Cases/ReceptionCreate", UriKind.Relative), Ct);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Date"] = app.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Time"] = "08:00",
            ["Input.Kind"] = "Complaint",
            ["Input.SubjectArea"] = "Xây dựng",
            ["Input.Content"] = "Khiếu nại việc cấp phép xây dựng",
            ["Input.PeopleCount"] = "2",
            ["Input.Outcome"] = "CaseAccepted",
            ["Input.Persons[0].FullName"] = "Quách Văn Tại Quầy",
            ["Input.Persons[0].IdNumber"] = "001222333444",
            ["Input.Persons[0].IsRepresentative"] = "true",
            ["Input.Persons[1].FullName"] = "Quách Thị Đi Cùng",
        };
        using var content = new FormUrlEncodedContent(fields);

        using var response = await staff.PostAsync(new Uri("/Cases/ReceptionCreate", UriKind.Relative), content, Ct);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var caseId = Guid.Parse(System.Text.RegularExpressions.Regex.Match(response.Headers.Location!.OriginalString, "id=([0-9a-f-]{36})").Groups[1].Value);
        var file = await app.LoadAsync(caseId);
        Assert.Equal((CaseChannel.InPerson, staffId), (file.Channel, file.AssigneeId!.Value));
        Assert.Equal(2, file.Persons.Count);
        Assert.Contains(file.History, h => h.ActorName == "canbo.taiquay");
        var book = await staff.GetStringAsync(new Uri("/Cases/Receptions", UriKind.Relative), Ct);
        Assert.Contains("Quách Văn Tại Quầy; Quách Thị Đi Cùng", book, StringComparison.Ordinal);
        Assert.Contains("Đã lập hồ sơ " + file.Number, book, StringComparison.Ordinal);
    }
}
