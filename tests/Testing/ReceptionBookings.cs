using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DaoVien.OnlineReception.Testing;

/// <summary>What a citizen holds after booking: the code and the private join link's token (shown once).</summary>
public sealed record BookedCitizen(Guid BookingId, string Code, string JoinToken, DateOnly Date, TimeOnly SlotStart, TimeOnly SlotEnd)
{
    public string JoinPath => "/Reception/Join?t=" + JoinToken;
}

/// <summary>
/// Real bookings in the app's database, made through the scheduling module's own services (the same rules as the
/// public booking form: a published day, a free future slot, confirmation by the office). A reception day that
/// starts a couple of minutes from the app's clock has its lobby open now (it opens 15 minutes before).
/// </summary>
public sealed class ReceptionBookings(IServiceProvider services)
{
    private const string Reason = "Tiếp công dân đột xuất (kiểm thử)";

    /// <summary>
    /// Publishes an ad-hoc online reception day <paramref name="daysFromToday"/> days after today (the ward's date) whose first slot starts
    /// at the next whole minute plus one, presided by <paramref name="presidingOfficialId"/>. A day of that official
    /// that would overlap (e.g. the default weekly rule's) is cancelled first, as the office would do.
    /// </summary>
    public async Task<Guid> OpenDayAsync(Guid presidingOfficialId, int daysFromToday = 0, int slotMinutes = 5, int capacity = 24)
    {
        await using var scope = services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<WardClock>();
        var local = clock.ToLocal(clock.UtcNow);
        var startTime = new TimeOnly(local.Hour, local.Minute).AddMinutes(2, out var wrapped);
        Assert.True(wrapped == 0 && startTime < new TimeOnly(23, 0), "bookings for today need at least an hour left in the ward's day");
        var day = clock.Today.AddDays(daysFromToday);
        var maxSlots = (int)((new TimeOnly(23, 59) - startTime).TotalMinutes / slotMinutes);
        capacity = Math.Min(capacity, maxSlots);
        var endTime = startTime.AddMinutes(slotMinutes * capacity);
        var request = new AdHocDayRequest(day, startTime, endTime, presidingOfficialId, null, Online: true, Reason, slotMinutes, capacity);
        var days = scope.ServiceProvider.GetRequiredService<ReceptionDayService>();
        var added = await days.AddAdHocAsync(request, Ct);
        if (!added.Succeeded)
        {
            var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
            var clashing = await db.ReceptionDays.Where(d => d.Date == day && d.Status == ReceptionDayStatus.Published).Select(d => d.Id).ToListAsync(Ct);
            foreach (var id in clashing)
            {
                Check((await days.CancelAsync(id, "Nhường chỗ cho buổi tiếp kiểm thử", Ct)).Error);
            }

            added = await days.AddAdHocAsync(request, Ct);
        }

        Check(added.Error);
        return added.Value!.Id;
    }

    /// <summary>Books slot number <paramref name="slot"/> (0 = first) of <paramref name="dayId"/> and, unless told otherwise, confirms it.</summary>
    public async Task<BookedCitizen> BookAsync(
        Guid dayId,
        int slot,
        string fullName = "Nguyễn Văn Dân",
        MatterKind kind = MatterKind.Complaint,
        bool confirm = true,
        IReadOnlyList<string>? otherRepresentatives = null,
        string citizenIdNumber = "001089012345")
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var day = await db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == dayId, Ct);
        var start = day.StartTime.AddMinutes(slot * day.SlotMinutes);
        var bookings = scope.ServiceProvider.GetRequiredService<BookingService>();
        var receipt = await bookings.CreateAsync(
            new BookingRequest(dayId, start, fullName, citizenIdNumber, "0912345678", null, "Số 1 đường Đào Viên", kind,
                "Đất đai", "Tranh chấp ranh giới thửa đất với hộ liền kề", PrivacyAcknowledged: true, otherRepresentatives),
            Ct);
        Check(receipt.Error);
        if (confirm)
        {
            Check((await bookings.ConfirmAsync(receipt.Value!.Id, "vanphong", Ct)).Error);
        }

        var r = receipt.Value!;
        return new BookedCitizen(r.Id, r.Code, r.JoinToken, r.Date, r.SlotStart, r.SlotEnd);
    }

    /// <summary>A day opened now with one confirmed booking on its first slot (the common case of the session tests).</summary>
    public async Task<BookedCitizen> BookTodayAsync(Guid presidingOfficialId, string fullName = "Nguyễn Văn Dân", IReadOnlyList<string>? otherRepresentatives = null) =>
        await BookAsync(await OpenDayAsync(presidingOfficialId), 0, fullName, otherRepresentatives: otherRepresentatives);

    /// <summary>
    /// For load drivers only: <paramref name="count"/> confirmed bookings on <paramref name="dayId"/>, written straight
    /// into the scheduling tables (a millisecond apart within the first slot, which the booking form would refuse; queue order = list order), so a
    /// thousand citizens can wait in one lobby. Returns their join tokens in queue order.
    /// </summary>
    public async Task<IReadOnlyList<string>> SeedConfirmedAsync(Guid dayId, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<WardClock>();
        var day = await db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == dayId);
        var tokens = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var token = JoinTokens.NewToken();
            tokens.Add(token);
            db.Bookings.Add(new Booking
            {
                Id = Guid.CreateVersion7(),
                Code = JoinTokens.NewCode(),
                JoinTokenHash = JoinTokens.Hash(token),
                ReceptionDayId = dayId,
                SlotStart = day.StartTime.Add(TimeSpan.FromMilliseconds(i)),
                SlotEnd = day.EndTime,
                Status = BookingStatus.Confirmed,
                Kind = MatterKind.Petition,
                SubjectArea = "Đô thị",
                Summary = "Kiến nghị về chiếu sáng công cộng",
                FullName = "Công dân " + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PrivacyAcknowledgedAt = clock.UtcNow,
                CreatedAt = clock.UtcNow,
                DecidedAt = clock.UtcNow,
                DecidedBy = "bench",
            });
        }

        await db.SaveChangesAsync();
        return tokens;
    }

    // Outside a test (the benchmarks) there is no test to cancel.
    private static CancellationToken Ct => TestContext.Current?.CancellationToken ?? CancellationToken.None;

    private static void Check(SchedulingError? error) => Assert.True(error is null, error?.Message);
}
