using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace DaoVien.OnlineReception.Scheduling.Bookings;

/// <summary>
/// Expires bookings staff did not confirm within <see cref="BookingOptions.UnconfirmedExpiry"/>: the slot is free
/// again (the partial unique index only counts pending and confirmed ones) and the citizen is told.
/// </summary>
internal sealed partial class BookingExpiry(
    SchedulingDbContext db,
    NotificationComposer notifications,
    WardClock clock,
    IOptions<SchedulingOptions> options,
    ILogger<BookingExpiry> logger)
{
    public async Task<int> ExpireUnconfirmedAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.UtcNow - options.Value.Bookings.UnconfirmedExpiry;
        var due = await (from booking in db.Bookings.AsNoTracking()
                         join day in db.ReceptionDays.AsNoTracking() on booking.ReceptionDayId equals day.Id
                         where booking.Status == BookingStatus.Pending && booking.CreatedAt < cutoff
                         select new { booking, day }).ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var item in due)
        {
            // Claimed by a conditional update (still pending): a concurrent run, or staff confirming at the same
            // moment, wins or loses the row as a whole, so one notice and never an expired confirmed booking.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Bookings
                .Where(b => b.Id == item.booking.Id && b.Status == BookingStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Expired), cancellationToken);
            if (claimed == 1)
            {
                notifications.BookingExpired(item.booking, item.day);
                await db.SaveChangesAsync(cancellationToken);
                expired++;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (expired > 0)
        {
            LogExpired(logger, expired);
        }

        return expired;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} unconfirmed bookings expired and freed their slots")]
    private static partial void LogExpired(ILogger logger, int count);
}

[DisallowConcurrentExecution]
internal sealed class ExpireBookingsJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new(nameof(ExpireBookingsJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BookingExpiry>().ExpireUnconfirmedAsync(cancellationToken);
    }
}
