using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Scheduling.Bookings;

/// <summary>
/// A citizen who lost the private join link gets a new one after proving the booking is theirs: its code and the ID
/// number given at booking (docs/adr/0092). Only the token's hash is stored, so the old link cannot be shown again: a
/// new token replaces it (the old link stops working) and, when the booking has an e-mail address, the new link is
/// also sent there. A denunciation keeps no ID number in plain form, so it cannot be checked here: the citizen is
/// asked to call the ward's office with the code.
/// </summary>
internal sealed partial class JoinLinkReissue(
    SchedulingDbContext db,
    NotificationComposer notifications,
    ReissueAttempts attempts,
    WardClock clock,
    IOptions<SchedulingOptions> options,
    ILogger<JoinLinkReissue> logger)
{
    /// <summary>Wrong ID numbers a booking takes in <see cref="ReissueAttempts.Window"/> before it refuses all tries.</summary>
    public const int MaxWrongAttempts = 5;

    /// <summary>Checks the code and ID number and, when they match an active booking, replaces its join link.</summary>
    /// <param name="code">The booking code as typed (spaces and case do not matter).</param>
    /// <param name="citizenIdNumber">The ID number as typed.</param>
    /// <param name="alreadyReceived">
    /// Whether a reception of the booking has already ended (Realtime knows, Scheduling does not): the link would open
    /// nothing, so it is refused, and only to the booking's owner — after the number matched.
    /// </param>
    /// <param name="cancellationToken">Cancels the lookup and the save.</param>
    public async Task<Outcome<BookingReceipt>> ReissueAsync(string? code, string? citizenIdNumber, bool alreadyReceived, CancellationToken cancellationToken)
    {
        var normalizedCode = JoinTokens.NormalizeCode(code);
        var idNumber = CitizenIdNumber.Normalize(citizenIdNumber);
        if (normalizedCode.Length == 0 || !CitizenIdNumber.IsValid(idNumber))
        {
            return SchedulingError.Invalid("Reissue.IdNumber", "citizenIdNumber");
        }

        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Code == normalizedCode, cancellationToken);
        // Unknown code and wrong number read the same: the form does not tell which codes exist.
        if (booking is null)
        {
            return SchedulingError.Invalid("Reissue.NoMatch", "citizenIdNumber");
        }

        if (attempts.IsBlocked(booking.Id, clock.UtcNow))
        {
            return SchedulingError.Invalid("Reissue.TooManyWrong", "citizenIdNumber");
        }

        if (booking.IsSealed)
        {
            return SchedulingError.Invalid("Reissue.Sealed", "citizenIdNumber");
        }

        if (!SameNumber(booking.CitizenIdNumber, idNumber))
        {
            if (attempts.Fail(booking.Id, clock.UtcNow) == MaxWrongAttempts)
            {
                LogBlocked(logger, booking.Code, MaxWrongAttempts);
            }

            return SchedulingError.Invalid("Reissue.NoMatch", "citizenIdNumber");
        }

        if (alreadyReceived)
        {
            return SchedulingError.Invalid("Reissue.AlreadyReceived", "code");
        }

        var day = await db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == booking.ReceptionDayId, cancellationToken);
        if (booking.Status is not (BookingStatus.Pending or BookingStatus.Confirmed) || day.Status != ReceptionDays.ReceptionDayStatus.Published)
        {
            return SchedulingError.Invalid("Reissue.NotActive", "code");
        }

        if (clock.ToInstant(day.Date, booking.SlotEnd) <= clock.UtcNow)
        {
            return SchedulingError.Invalid("Reissue.DayOver", "code");
        }

        var token = JoinTokens.NewToken();
        booking.JoinTokenHash = JoinTokens.Hash(token);
        var template = options.Value.Bookings.JoinPathTemplate;
        notifications.JoinLinkReissued(booking, day, token, template);
        await db.SaveChangesAsync(cancellationToken);
        attempts.Forget(booking.Id);
        LogReissued(logger, booking.Code);
        return new BookingReceipt(booking.Id, booking.Code, token, template.Replace("{token}", token, StringComparison.Ordinal), day.Date, booking.SlotStart, booking.SlotEnd);
    }

    private static bool SameNumber(string? stored, string given) =>
        stored is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(given));

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {Code}: a new join link was issued on the status page; the previous one no longer works")]
    private static partial void LogReissued(ILogger logger, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Booking {Code}: {Count} wrong ID numbers on the status page; new links refused for an hour")]
    private static partial void LogBlocked(ILogger logger, string code, int count);
}

/// <summary>
/// Wrong ID numbers per booking, in memory (a restart forgets them; the per-address limit of the status page still
/// holds): a code read over someone's shoulder cannot be tried against every birth year and serial.
/// </summary>
internal sealed class ReissueAttempts
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Entries kept before a wrong try sweeps out those whose window has passed.</summary>
    public const int PruneAbove = 1000;

    private readonly ConcurrentDictionary<Guid, (int Count, DateTimeOffset Since)> _wrong = new();

    /// <summary>Bookings with wrong tries remembered.</summary>
    public int Count => _wrong.Count;

    public bool IsBlocked(Guid bookingId, DateTimeOffset now) =>
        _wrong.TryGetValue(bookingId, out var w) && now - w.Since < Window && w.Count >= JoinLinkReissue.MaxWrongAttempts;

    public int Fail(Guid bookingId, DateTimeOffset now)
    {
        if (_wrong.Count > PruneAbove)
        {
            foreach (var (id, w) in _wrong)
            {
                if (now - w.Since >= Window)
                {
                    _wrong.TryRemove(id, out _);
                }
            }
        }

        return _wrong.AddOrUpdate(bookingId, (1, now), (_, w) => now - w.Since >= Window ? (1, now) : (w.Count + 1, w.Since)).Count;
    }

    public void Forget(Guid bookingId) => _wrong.TryRemove(bookingId, out _);
}
