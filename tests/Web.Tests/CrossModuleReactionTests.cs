using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>The host's wiring between Realtime and Cases, through the app's own container and database.</summary>
public sealed class CrossModuleReactionTests(PostgresServer server)
{
    [Fact]
    public async Task SessionEnded_CaseAccepted_OpensCaseLinkedToSession()
    {
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "x-" + Guid.NewGuid().ToString("N")[..8]));
        using var client = app.CreateClient();
        var chairman = await app.CreateStaffAsync("chutich", "Ch@irman-2026", "Nguyễn Văn A", TestRoles.Chairman);
        var session = Ended(chairman, SessionOutcome.CaseAccepted, null);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            foreach (var sink in scope.ServiceProvider.GetServices<ISessionOutcomeSink>())
            {
                await sink.SessionEndedAsync(session, TestContext.Current.CancellationToken);
            }
        }

        await using var read = app.Services.CreateAsyncScope();
        var found = await read.ServiceProvider.GetRequiredService<ICaseHistoryReader>().ForSessionAsync(session.SessionId, TestContext.Current.CancellationToken);
        Assert.NotNull(found);
        Assert.False(string.IsNullOrWhiteSpace(found.Number));
    }

    [Fact]
    public async Task SessionEnded_Refused_NoCaseOpened()
    {
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "x-" + Guid.NewGuid().ToString("N")[..8]));
        using var client = app.CreateClient();
        var chairman = await app.CreateStaffAsync("chutich", "Ch@irman-2026", "Nguyễn Văn A", TestRoles.Chairman);
        var session = Ended(chairman, SessionOutcome.Refused, RefusalGround.AlreadyResolvedAndRepeated);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            foreach (var sink in scope.ServiceProvider.GetServices<ISessionOutcomeSink>())
            {
                await sink.SessionEndedAsync(session, TestContext.Current.CancellationToken);
            }
        }

        await using var read = app.Services.CreateAsyncScope();
        Assert.Null(await read.ServiceProvider.GetRequiredService<ICaseHistoryReader>().ForSessionAsync(session.SessionId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SessionEnded_GuidedWithLongNote_BookEntryKeepsWholeNoteAndShortGuidedTo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "x-" + Guid.NewGuid().ToString("N")[..8]));
        using var client = app.CreateClient();
        var chairman = await app.CreateStaffAsync("chutich", "Ch@irman-2026", "Nguyễn Văn A", TestRoles.Chairman);
        // The console accepts notes far longer than the book's "guided to" column.
        var note = "Hướng dẫn công dân đến Tòa án nhân dân khu vực để khởi kiện vụ án dân sự. " + new string('x', 900);
        var session = Ended(chairman, SessionOutcome.GuidedToCompetentAgency, null) with { OutcomeNote = note };

        await app.WithScopeAsync(async sp =>
        {
            foreach (var sink in sp.GetServices<ISessionOutcomeSink>())
            {
                await sink.SessionEndedAsync(session, ct);
            }

            return true;
        });

        var entry = await app.WithScopeAsync(sp => sp.GetRequiredService<CasesDbContext>().Receptions.AsNoTracking().SingleAsync(r => r.SessionId == session.SessionId, ct));
        Assert.Equal(note, entry.Notes);
        Assert.Equal(300, entry.GuidedTo!.Length);
        Assert.StartsWith("Hướng dẫn công dân đến Tòa án", entry.GuidedTo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionEnded_BookedGroup_BookRowAndCaseCarryWhatTheCitizenGaveAtBooking()
    {
        // Found on a phone: the case of an online session read "Nguyễn Thị Lan · · ·" and the book's ID column was
        // blank, though address, ID and phone had been given at booking.
        var ct = TestContext.Current.CancellationToken;
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "x-" + Guid.NewGuid().ToString("N")[..8]));
        using var client = app.CreateClient();
        var chairman = await app.CreateStaffAsync("chutich", "Ch@irman-2026", "Nguyễn Văn A", TestRoles.Chairman);
        var bookings = new ReceptionBookings(app.Services);
        var booked = await bookings.BookAsync(await bookings.OpenDayAsync(chairman), 0, fullName: "Nguyễn Thị Lan", otherRepresentatives: ["Trần Văn Hùng"], citizenIdNumber: "001190012345");
        var ended = Ended(chairman, SessionOutcome.CaseAccepted, null) with { BookingId = booked.BookingId };

        await app.WithScopeAsync(async sp =>
        {
            foreach (var sink in sp.GetServices<ISessionOutcomeSink>())
            {
                await sink.SessionEndedAsync(ended, ct);
            }

            return true;
        });

        await using var read = app.Services.CreateAsyncScope();
        var db = read.ServiceProvider.GetRequiredService<CasesDbContext>();
        var row = await db.Receptions.AsNoTracking().SingleAsync(r => r.SessionId == ended.SessionId, ct);
        Assert.Equal("Nguyễn Thị Lan; Trần Văn Hùng", row.CitizenName);
        Assert.Equal("001190012345", row.CitizenIdNumber);
        Assert.Equal("Số 1 đường Đào Viên", row.CitizenAddress);
        Assert.Equal("0912345678", row.CitizenPhone);
        Assert.Equal(2, row.PeopleCount);
        var persons = await db.Cases.AsNoTracking().Where(c => c.Id == row.CaseId).SelectMany(c => c.Persons).OrderBy(p => p.Position).ToListAsync(ct);
        Assert.Collection(
            persons,
            p => Assert.Equal(("Nguyễn Thị Lan", "Số 1 đường Đào Viên", "001190012345", "0912345678", true), (p.FullName, p.Address, p.IdNumber, p.Phone, p.IsRepresentative)),
            p => Assert.Equal(("Trần Văn Hùng", null, null, null, true), (p.FullName, p.Address, p.IdNumber, p.Phone, p.IsRepresentative)));
    }

    [Fact]
    public async Task SessionEnded_DenunciationBooking_BookRowCarriesTheBookingsSealedIdentity()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "x-" + Guid.NewGuid().ToString("N")[..8]));
        using var client = app.CreateClient();
        var chairman = await app.CreateStaffAsync("chutich", "Ch@irman-2026", "Nguyễn Văn A", TestRoles.Chairman);
        var bookings = new ReceptionBookings(app.Services);
        var booked = await bookings.BookAsync(await bookings.OpenDayAsync(chairman), 0, fullName: "Hoàng Thị Tố Giác", kind: Scheduling.Bookings.MatterKind.Denunciation);
        var ended = Ended(chairman, SessionOutcome.AnsweredOnTheSpot, null) with { BookingId = booked.BookingId };

        await using (var scope = app.Services.CreateAsyncScope())
        {
            foreach (var sink in scope.ServiceProvider.GetServices<ISessionOutcomeSink>())
            {
                await sink.SessionEndedAsync(ended, ct);
            }
        }

        await using var read = app.Services.CreateAsyncScope();
        var sealedAtBooking = await read.ServiceProvider.GetRequiredService<Scheduling.Persistence.SchedulingDbContext>().Bookings
            .Where(b => b.Id == booked.BookingId).Select(b => b.SealedIdentity).SingleAsync(ct);
        var row = await read.ServiceProvider.GetRequiredService<CasesDbContext>().Receptions.SingleAsync(r => r.SessionId == ended.SessionId, ct);
        Assert.NotNull(sealedAtBooking);
        Assert.Equal(sealedAtBooking, row.SealedIdentity);
        var privateKey = await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, Kernel.Sealing.IdentitySealer.PrivateKeyFileName), ct);
        using var identity = System.Text.Json.JsonDocument.Parse(Kernel.Sealing.SealedBox.Open(row.SealedIdentity!, privateKey));
        Assert.Equal("Hoàng Thị Tố Giác", identity.RootElement.GetProperty("FullName").GetString());
    }

    private static ReceptionSessionInfo Ended(Guid chairman, SessionOutcome outcome, RefusalGround? ground)
    {
        var start = new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);
        return new ReceptionSessionInfo(
            Guid.NewGuid(), null, new DateOnly(2026, 11, 26), chairman, start, start.AddMinutes(20), outcome, ground, "Ghi chú",
            [
                new SessionParticipantInfo(Guid.NewGuid(), ParticipantRole.Presiding, chairman, "Nguyễn Văn A", start, start.AddMinutes(20), false),
                new SessionParticipantInfo(Guid.NewGuid(), ParticipantRole.Citizen, null, "Trần Thị B", start, start.AddMinutes(20), false),
            ],
            2);
    }
}
