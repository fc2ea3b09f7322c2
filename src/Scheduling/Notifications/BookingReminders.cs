using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace DaoVien.OnlineReception.Scheduling.Notifications;

/// <summary>Queues the day-before reminder for every active booking of tomorrow's reception days, once per booking.</summary>
internal sealed class BookingReminders(SchedulingDbContext db, NotificationComposer notifications, WardClock clock)
{
    public async Task<int> QueueForTomorrowAsync(CancellationToken cancellationToken)
    {
        var tomorrow = clock.Today.AddDays(1);
        var due = await (from booking in db.Bookings.AsNoTracking()
                         join day in db.ReceptionDays.AsNoTracking() on booking.ReceptionDayId equals day.Id
                         where day.Date == tomorrow && day.Status == ReceptionDayStatus.Published
                               && (booking.Status == BookingStatus.Pending || booking.Status == BookingStatus.Confirmed)
                               && booking.ReminderQueuedAt == null
                         select new { booking, day }).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var item in due)
        {
            // Claimed by a conditional update: of two concurrent runs only one gets the row, so one reminder.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.UtcNow;
            var claimed = await db.Bookings
                .Where(b => b.Id == item.booking.Id && b.ReminderQueuedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.ReminderQueuedAt, now), cancellationToken);
            if (claimed == 1)
            {
                notifications.Reminder(item.booking, item.day);
                await db.SaveChangesAsync(cancellationToken);
                queued++;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return queued;
    }
}

[DisallowConcurrentExecution]
internal sealed class SendRemindersJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new(nameof(SendRemindersJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BookingReminders>().QueueForTomorrowAsync(cancellationToken);
    }
}
