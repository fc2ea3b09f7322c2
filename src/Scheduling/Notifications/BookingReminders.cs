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
        var due = await (from booking in db.Bookings
                         join day in db.ReceptionDays on booking.ReceptionDayId equals day.Id
                         where day.Date == tomorrow && day.Status == ReceptionDayStatus.Published
                               && (booking.Status == BookingStatus.Pending || booking.Status == BookingStatus.Confirmed)
                               && booking.ReminderQueuedAt == null
                         select new { booking, day }).ToListAsync(cancellationToken);
        foreach (var item in due)
        {
            item.booking.ReminderQueuedAt = clock.Now;
            notifications.Reminder(item.booking, item.day);
        }

        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
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
